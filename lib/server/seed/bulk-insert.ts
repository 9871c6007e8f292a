// Bulk inserts for the scale seed, around Prisma (whose row-by-row createMany manages about 2,000
// jobs a second): prepared statements in one transaction per batch on SQLite, `unnest` arrays on
// PostgreSQL. Values are stored as Prisma stores them, so Prisma reads them back unchanged.
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "@/lib/server/database-url";

/** A column and how it is stored: text, a PostgreSQL enum type's name, or another kind. */
export type ColumnKind = "text" | "int" | "bigint" | "bool" | "timestamp" | "json" | { enum: string };
export type Row = Record<string, unknown>;

export type BulkInserter = {
  insert(table: string, columns: Record<string, ColumnKind>, rows: Row[]): Promise<void>;
  close(): Promise<void>;
};

function sqliteValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "timestamp") return (value as Date).toISOString().replace("Z", "+00:00");
  if (kind === "bool") return value ? 1 : 0;
  if (kind === "json") return JSON.stringify(value);
  return value;
}

function pgType(kind: ColumnKind): string {
  if (typeof kind === "object") return `"${kind.enum}"[]`;
  return {
    text: "text[]",
    int: "int4[]",
    bigint: "int8[]",
    bool: "bool[]",
    timestamp: "timestamp(3)[]",
    json: "jsonb[]",
  }[kind];
}

function pgValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "timestamp") return (value as Date).toISOString();
  if (kind === "json") return JSON.stringify(value);
  if (kind === "bigint") return String(value);
  return value;
}

export async function bulkInserter(url: string): Promise<BulkInserter> {
  if (providerOf(url) === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = new Set<string>();
    return {
      async insert(table, columns, rows) {
        tables.add(table);
        const names = Object.keys(columns);
        const arrays = names.map((name) => rows.map((row) => pgValue(row[name], columns[name])));
        const selects = names.map((name, index) => `$${index + 1}::${pgType(columns[name])}`).join(", ");
        await client.query(
          `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(", ")}) SELECT * FROM unnest(${selects})`,
          arrays,
        );
      },
      // The planner's statistics, as autovacuum gathers them once a table has grown by a tenth: right
      // after a bulk load it hasn't yet, and the retention sweep's first query over 1,000,000 fresh
      // points took 10 s on a guessed plan instead of a fraction of one.
      async close() {
        for (const table of tables) await client.query(`ANALYZE "${table}"`);
        await client.end();
      },
    };
  }
  const sqlite = new Database(sqliteFilePath(url));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  return {
    async insert(table, columns, rows) {
      const names = Object.keys(columns);
      const statement = sqlite.prepare(
        `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
      );
      sqlite.transaction(() => {
        for (const row of rows) statement.run(names.map((name) => sqliteValue(row[name], columns[name])));
      })();
    },
    async close() {
      sqlite.pragma("synchronous = NORMAL");
      sqlite.close();
    },
  };
}
