// Real databases for integration tests: a copy of the migrated SQLite template per test file,
// and, when TEST_PG_URL is set, a uniquely named PostgreSQL database created and dropped here.
import { randomBytes } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Db } from "../../lib/server/db";
import { migrateDatabase } from "../../lib/server/migrations";
import { SQLITE_TEMPLATE, TEST_DATA_DIR } from "./global-setup";

export type TestDatabase = { provider: "sqlite" | "postgres"; url: string; db: Db };

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** Connection URL of a database named `name` on the server of `baseUrl`. */
export function withDatabaseName(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName("vp_test");
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabaseName(baseUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export function emptySqliteUrl(): string {
  return `file:${path.join(TEST_DATA_DIR, `${uniqueName("empty")}.db`)}`;
}

/**
 * Runs `define` once per database: SQLite always, PostgreSQL when TEST_PG_URL is set. Each gets a
 * fresh, migrated database for the test file; `define` receives a getter for it.
 */
export function describeOnDatabases(title: string, define: (database: () => TestDatabase) => void) {
  for (const provider of ["sqlite", "postgres"] as const) {
    describe.skipIf(provider === "postgres" && !process.env.TEST_PG_URL)(`${title} (${provider})`, () => {
      let current: TestDatabase;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        let url: string;
        if (provider === "sqlite") {
          url = `file:${path.join(TEST_DATA_DIR, `${uniqueName("test")}.db`)}`;
          copyFileSync(SQLITE_TEMPLATE, url.slice("file:".length));
        } else {
          const created = await createPostgresDatabase(process.env.TEST_PG_URL!);
          url = created.url;
          drop = created.drop;
          await migrateDatabase(url);
        }
        current = { provider, url, db: createDb(url) };
      });
      afterAll(async () => {
        await current?.db.$disconnect();
        await drop?.();
      });
      define(() => current);
    });
  }
}
