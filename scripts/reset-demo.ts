// npm run db:reset-demo: wipes the estate in DATABASE_URL and seeds the demo estate again (users stay).
import { authSecret, createAuth } from "@/lib/server/auth/auth";
import { seedDemoUsers } from "@/lib/server/auth/users";
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { clearDatabase, pinDemoVault, seedDemoEstate } from "@/lib/server/seed/demo-estate";

const url = resolveDatabaseUrl();
await migrateDatabase(url);
const db = createDb(url);
try {
  await clearDatabase(db);
  await seedDemoEstate(db, new Date());
  await seedDemoUsers(createAuth(db, await authSecret(db), url), db);
  await pinDemoVault(db);
  console.log("The demo estate was recreated.");
} finally {
  await db.$disconnect();
}
