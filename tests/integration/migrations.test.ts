import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateDatabase, readMigrations } from "@/lib/server/migrations";
import { emptySqliteUrl } from "./databases";
import { createPostgresDatabase } from "./postgres-databases";
import { TEST_DATA_DIR } from "./global-setup";

describe("migration runner", () => {
  it("applies each migration once, records it as Prisma does, and is idempotent", async () => {
    const url = emptySqliteUrl();
    const names = readMigrations("sqlite").map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual(names);
    expect(await migrateDatabase(url)).toEqual([]);
    const db = new Database(url.slice("file:".length), { readonly: true });
    const rows = db
      .prepare(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations`)
      .all() as Array<{
      migration_name: string;
      checksum: string;
      finished_at: number | null;
      applied_steps_count: number;
    }>;
    db.close();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(
      rows.every(
        (row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at !== null && row.applied_steps_count === 1,
      ),
    ).toBe(true);
  });

  it("refuses a migration that was edited after it was applied, and rolls back a failing one", async () => {
    const root = mkdtempSync(path.join(TEST_DATA_DIR, "root-"));
    cpSync("prisma", path.join(root, "prisma"), { recursive: true });
    const url = emptySqliteUrl();
    await migrateDatabase(url, root);
    const [first] = readMigrations("sqlite", root);
    writeFileSync(path.join(root, "prisma/sqlite/migrations", first.name, "migration.sql"), `${first.sql}\n-- edited`);
    await expect(migrateDatabase(url, root)).rejects.toThrow(/was changed after it was applied/);

    const broken = path.join(root, "prisma/sqlite/migrations/99990101000000_broken");
    cpSync(path.join(root, "prisma/sqlite/migrations", first.name), broken, { recursive: true });
    writeFileSync(path.join(root, "prisma/sqlite/migrations", first.name, "migration.sql"), first.sql);
    writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "Partial" ("id" TEXT);\nTHIS IS NOT SQL;`);
    await expect(migrateDatabase(url, root)).rejects.toThrow();
    const db = new Database(url.slice("file:".length), { readonly: true });
    const partial = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Partial'`).get();
    db.close();
    expect(partial).toBeUndefined();
  });

  it("keeps the rows that reference a table a migration rebuilds (SQLite alters columns by rebuilding)", async () => {
    const root = mkdtempSync(path.join(TEST_DATA_DIR, "root-"));
    cpSync("prisma", path.join(root, "prisma"), { recursive: true });
    const rebuilding = readMigrations("sqlite", root).find((migration) =>
      migration.sql.includes('DROP TABLE "ProtectedItem"'),
    )!;
    expect(rebuilding).toBeDefined();
    // Migrate up to the rebuild, with data that references the table.
    const later = readMigrations("sqlite", root).filter((migration) => migration.name >= rebuilding.name);
    for (const migration of later)
      rmSync(path.join(root, "prisma/sqlite/migrations", migration.name), { recursive: true });
    const url = emptySqliteUrl();
    await migrateDatabase(url, root);
    const file = url.slice("file:".length);
    const db = new Database(file);
    db.exec(`INSERT INTO "Vault" (id, subscriptionId, resourceGroup, name, nameKey, location) VALUES ('v', 's', 'rg', 'vault', 'vault', 'westeurope');
      INSERT INTO "ProtectedItem" (id, vaultId, backupManagementType, friendlyName, containerName, itemName) VALUES ('i', 'v', 'MAB', 'D:\\Data', 'c', 'n');
      INSERT INTO "Job" (id, vaultId, protectedItemId, operation, status, startTime, entityFriendlyName, backupManagementType, subTasks, initiatedBy) VALUES ('j', 'v', 'i', 'Backup', 'Completed', '2026-01-01T00:00:00.000+00:00', 'D:\\Data', 'MAB', '[]', 'Scheduled');
      INSERT INTO "RecoveryPoint" (id, protectedItemId, jobId, time, type, inSnapshotTier, inVaultTier, retentionRules, sizeBytes) VALUES ('p', 'i', 'j', '2026-01-01T00:00:00.000+00:00', 'Full', 0, 1, '[]', 42);`);
    db.close();
    cpSync("prisma", path.join(root, "prisma"), { recursive: true });
    expect(await migrateDatabase(url, root)).toEqual(later.map((migration) => migration.name));
    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT protectedItemId FROM "Job" WHERE id = 'j'`).get()).toEqual({ protectedItemId: "i" });
    expect(
      after
        .prepare(
          `SELECT "ProtectedItem".id, storedBytes FROM "RecoveryPoint" JOIN "ProtectedItem" ON "ProtectedItem".id = "RecoveryPoint".protectedItemId`,
        )
        .get(),
    ).toEqual({ id: "i", storedBytes: 42 });
    after.close();
  });
});

/** A database migrated up to (not including) the first migration named `name`, and the root whose prisma/ holds only those. */
async function migratedBefore(provider: "sqlite" | "postgres", name: string) {
  const root = mkdtempSync(path.join(TEST_DATA_DIR, "root-"));
  cpSync("prisma", path.join(root, "prisma"), { recursive: true });
  for (const migration of readMigrations(provider, root).filter((candidate) => candidate.name >= name)) {
    rmSync(path.join(root, "prisma", provider, "migrations", migration.name), { recursive: true });
  }
  const created =
    provider === "postgres"
      ? await createPostgresDatabase(process.env.TEST_PG_URL!)
      : { url: emptySqliteUrl(), drop: async () => {} };
  await migrateDatabase(created.url, root);
  return { ...created, root };
}

/** Runs SQL on either database: `?` placeholders, rows as objects. */
async function query(
  provider: "sqlite" | "postgres",
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Array<Record<string, unknown>>> {
  if (provider === "sqlite") {
    const db = new Database(url.slice("file:".length));
    try {
      const statement = db.prepare(sql);
      return statement.reader
        ? (statement.all(...values) as Array<Record<string, unknown>>)
        : (statement.run(...values), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let index = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++index}`),
        values,
      )
    ).rows;
  } finally {
    await client.end();
  }
}

describe.each(["sqlite", "postgres"] as const)(
  "the migration to per-user pins and database-held invariants (%s)",
  (provider) => {
    it.skipIf(provider === "postgres" && !process.env.TEST_PG_URL)(
      "gives each user who sees a pinned vault their own pin, closes all but the earliest running backup of an item, and counts today's on-demand backups",
      async () => {
        const migration = readMigrations(provider).find((candidate) =>
          candidate.name.endsWith("_per-user-pins-and-write-invariants"),
        )!;
        const { url, drop, root } = await migratedBefore(provider, migration.name);
        // Each database as Prisma stores a DateTime.
        const at = (date: Date) =>
          provider === "sqlite"
            ? date.toISOString().replace("Z", "+00:00")
            : date.toISOString().replace("T", " ").replace("Z", "");
        const now = new Date();
        const run = (sql: string, values: unknown[] = []) => query(provider, url, sql, values);
        try {
          for (const vault of ["v1", "v2"])
            await run(
              `INSERT INTO "Vault" ("id", "subscriptionId", "resourceGroup", "name", "nameKey", "location") VALUES (?, 's', 'rg', ?, ?, 'westeurope')`,
              [vault, vault, vault],
            );
          for (const [id, role] of [
            ["owner", "admin"],
            ["reader", "user"],
            ["stranger", "user"],
          ]) {
            await run(`INSERT INTO "User" ("id", "name", "email", "role", "updatedAt") VALUES (?, ?, ?, ?, ?)`, [
              id,
              id,
              `${id}@contoso.com`,
              role,
              at(now),
            ]);
          }
          await run(
            `INSERT INTO "VaultRoleAssignment" ("id", "userId", "vaultId", "role") VALUES ('a1', 'reader', 'v1', 'Reader')`,
          );
          for (const vault of ["v1", "v2"])
            await run(`INSERT INTO "DashboardPin" ("id", "vaultId") VALUES (?, ?)`, [`pin-${vault}`, vault]);
          for (const item of ["i1", "i2"])
            await run(
              `INSERT INTO "ProtectedItem" ("id", "vaultId", "backupManagementType", "friendlyName", "containerName", "itemName") VALUES (?, 'v1', 'MAB', ?, 'c', ?)`,
              [item, item, item],
            );
          const job = (id: string, itemId: string, status: string, startTime: Date, retainUntil: Date | null) =>
            run(
              `INSERT INTO "Job" ("id", "vaultId", "protectedItemId", "operation", "status", "startTime", "retainUntil", "entityFriendlyName", "backupManagementType", "subTasks", "initiatedBy") VALUES (?, 'v1', ?, 'Backup', ?, ?, ?, 'D:\\Data', 'MAB', '[]', 'Scheduled')`,
              [id, itemId, status, at(startTime), retainUntil && at(retainUntil)],
            );
          const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
          const later = new Date(now.getTime() + 30 * 86_400_000);
          await job("running-first", "i1", "InProgress", minutesAgo(2), null);
          await job("running-second", "i1", "Cancelling", minutesAgo(1), null);
          await job(
            "on-demand-today",
            "i2",
            "Completed",
            new Date(Math.max(minutesAgo(1).getTime(), Math.floor(now.getTime() / 86_400_000) * 86_400_000)),
            later,
          );
          await job("on-demand-yesterday", "i2", "Completed", new Date(now.getTime() - 86_400_000), later);

          cpSync("prisma", path.join(root, "prisma"), { recursive: true });
          expect(await migrateDatabase(url, root)).toEqual([
            migration.name,
            ...readMigrations(provider)
              .filter((candidate) => candidate.name > migration.name)
              .map((candidate) => candidate.name),
          ]);
          expect(await run(`SELECT "userId", "vaultId" FROM "DashboardPin" ORDER BY "userId", "vaultId"`)).toEqual([
            { userId: "owner", vaultId: "v1" },
            { userId: "owner", vaultId: "v2" },
            { userId: "reader", vaultId: "v1" },
          ]);
          const jobs = await run(
            `SELECT "id", "status", "errorMessage" FROM "Job" WHERE "protectedItemId" = 'i1' ORDER BY "id"`,
          );
          expect(jobs).toEqual([
            { id: "running-first", status: "InProgress", errorMessage: null },
            {
              id: "running-second",
              status: "Failed",
              errorMessage: expect.stringContaining("an earlier backup of this item was running"),
            },
          ]);
          const counts = await run(`SELECT "id", "onDemandCount" FROM "ProtectedItem" ORDER BY "id"`);
          expect(counts.map((row) => [row.id, Number(row.onDemandCount)])).toEqual([
            ["i1", 0],
            ["i2", 1],
          ]);
          // The index holds from now on.
          await expect(job("running-third", "i1", "InProgress", now, null)).rejects.toThrow(/unique/i);
        } finally {
          await drop();
        }
      },
    );
  },
);
