import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { providerOf, resolveDatabaseUrl, sqliteFilePath } from "./database-url";

/** Both generated clients expose the same model API because they come from one schema. */
export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * How long a SQLite write waits for another process's write transaction (several engines, or a
 * worker beside the web server, on one file) before failing: better-sqlite3's 5 s default was
 * passed on a loaded 2-core machine while the other process sat between two statements.
 */
const SQLITE_BUSY_TIMEOUT_MS = 30_000;

/**
 * Every interactive transaction's limits: waiting for a connection (or, on SQLite, for the one
 * writer) and running. Prisma's defaults (2 s and 5 s) failed engine ticks and sweeps on a 2-core
 * machine busy with other work, though nothing was stuck; a failed tick only repeats the work later.
 */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 };

/**
 * Starts every SQLite transaction with BEGIN IMMEDIATE, taking the write lock first. Prisma's
 * adapter starts them DEFERRED: a transaction that reads, then writes after another process
 * committed, gets SQLITE_BUSY at once in WAL mode (its snapshot is stale, so waiting can't help),
 * and two engines, or an engine beside the web server, failed each other's transactions with
 * "database is locked". Taken first, the lock is waited for (the busy timeout) instead.
 */
class ImmediateTransactions extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client: Pick<Database.Database, "prepare"> }).client;
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

export function createDb(url = resolveDatabaseUrl()): Db {
  if (providerOf(url) === "postgres") {
    return new PostgresClient({
      adapter: new PrismaPg({ connectionString: url }),
      transactionOptions: TRANSACTION_OPTIONS,
    }) as unknown as Db;
  }
  mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  return new SqliteClient({
    adapter: new ImmediateTransactions({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
}

const globalForDb = globalThis as unknown as { vaultPortalDb?: Db };

/** The process-wide client, created on first use. */
export function getDb(): Db {
  globalForDb.vaultPortalDb ??= createDb();
  return globalForDb.vaultPortalDb;
}

/** Whether the database refused a write for a unique key (Prisma's P2002, on either database). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/**
 * Runs a check-then-write transaction once more when the database refused its write for a unique
 * key that another transaction took after the check: the second run sees that row (the database
 * raises the violation only once the other transaction committed) and answers as the check does,
 * not with a 500. The keys hold the invariant; this only picks the answer.
 */
export async function retryOnUniqueViolation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}
