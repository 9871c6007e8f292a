import { beforeAll, expect, it } from "vitest";
import { activityFiltersSchema } from "@/lib/schemas/activity";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { listActivity } from "@/lib/server/services/activity-log";
import { assignRole } from "@/lib/server/services/access";
import { configureBackup, stopBackup } from "@/lib/server/services/protection";
import { createVault, updateSoftDeleteSettings } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");
const filters = (query: Record<string, string> = {}) => activityFiltersSchema.parse(query);

describeOnDatabases("the activity log", (database) => {
  let db: Db;
  let vaultId = "";
  let otherVaultId = "";
  let reader: Actor;
  beforeAll(async () => {
    db = database().db;
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-log",
        name: "vault-log",
        location: "westeurope",
      },
      OWNER,
    );
    const other = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-log",
        name: "vault-log-other",
        location: "westeurope",
      },
      OWNER,
    );
    if (!vault.ok || !other.ok) throw new Error("vaults");
    vaultId = vault.data.id;
    otherVaultId = other.data.id;
    const user = await db.user.create({ data: { id: "reader-log", name: "Reader", email: "reader@log.test" } });
    reader = { userId: user.id, email: user.email, name: user.name, isOwner: false };
    await assignRole(db, { vaultId, userId: user.id, role: "Reader" }, OWNER);
  });

  it("records each change with its before and after, each failure with its reason, and each denied attempt", async () => {
    expect(
      (await updateSoftDeleteSettings(db, { vaultId, softDeleteState: "Enabled", softDeleteRetentionDays: 30 }, OWNER))
        .ok,
    ).toBe(true);
    expect(
      (await updateSoftDeleteSettings(db, { vaultId, softDeleteState: "Enabled", softDeleteRetentionDays: 20 }, OWNER))
        .ok,
    ).toBe(false);
    expect(
      (
        await updateSoftDeleteSettings(
          db,
          { vaultId, softDeleteState: "Disabled", softDeleteRetentionDays: 20 },
          reader,
        )
      ).ok,
    ).toBe(false);
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-log",
        name: "vm-log",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 8,
        dailyChangeRatePercent: 1,
      },
    });
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId } });
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
      OWNER,
    );
    if (!configured.ok) throw new Error(configured.message);
    expect(
      (
        await stopBackup(
          db,
          { vaultId, itemId: configured.data.itemIds[0], mode: "retain", reason: "Decommissioned" },
          OWNER,
        )
      ).ok,
    ).toBe(true);

    const log = await listActivity(db, OWNER, vaultId, filters({ range: "24h" }), new Date());
    const lines = log.rows.map(
      (entry) => `${entry.operation} | ${entry.resource} | ${entry.result} | ${entry.actorEmail}`,
    );
    expect(lines).toEqual([
      "Stop backup (retain backup data) | vm-log | Succeeded | owner@contoso.com",
      "Configure backup | vm-log | Succeeded | owner@contoso.com",
      "Change soft delete settings | " + vaultId + " | Denied | reader@log.test",
      "Change soft delete settings | " + vaultId + " | Failed | owner@contoso.com",
      "Change soft delete settings | vault-log | Succeeded | owner@contoso.com",
      "Add role assignment | reader@log.test | Succeeded | owner@contoso.com",
      "Create vault | vault-log | Succeeded | owner@contoso.com",
    ]);
    const settings = log.rows.find(
      (entry) => entry.operation === "Change soft delete settings" && entry.result === "Succeeded",
    );
    expect(settings?.changes).toEqual({ softDeleteRetentionDays: [14, 30] });
    expect(log.rows.find((entry) => entry.result === "Failed")?.reason).toBe(
      "Disabling soft delete or shortening its retention needs the vault's name.",
    );
    expect(log.rows.find((entry) => entry.result === "Denied")?.reason).toMatch(/^You have the Backup Reader role/);
    expect(log.rows[0].changes).toEqual({
      protectionState: ["IRPending", "ProtectionStopped"],
      reason: [null, "Decommissioned"],
    });
  });

  it("filters by operation, user and result, and shows a user only the vaults they have a role on", async () => {
    const denied = await listActivity(db, OWNER, null, filters({ result: "Denied", range: "24h" }), new Date());
    expect(denied.rows.every((entry) => entry.result === "Denied")).toBe(true);
    expect(denied.rows.length).toBeGreaterThan(0);
    expect(
      (await listActivity(db, OWNER, null, filters({ user: "READER@log", range: "24h" }), new Date())).rows.every(
        (entry) => entry.actorEmail === "reader@log.test",
      ),
    ).toBe(true);
    expect(
      (await listActivity(db, OWNER, null, filters({ operation: "Configure", range: "24h" }), new Date())).rows.map(
        (entry) => entry.operation,
      ),
    ).toEqual(["Configure backup"]);
    const readersView = await listActivity(db, reader, null, filters({ range: "24h" }), new Date());
    expect(readersView.rows.length).toBeGreaterThan(0);
    expect(readersView.rows.every((entry) => entry.vaultId === vaultId)).toBe(true);
    expect(
      (await listActivity(db, OWNER, null, filters({ range: "24h" }), new Date())).rows.some(
        (entry) => entry.vaultId === otherVaultId,
      ),
    ).toBe(true);
  });
});
