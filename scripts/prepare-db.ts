// Run by `npm start` before the server: applies pending migrations; on an empty database seeds
// the demo estate and its demo users; makes sure the portal has an Owner (from ADMIN_EMAIL and
// ADMIN_PASSWORD, or through a one-time set-up link printed here). `--no-seed` only migrates.
import { authSecret, createAuth } from "@/lib/server/auth/auth";
import { ensureOwner, seedDemoUsers } from "@/lib/server/auth/users";
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { migrateDatabase } from "@/lib/server/migrations";
import { databaseIsEmpty, pinDemoVault, seedDemoEstate } from "@/lib/server/seed/demo-estate";

const url = resolveDatabaseUrl();
const applied = await migrateDatabase(url);
console.log(applied.length > 0 ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
if (!process.argv.includes("--no-seed")) {
  const db = createDb(url);
  try {
    const auth = createAuth(db, await authSecret(db), url);
    const seeding = await databaseIsEmpty(db);
    if (seeding) {
      const started = Date.now();
      // The history's thousand job transitions are not news at start-up.
      logger.level = process.env.LOG_LEVEL ?? "warn";
      await seedDemoEstate(db, new Date());
      await seedDemoUsers(auth, db);
      console.log(`Seeded the demo estate and its users in ${Date.now() - started} ms.`);
    }
    const owner = await ensureOwner(auth, db);
    // Pins are per user: the demo's go on the dashboards once its users and the Owner exist.
    if (seeding) await pinDemoVault(db);
    if (owner && "created" in owner) console.log(`Created the Owner ${owner.created}.`);
    if (owner && "setupToken" in owner) {
      const base =
        process.env.BETTER_AUTH_URL ?? `http://${process.env.HOST ?? "127.0.0.1"}:${process.env.PORT ?? 3000}`;
      console.log(
        `\nNo Owner yet. Open this link to create one (it works once):\n  ${base}/setup?token=${owner.setupToken}\n`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}
