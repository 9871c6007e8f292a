import { beforeAll, expect, it } from "vitest";
import { activityFiltersSchema } from "@/lib/schemas/activity";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { listActivity } from "@/lib/server/services/activity-log";
import { assignRole } from "@/lib/server/services/access";
import { backupNow, configureBackup, resumeBackup, stopBackup } from "@/lib/server/services/protection";
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
      // A refusal records the id its request named; the log reads it by name.
      "Change soft delete settings | vault-log | Denied | reader@log.test",
      "Change soft delete settings | vault-log | Failed | owner@contoso.com",
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

  it("names what a request named by id (a refused Backup now's item, Resume's policy), only from the entry's own vault", async () => {
    const item = await db.protectedItem.findFirstOrThrow({ where: { vaultId, friendlyName: "vm-log" } });
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId } });
    expect((await backupNow(db, { vaultId, itemId: item.id }, reader)).ok).toBe(false);
    expect((await resumeBackup(db, { vaultId, itemId: item.id, policyId: policy.id }, OWNER)).ok).toBe(true);
    // Entries written before: Resume recorded the policy's id; and a refusal in another vault naming this vault's item.
    await db.activityLogEntry.create({
      data: {
        actorEmail: "owner@contoso.com",
        vaultId,
        operation: "Resume backup",
        resource: "vm-log",
        result: "Succeeded",
        changes: { policyId: [null, policy.id] },
      },
    });
    await db.activityLogEntry.create({
      data: {
        actorEmail: "owner@contoso.com",
        vaultId: otherVaultId,
        operation: "Backup now",
        resource: item.id,
        result: "Denied",
        reason: "Not allowed",
      },
    });

    const log = await listActivity(db, OWNER, vaultId, filters({ range: "24h" }), new Date());
    const [oldResume, resumed, refused] = log.rows;
    expect(`${refused.operation} | ${refused.resource} | ${refused.result}`).toBe("Backup now | vm-log | Denied");
    expect(resumed.changes).toMatchObject({
      protectionState: ["ProtectionStopped", "IRPending"],
      policy: [null, policy.name],
    });
    expect(oldResume.changes).toEqual({ policyId: [null, policy.id] });
    expect(oldResume.names).toEqual({ [policy.id]: policy.name });
    const elsewhere = await listActivity(
      db,
      OWNER,
      otherVaultId,
      filters({ range: "24h", operation: "Backup now" }),
      new Date(),
    );
    expect(elsewhere.rows.map((entry) => entry.resource)).toEqual([item.id]);

    // Configure backup names a list of sources (VMs, or a server's folders); what names nothing stays as sent.
    const vm = await db.virtualMachine.findFirstOrThrow({ where: { name: "vm-log" } });
    const server = await db.backupAgentServer.create({
      data: { name: "fs-log.contoso.com", osType: "Windows", vaultId },
    });
    const folder = await db.fileFolderSource.create({
      data: { serverId: server.id, path: "D:\\Data", sizeGb: 1, dailyChangeRatePercent: 1 },
    });
    const configure = (backupManagementType: "AzureIaasVM" | "MAB", sourceIds: string[]) =>
      configureBackup(db, { vaultId, backupManagementType, sourceIds, policyId: policy.id }, reader);
    expect((await configure("AzureIaasVM", [vm.id, "cm4unknown00001"])).ok).toBe(false);
    expect((await configure("MAB", [folder.id])).ok).toBe(false);
    const refusedConfigures = await listActivity(
      db,
      OWNER,
      vaultId,
      filters({ range: "24h", operation: "Configure", result: "Denied" }),
      new Date(),
    );
    expect(refusedConfigures.rows.map((entry) => entry.resource)).toEqual(["D:\\Data", "vm-log, cm4unknown00001"]);
  });
});
