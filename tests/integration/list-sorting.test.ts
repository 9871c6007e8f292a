// Lists sorted by a column on the server (issue #18): the policies, alerts and restore points services return
// their rows in the asked order, ascending and descending, the same on SQLite and PostgreSQL, also for an enum
// column (sorted by its labels: SQLite would order the text, PostgreSQL the enum's declaration) and across pages.
import { beforeAll, expect, it } from "vitest";
import { virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import type { Sort } from "@/lib/domain/sorting";
import { alertFiltersSchema } from "@/lib/schemas/alert-state";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { ALERT_PAGE_SIZE, listAlerts } from "@/lib/server/services/alerts";
import { listRecoveryPoints, RECOVERY_POINT_PAGE_SIZE } from "@/lib/server/services/items";
import { listPolicies } from "@/lib/server/services/policies";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");
const NOW = new Date("2026-11-20T10:00:00Z");
const HOUR = 3_600_000;
const ascending = <Column extends string>(column: Column): Sort<Column> => ({ column, direction: "ascending" });
const descending = <Column extends string>(column: Column): Sort<Column> => ({ column, direction: "descending" });

describeOnDatabases("lists sorted by a column", (database) => {
  let db: Db;
  let vaultId = "";
  let itemId = "";

  beforeAll(async () => {
    db = database().db;
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-sorting",
        name: "vault-sorting",
        location: "westeurope",
      },
      OWNER,
    );
    if (!vault.ok) throw new Error(vault.message);
    vaultId = vault.data.id;
    // Besides the vault's DefaultPolicy (a standard VM policy): names in mixed case, and each type.
    for (const [name, backupManagementType, policyType] of [
      ["archive-mab", "MAB", null],
      ["Enhanced-hourly", "AzureIaasVM", "V2"],
      ["zeta-standard", "AzureIaasVM", "V1"],
    ] as const) {
      await db.backupPolicy.create({
        data: {
          vaultId,
          name,
          nameKey: name.toLowerCase(),
          backupManagementType,
          policyType,
          timeZone: "UTC",
          properties: {},
        },
      });
    }
    // 30 alerts (more than a page): states, severities and titles spread over them, one occurrence an hour.
    const states = ["New", "Acknowledged", "Closed"] as const;
    const severities = ["Sev2", "Sev0", "Sev1"] as const;
    for (let index = 0; index < 30; index++) {
      const at = new Date(NOW.getTime() - index * HOUR);
      await db.alert.create({
        data: {
          vaultId,
          alertType: "BackupFailure",
          severity: severities[index % 3],
          state: states[Math.floor(index / 2) % 3],
          scopeKey: `item:sorting-${index}`,
          resourceName: `vm-${index}`,
          title: `Backup failed for vm-${String((index * 7) % 30).padStart(2, "0")}`,
          message: "Backup failed.",
          recommendations: [],
          firedAt: at,
          lastOccurredAt: at,
        },
      });
    }
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-sorting",
        name: "vm-sorting",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 8,
        dailyChangeRatePercent: 1,
      },
    });
    itemId = (
      await db.protectedItem.create({
        data: {
          vaultId,
          backupManagementType: "AzureIaasVM",
          virtualMachineId: vm.id,
          friendlyName: vm.name,
          ...virtualMachineBackupNames("rg-sorting", vm.name),
        },
      })
    ).id;
    // 30 restore points (more than a page): daily, each full or incremental, in the snapshot tier, the vault or both.
    const tiers = [
      { inSnapshotTier: true, inVaultTier: false },
      { inSnapshotTier: true, inVaultTier: true },
      { inSnapshotTier: false, inVaultTier: true },
    ];
    await db.recoveryPoint.createMany({
      data: Array.from({ length: 30 }, (_, index) => ({
        protectedItemId: itemId,
        time: new Date(NOW.getTime() - index * 24 * HOUR),
        type: index % 4 === 0 ? ("Full" as const) : ("Incremental" as const),
        ...tiers[index % 3],
        retentionRules: ["Daily"],
        ruleName: "Daily",
        sizeBytes: BigInt(((index * 13) % 30) * 1_000_000),
      })),
    });
  });

  it("the policies list: by name (case aside), by type as it reads, by protected items, either way", async () => {
    const names = async (sort?: Sort<"name" | "type" | "items">) =>
      (await listPolicies(db, vaultId, sort)).map((policy) => policy.name);
    expect(await names()).toEqual(["archive-mab", "DefaultPolicy", "Enhanced-hourly", "zeta-standard"]);
    expect(await names(descending("name"))).toEqual([
      "zeta-standard",
      "Enhanced-hourly",
      "DefaultPolicy",
      "archive-mab",
    ]);
    // Azure Backup Agent, Azure Virtual Machine (Enhanced), Azure Virtual Machine (Standard); ties by name.
    expect(await names(ascending("type"))).toEqual([
      "archive-mab",
      "Enhanced-hourly",
      "DefaultPolicy",
      "zeta-standard",
    ]);
    expect(await names(descending("type"))).toEqual([
      "DefaultPolicy",
      "zeta-standard",
      "Enhanced-hourly",
      "archive-mab",
    ]);
    // No item is protected: every count ties, so the names decide.
    expect(await names(descending("items"))).toEqual(await names());
  });

  /** Every alert of the vault, page after page, in the sort asked. */
  async function allAlerts(sort?: string) {
    const rows = [];
    for (let page = 1; page <= Math.ceil(30 / ALERT_PAGE_SIZE); page++) {
      const filters = alertFiltersSchema.parse({ range: "all", page: String(page), ...(sort ? { sort } : {}) });
      const result = await listAlerts(db, OWNER, { ...filters, vaultId }, NOW);
      rows.push(...result!.rows);
    }
    expect(new Set(rows.map((row) => row.id)).size).toBe(30);
    return rows;
  }

  it("the alerts list: by state as it reads (not the enum's order), by name and by fired time, either way, across pages", async () => {
    const byDefault = await allAlerts();
    const newestFirst = [...byDefault].sort((a, b) => b.lastOccurredAt.getTime() - a.lastOccurredAt.getTime());
    expect(byDefault.map((alert) => alert.id)).toEqual(newestFirst.map((alert) => alert.id));
    // By state, ties newest first: Acknowledged, Closed, New (PostgreSQL's enum would put New first).
    const byState = (order: string[]) =>
      [...byDefault].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state)).map((alert) => alert.id);
    expect((await allAlerts("state")).map((alert) => alert.id)).toEqual(byState(["Acknowledged", "Closed", "New"]));
    expect((await allAlerts("-state")).map((alert) => alert.id)).toEqual(byState(["New", "Closed", "Acknowledged"]));
    const titles = byDefault.map((alert) => alert.title).sort();
    expect((await allAlerts("name")).map((alert) => alert.title)).toEqual(titles);
    expect((await allAlerts("-name")).map((alert) => alert.title)).toEqual(titles.toReversed());
    expect((await allAlerts("fired")).map((alert) => alert.id)).toEqual(
      newestFirst.toReversed().map((alert) => alert.id),
    );
    // Severity by its labels: Sev0 · Critical first.
    expect((await allAlerts("severity")).map((alert) => alert.severity)).toEqual([
      ...Array(10).fill("Sev0"),
      ...Array(10).fill("Sev1"),
      ...Array(10).fill("Sev2"),
    ]);
  });

  /** Every restore point of the item, page after page, in the sort asked. */
  async function allPoints(sort?: Sort<"time" | "type" | "tier" | "size">) {
    const rows = [];
    for (let page = 1; page <= Math.ceil(30 / RECOVERY_POINT_PAGE_SIZE); page++) {
      rows.push(...(await listRecoveryPoints(db, vaultId, itemId, page, sort))!.rows);
    }
    expect(new Set(rows.map((row) => row.id)).size).toBe(30);
    return rows;
  }

  it("the restore points list: by time, size, type and tier, either way, across pages", async () => {
    const byDefault = await allPoints();
    const times = byDefault.map((point) => point.time.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await allPoints(ascending("time"))).map((point) => point.id)).toEqual(
      byDefault.toReversed().map((point) => point.id),
    );
    const sizes = byDefault.map((point) => point.sizeBytes).sort((a, b) => a - b);
    expect((await allPoints(ascending("size"))).map((point) => point.sizeBytes)).toEqual(sizes);
    expect((await allPoints(descending("size"))).map((point) => point.sizeBytes)).toEqual(sizes.toReversed());
    // Ties newest first within each type, and within each tier as the list names it.
    const inOrder = (key: (point: (typeof byDefault)[number]) => string, order: string[]) =>
      [...byDefault].sort((a, b) => order.indexOf(key(a)) - order.indexOf(key(b))).map((point) => point.id);
    const ids = (rows: typeof byDefault) => rows.map((point) => point.id);
    expect(ids(await allPoints(ascending("type")))).toEqual(inOrder((point) => point.type, ["Full", "Incremental"]));
    expect(ids(await allPoints(descending("type")))).toEqual(inOrder((point) => point.type, ["Incremental", "Full"]));
    const tier = (point: { inSnapshotTier: boolean; inVaultTier: boolean }) =>
      `${point.inSnapshotTier ? "snapshot" : ""}+${point.inVaultTier ? "vault" : ""}`;
    // Snapshot, Snapshot and Vault-Standard, Vault-Standard.
    expect(ids(await allPoints(ascending("tier")))).toEqual(inOrder(tier, ["snapshot+", "snapshot+vault", "+vault"]));
    expect(ids(await allPoints(descending("tier")))).toEqual(inOrder(tier, ["+vault", "snapshot+vault", "snapshot+"]));
  });
});
