import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { providerOf, resolveDatabaseUrl, sqliteFilePath } from "./database-url";

/** Both generated clients expose the same model API because they come from one schema. */
export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(url = resolveDatabaseUrl()): Db {
  if (providerOf(url) === "postgres") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

const globalForDb = globalThis as unknown as { vaultPortalDb?: Db };

/** The process-wide client, created on first use. */
export function getDb(): Db {
  globalForDb.vaultPortalDb ??= createDb();
  return globalForDb.vaultPortalDb;
}
