// Fails when the schema, the generated PostgreSQL schema and the migrations of either provider
// disagree: the migrations must build exactly what the schema describes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/server/migrations";
import { postgresSchemaFrom } from "../../scripts/gen-pg-schema.mjs";
import { createPostgresDatabase } from "./postgres-databases";
import { TEST_DATA_DIR } from "./global-setup";
import { postgresCatalog, sqliteCatalog } from "./schema-catalog";

function schemaScript(provider: "sqlite" | "postgres", databaseUrl: string): string {
  return execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      `prisma/${provider}/schema.prisma`,
      "--script",
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
}

/**
 * What the migrations write by hand because the schema can't express it (a partial unique index;
 * the schema's comments name it), as each database reports it: the migrated database has exactly
 * these on top of what the schema describes. A SQLite migration that rebuilds one's table must
 * create it again.
 */
const HAND_WRITTEN_INDEXES = [
  {
    table: "Alert",
    name: "Alert_one_open_per_key",
    sqlite: `CREATE UNIQUE INDEX "Alert_one_open_per_key" ON "Alert"("scopeKey", "alertType", "errorCode") WHERE "condition" = 'Fired' AND "state" <> 'Closed'`,
    postgres: `CREATE UNIQUE INDEX "Alert_one_open_per_key" ON public."Alert" USING btree ("scopeKey", "alertType", "errorCode") WHERE ((condition = 'Fired'::"AlertCondition") AND (state <> 'Closed'::"AlertState"))`,
  },
  {
    table: "Job",
    name: "Job_one_running_backup_per_item",
    sqlite: `CREATE UNIQUE INDEX "Job_one_running_backup_per_item" ON "Job"("protectedItemId") WHERE "operation" = 'Backup' AND "status" IN ('InProgress', 'Cancelling')`,
    postgres: `CREATE UNIQUE INDEX "Job_one_running_backup_per_item" ON public."Job" USING btree ("protectedItemId") WHERE ((operation = 'Backup'::"JobOperation") AND (status = ANY (ARRAY['InProgress'::"JobStatus", 'Cancelling'::"JobStatus"])))`,
  },
  {
    table: "Job",
    name: "Job_one_running_maintenance_per_server",
    sqlite: `CREATE UNIQUE INDEX "Job_one_running_maintenance_per_server" ON "Job"("backupServerId", "operation") WHERE "backupServerId" IS NOT NULL AND "status" IN ('InProgress', 'Cancelling')`,
    postgres: `CREATE UNIQUE INDEX "Job_one_running_maintenance_per_server" ON public."Job" USING btree ("backupServerId", operation) WHERE (("backupServerId" IS NOT NULL) AND (status = ANY (ARRAY['InProgress'::"JobStatus", 'Cancelling'::"JobStatus"])))`,
  },
];
const handWritten = new Set(HAND_WRITTEN_INDEXES.map((index) => index.name));

describe("schema drift", () => {
  it("prisma/postgres/schema.prisma is generated from the SQLite schema (run npm run db:generate)", () => {
    const sqlite = readFileSync("prisma/sqlite/schema.prisma", "utf8");
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(postgresSchemaFrom(sqlite));
  });

  it("the SQLite migrations build what the schema describes (run npm run db:new-migration)", async () => {
    const migrated = path.join(TEST_DATA_DIR, "drift-migrated.db");
    const fromSchema = path.join(TEST_DATA_DIR, "drift-schema.db");
    await migrateDatabase(`file:${migrated}`);
    const db = new Database(fromSchema);
    db.exec(schemaScript("sqlite", "file::memory:"));
    db.close();
    const migratedDb = new Database(migrated, { readonly: true });
    const definitions = migratedDb
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
      .all() as Array<{ name: string; sql: string }>;
    migratedDb.close();
    expect(definitions.filter((index) => handWritten.has(index.name))).toEqual(
      HAND_WRITTEN_INDEXES.map((index) => ({ name: index.name, sql: index.sqlite })),
    );
    const withoutHandWritten = sqliteCatalog(migrated).map((table) => ({
      ...table,
      indexes: table.indexes.filter((index) => !handWritten.has(index.name)),
    }));
    expect(withoutHandWritten).toEqual(sqliteCatalog(fromSchema));
  });

  describe.skipIf(!process.env.TEST_PG_URL)("PostgreSQL", () => {
    const drops: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });

    it("the PostgreSQL migrations build what the schema describes (run npm run db:new-migration)", async () => {
      const migrated = await createPostgresDatabase(process.env.TEST_PG_URL!);
      const fromSchema = await createPostgresDatabase(process.env.TEST_PG_URL!);
      drops.push(migrated.drop, fromSchema.drop);
      await migrateDatabase(migrated.url);
      const client = new pg.Client({ connectionString: fromSchema.url });
      await client.connect();
      await client.query(schemaScript("postgres", fromSchema.url));
      await client.end();
      const catalog = await postgresCatalog(migrated.url);
      expect(catalog.indexes.filter((index) => handWritten.has(index.indexname))).toEqual(
        HAND_WRITTEN_INDEXES.map((index) => ({
          tablename: index.table,
          indexname: index.name,
          indexdef: index.postgres,
        })),
      );
      expect({ ...catalog, indexes: catalog.indexes.filter((index) => !handWritten.has(index.indexname)) }).toEqual(
        await postgresCatalog(fromSchema.url),
      );
    });
  });
});
