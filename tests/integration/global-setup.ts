// Migrates one SQLite template database per run; each test file copies it (see databases.ts).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "../../lib/server/migrations";

export const TEST_DATA_DIR = path.resolve(".test-data");
export const SQLITE_TEMPLATE = path.join(TEST_DATA_DIR, "template.db");

export default async function setup() {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DATA_DIR, { recursive: true });
  await migrateDatabase(`file:${SQLITE_TEMPLATE}`);
  return () => rmSync(TEST_DATA_DIR, { recursive: true, force: true });
}
