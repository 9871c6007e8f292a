// Prepares, once per run, the databases test files start from (see databases.ts): a migrated
// SQLite file and one with the demo estate seeded, and, when TEST_PG_URL is set, the same two as
// PostgreSQL template databases. Seeding the demo estate takes 20–35 s of CPU per database, so it
// happens here once rather than in each file that reads it, and while the first files run: the
// few files that start from it wait for DEMO_READY.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../lib/server/db";
import { migrateDatabase } from "../../lib/server/migrations";
import { seedDemoEstate } from "../../lib/server/seed/demo-estate";
import { createPostgresDatabase } from "./postgres-databases";

export const TEST_DATA_DIR = path.resolve(".test-data");
export const SQLITE_TEMPLATE = path.join(TEST_DATA_DIR, "template.db");
export const SQLITE_DEMO_TEMPLATE = path.join(TEST_DATA_DIR, "demo-template.db");
/** Written when the demo templates are seeded: "ready", or why seeding failed. */
export const DEMO_READY = path.join(TEST_DATA_DIR, "demo-ready");
/** The instant the demo estate of the templates was seeded at (the tests that read it count from it). */
export const DEMO_SEEDED_AT = new Date("2026-11-26T10:00:00Z");

export type PostgresTemplates = { migrated: string; demo: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplates: PostgresTemplates | null;
  }
}

/** Migrates the database at `url` and seeds the demo estate into it. */
async function prepareDemoTemplate(url: string) {
  await migrateDatabase(url);
  const db = createDb(url);
  try {
    await seedDemoEstate(db, DEMO_SEEDED_AT);
  } finally {
    await db.$disconnect();
  }
}

export default async function setup(project: TestProject) {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DATA_DIR, { recursive: true });
  const pgUrl = process.env.TEST_PG_URL;
  const [migrated, demo] = pgUrl
    ? await Promise.all([createPostgresDatabase(pgUrl, "vp_template"), createPostgresDatabase(pgUrl, "vp_demo")])
    : [null, null];
  await Promise.all([migrateDatabase(`file:${SQLITE_TEMPLATE}`), migrated ? migrateDatabase(migrated.url) : null]);
  project.provide("postgresTemplates", migrated && demo ? { migrated: migrated.name, demo: demo.name } : null);
  // Not awaited: the tests start meanwhile.
  const seeding = Promise.all([
    prepareDemoTemplate(`file:${SQLITE_DEMO_TEMPLATE}`),
    demo ? prepareDemoTemplate(demo.url) : null,
  ]).then(
    () => writeFileSync(DEMO_READY, "ready"),
    (error: Error) => writeFileSync(DEMO_READY, `Seeding the demo estate failed: ${error.stack ?? error.message}`),
  );
  return async () => {
    await seeding;
    rmSync(TEST_DATA_DIR, { recursive: true, force: true });
    await Promise.all([migrated?.drop(), demo?.drop()]);
  };
}
