// Real databases for integration tests: a copy of a SQLite template file per test file and, when
// TEST_PG_URL is set, a uniquely named copy of a PostgreSQL template database, dropped after the
// file. The templates (migrated, or migrated with the demo estate) are made once in global-setup.ts.
import { copyFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createDb, type Db } from "../../lib/server/db";
import { DEMO_READY, SQLITE_DEMO_TEMPLATE, SQLITE_TEMPLATE, TEST_DATA_DIR } from "./global-setup";
import { createPostgresDatabase, uniqueName } from "./postgres-databases";

export { DEMO_SEEDED_AT } from "./global-setup";

export type TestDatabase = { provider: "sqlite" | "postgres"; url: string; db: Db };

/** What a test file's database starts with: the schema only, or the demo estate seeded at DEMO_SEEDED_AT. */
export type StartingData = "empty" | "demo";

export function emptySqliteUrl(): string {
  return `file:${path.join(TEST_DATA_DIR, `${uniqueName("empty")}.db`)}`;
}

/** Waits for global setup to have seeded the demo templates (it does so while the first files run). */
async function demoTemplatesReady(): Promise<void> {
  for (;;) {
    const state = await readFile(DEMO_READY, "utf8").catch(() => null);
    if (state === "ready") return;
    if (state !== null) throw new Error(state);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Runs `define` once per database: SQLite always, PostgreSQL when TEST_PG_URL is set. Each gets its
 * own migrated database for the test file, holding `startingData`; `define` receives a getter for it.
 */
export function describeOnDatabases(
  title: string,
  define: (database: () => TestDatabase) => void,
  startingData: StartingData = "empty",
) {
  for (const provider of ["sqlite", "postgres"] as const) {
    describe.skipIf(provider === "postgres" && !process.env.TEST_PG_URL)(`${title} (${provider})`, () => {
      let current: TestDatabase;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        let url: string;
        if (startingData === "demo") await demoTemplatesReady();
        if (provider === "sqlite") {
          url = `file:${path.join(TEST_DATA_DIR, `${uniqueName("test")}.db`)}`;
          copyFileSync(startingData === "demo" ? SQLITE_DEMO_TEMPLATE : SQLITE_TEMPLATE, url.slice("file:".length));
        } else {
          const templates = inject("postgresTemplates");
          if (!templates) throw new Error("global-setup.ts made no PostgreSQL templates: is TEST_PG_URL set?");
          const created = await createPostgresDatabase(
            process.env.TEST_PG_URL!,
            "vp_test",
            startingData === "demo" ? templates.demo : templates.migrated,
          );
          url = created.url;
          drop = created.drop;
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
