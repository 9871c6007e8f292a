// npm run seed:scale: the benchmark estate (one vault, 2,000 items, a year at 3 backups a day) in
// the database of DATABASE_URL (SQLite or PostgreSQL), migrated first. Refuses a database that has it already.
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { SCALE_VAULT, seedScaleEstate } from "@/lib/server/seed/scale-estate";

const url = resolveDatabaseUrl();
await migrateDatabase(url);
const db = createDb(url);
try {
  if (await db.vault.findFirst({ where: { nameKey: SCALE_VAULT.name } })) {
    console.error(`${SCALE_VAULT.name} exists in this database already; seed an empty one (DATABASE_URL=…).`);
    process.exitCode = 2;
  } else {
    const started = Date.now();
    const estate = await seedScaleEstate(db, url, new Date(), (message) =>
      console.log(`${((Date.now() - started) / 1000).toFixed(0)} s: ${message}`),
    );
    console.log(
      `Seeded ${SCALE_VAULT.name}: ${estate.items} items, ${estate.jobs.toLocaleString("en-US")} jobs, ${estate.recoveryPoints.toLocaleString("en-US")} recovery points in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
} finally {
  await db.$disconnect();
}
