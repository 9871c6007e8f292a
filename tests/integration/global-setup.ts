// Prepares, once per run, the databases test files start from (see databases.ts): a migrated
// SQLite file and one with the demo estate seeded, and, when TEST_PG_URL is set, the same two as
// PostgreSQL template databases. Seeding the demo estate takes 20–35 s of CPU per database, so it
// happens here once rather than in each file that reads it.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../lib/server/db";
import { migrateDatabase } from "../../lib/server/migrations";
import { seedDemoEstate } from "../../lib/server/seed/demo-estate";
import { createPostgresDatabase } from "./postgres-databases";

export const TEST_DATA_DIR = path.resolve(".test-data");
export const SQLITE_TEMPLATE = path.join(TEST_DATA_DIR, "template.db");
export const SQLITE_DEMO_TEMPLATE = path.join(TEST_DATA_DIR, "demo-template.db");
/** The instant the demo estate of the templates was seeded at (the tests that read it count from it). */
export const DEMO_SEEDED_AT = new Date("2026-11-26T10:00:00Z");

export type PostgresTemplates = { migrated: string; demo: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplates: PostgresTemplates | null;
  }
}

/** Migrates both databases and seeds the demo estate into the second. */
async function prepareTemplates(migratedUrl: string, demoUrl: string) {
  await Promise.all([migrateDatabase(migratedUrl), migrateDatabase(demoUrl)]);
  const db = createDb(demoUrl);
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
  await Promise.all([
    prepareTemplates(`file:${SQLITE_TEMPLATE}`, `file:${SQLITE_DEMO_TEMPLATE}`),
    migrated && demo ? prepareTemplates(migrated.url, demo.url) : null,
  ]);
  project.provide("postgresTemplates", migrated && demo ? { migrated: migrated.name, demo: demo.name } : null);
  return async () => {
    rmSync(TEST_DATA_DIR, { recursive: true, force: true });
    await Promise.all([migrated?.drop(), demo?.drop()]);
  };
}
