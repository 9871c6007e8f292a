// Applies prisma/<provider>/migrations/*/migration.sql in order, each in its own transaction,
// and records them in Prisma's own `_prisma_migrations` table (same columns, same sha256
// checksum) so the Prisma CLI sees the same history. We run them ourselves because Prisma 6.19's
// js-engine `migrate deploy` needs adapter workarounds on PostgreSQL (docs/decisions/0013).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { counted } from "@/lib/domain/format/count";
import { type DatabaseProvider, providerOf, sqliteFilePath } from "./database-url";

export type Migration = { name: string; sql: string; checksum: string };

export function migrationsDir(provider: DatabaseProvider, root = process.cwd()): string {
  return path.join(root, "prisma", provider, "migrations");
}

export function readMigrations(provider: DatabaseProvider, root = process.cwd()): Migration[] {
  const dir = migrationsDir(provider, root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type AppliedMigration = { migration_name: string; checksum: string; finished_at: unknown };

/** What applying a migration needs from a connection; one implementation per database. */
interface MigrationTarget {
  ensureHistoryTable(): Promise<void>;
  applied(): Promise<AppliedMigration[]>;
  apply(migration: Migration): Promise<void>;
  close(): Promise<void>;
}

function sqliteTarget(url: string): MigrationTarget {
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const connection = new Database(file);
  connection.pragma("busy_timeout = 10000");
  // Kept by the file: readers don't wait for the writer, and a commit costs one append to the log.
  connection.pragma("journal_mode = WAL");
  return {
    async ensureHistoryTable() {
      connection.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
        "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
        "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
        "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    },
    async applied() {
      return connection
        .prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`)
        .all() as AppliedMigration[];
    },
    async apply(migration) {
      const now = Date.now();
      // A migration that rebuilds a table (SQLite's way of altering a column) drops the old one:
      // with foreign keys on, that would delete or orphan every row referencing it. SQLite ignores
      // this pragma inside a transaction, so it is set around it; the keys are checked before commit.
      connection.pragma("foreign_keys = OFF");
      // IMMEDIATE takes the write lock first, so two processes starting together apply it once.
      connection.exec("BEGIN IMMEDIATE");
      try {
        const done = connection
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL`)
          .get(migration.name);
        if (!done) {
          connection.exec(migration.sql);
          const violations = connection.pragma("foreign_key_check") as unknown[];
          if (violations.length > 0)
            throw new Error(
              `Migration ${migration.name} would leave ${counted(violations.length, "row")} referencing missing rows.`,
            );
          connection
            .prepare(
              `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
            )
            .run(randomUUID(), migration.checksum, migration.name, now, Date.now());
        }
        connection.exec("COMMIT");
      } catch (error) {
        connection.exec("ROLLBACK");
        throw error;
      } finally {
        connection.pragma("foreign_keys = ON");
      }
    },
    async close() {
      connection.close();
    },
  };
}

// Any fixed number: it names the advisory lock that serialises migrations across instances.
const POSTGRES_MIGRATION_LOCK = 72_707_369;

function postgresTarget(url: string): MigrationTarget {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async ensureHistoryTable() {
      await connected;
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    },
    async applied() {
      const result = await client.query<AppliedMigration>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      return result.rows;
    },
    async apply(migration) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [POSTGRES_MIGRATION_LOCK]);
        const done = await client.query(
          `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
          [migration.name],
        );
        if (done.rowCount === 0) {
          const startedAt = new Date();
          // A query without parameters uses the simple protocol, which runs a whole script.
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}

/** Applies the pending migrations; returns the names applied. Refuses a history that was edited. */
export async function migrateDatabase(url: string, root = process.cwd()): Promise<string[]> {
  const provider = providerOf(url);
  const target = provider === "postgres" ? postgresTarget(url) : sqliteTarget(url);
  try {
    await target.ensureHistoryTable();
    const applied = new Map((await target.applied()).map((row) => [row.migration_name, row]));
    const pending: Migration[] = [];
    for (const migration of readMigrations(provider, root)) {
      const done = applied.get(migration.name);
      if (!done) pending.push(migration);
      else if (done.checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
    }
    for (const migration of pending) await target.apply(migration);
    return pending.map((migration) => migration.name);
  } finally {
    await target.close();
  }
}
