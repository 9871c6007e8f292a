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
import { createPostgresDatabase } from "./databases";
import { TEST_DATA_DIR } from "./global-setup";
import { postgresCatalog, sqliteCatalog } from "./schema-catalog";

function schemaScript(provider: "sqlite" | "postgres", databaseUrl: string): string {
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", `prisma/${provider}/schema.prisma`, "--script"],
    { env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" }, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
}

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
    expect(sqliteCatalog(migrated)).toEqual(sqliteCatalog(fromSchema));
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
      expect(await postgresCatalog(migrated.url)).toEqual(await postgresCatalog(fromSchema.url));
    });
  });
});
