// Run by `npm start` before the server: applies pending migrations and, on an empty database,
// seeds the demo estate. `--no-seed` only migrates.
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { databaseIsEmpty, seedDemoEstate } from "@/lib/server/seed/demo-estate";

const url = resolveDatabaseUrl();
const applied = await migrateDatabase(url);
console.log(applied.length > 0 ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
if (!process.argv.includes("--no-seed")) {
  const db = createDb(url);
  try {
    if (await databaseIsEmpty(db)) {
      const started = Date.now();
      await seedDemoEstate(db, new Date());
      console.log(`Seeded the demo estate in ${Date.now() - started} ms.`);
    }
  } finally {
    await db.$disconnect();
  }
}
