import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase, readMigrations } from "@/lib/server/migrations";
import { emptySqliteUrl } from "./databases";
import { TEST_DATA_DIR } from "./global-setup";

describe("migration runner", () => {
  it("applies each migration once, records it as Prisma does, and is idempotent", async () => {
    const url = emptySqliteUrl();
    const names = readMigrations("sqlite").map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual(names);
    expect(await migrateDatabase(url)).toEqual([]);
    const db = new Database(url.slice("file:".length), { readonly: true });
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations`).all() as Array<{
      migration_name: string;
      checksum: string;
      finished_at: number | null;
      applied_steps_count: number;
    }>;
    db.close();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
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
    const rebuilding = readMigrations("sqlite", root).find((migration) => migration.sql.includes('DROP TABLE "ProtectedItem"'))!;
    expect(rebuilding).toBeDefined();
    // Migrate up to the rebuild, with data that references the table.
    const later = readMigrations("sqlite", root).filter((migration) => migration.name >= rebuilding.name);
    for (const migration of later) rmSync(path.join(root, "prisma/sqlite/migrations", migration.name), { recursive: true });
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
    expect(after.prepare(`SELECT "ProtectedItem".id, storedBytes FROM "RecoveryPoint" JOIN "ProtectedItem" ON "ProtectedItem".id = "RecoveryPoint".protectedItemId`).get()).toEqual({ id: "i", storedBytes: 42 });
    after.close();
  });
});
