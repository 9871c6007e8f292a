// npm run db:reset-demo: wipes the database in DATABASE_URL and seeds the demo estate again.
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { clearDatabase, seedDemoEstate } from "@/lib/server/seed/demo-estate";

const url = resolveDatabaseUrl();
await migrateDatabase(url);
const db = createDb(url);
try {
  await clearDatabase(db);
  await seedDemoEstate(db, new Date());
  console.log("The demo estate was recreated.");
} finally {
  await db.$disconnect();
}
