import { beforeAll, expect, it } from "vitest";
import { allows, type Permission, PERMISSIONS, VAULT_ROLES, type VaultRole } from "@/lib/domain/access/permissions";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import {
  addFolder,
  addServer,
  addVirtualMachine,
  markVirtualMachineDeleted,
  registerServer,
  removeServer,
  removeVirtualMachine,
} from "@/lib/server/services/inventory";
import { cancelJob } from "@/lib/server/services/jobs";
import { createPolicy, deletePolicy, switchItemPolicy, updatePolicy } from "@/lib/server/services/policies";
import {
  backupNow,
  configureBackup,
  deleteBackupData,
  resumeBackup,
  stopBackup,
  undeleteItem,
} from "@/lib/server/services/protection";
import {
  createVault,
  deleteVault,
  listVaults,
  setVaultPinned,
  updateSoftDeleteSettings,
} from "@/lib/server/services/vaults";
import {
  addSuppressionWindow,
  addWebhook,
  removeSuppressionWindow,
  removeWebhook,
  updateNotificationSettings,
} from "@/lib/server/services/notification-settings";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");
const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";

/** Everything any of the actions could change. */
async function snapshot(db: Db) {
  const [vaults, items, jobs, policies, vms, servers, folders, pins] = await Promise.all([
    db.vault.findMany({ orderBy: { id: "asc" } }),
    db.protectedItem.findMany({ orderBy: { id: "asc" } }),
    db.job.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    db.backupPolicy.findMany({ orderBy: { id: "asc" } }),
    db.virtualMachine.findMany({ orderBy: { id: "asc" } }),
    db.backupAgentServer.findMany({ orderBy: { id: "asc" } }),
    db.fileFolderSource.findMany({ orderBy: { id: "asc" } }),
    db.dashboardPin.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { vaults, items, jobs, policies, vms, servers, folders, pins };
}

describeOnDatabases("authorization: every action for every role", (database) => {
  let db: Db;
  let vaultId = "";
  let otherVaultId = "";
  const actors = new Map<VaultRole | "none", Actor>();
  beforeAll(async () => {
    db = database().db;
    const vault = await createVault(
      db,
      { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-rbac", name: "vault-rbac", location: "westeurope" },
      OWNER,
    );
    const other = await createVault(
      db,
      { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-rbac", name: "vault-rbac-other", location: "westeurope" },
      OWNER,
    );
    if (!vault.ok || !other.ok) throw new Error("vaults");
    vaultId = vault.data.id;
    otherVaultId = other.data.id;
    for (const role of [...VAULT_ROLES, "none" as const]) {
      const user = await db.user.create({
        data: { id: `user-${role}`, name: role, email: `${role.toLowerCase()}@rbac.test` },
      });
      if (role !== "none") await db.vaultRoleAssignment.create({ data: { userId: user.id, vaultId, role } });
      actors.set(role, { userId: user.id, email: user.email, name: user.name, isOwner: false });
    }
  });

  it("allows each role exactly what Azure's Backup roles allow; a refusal is AuthorizationFailed, names the roles, and changes nothing", async () => {
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-rbac",
        name: "vm-rbac",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 8,
        dailyChangeRatePercent: 1,
      },
    });
    const server = await db.backupAgentServer.create({
      data: { name: "fs-rbac.contoso.com", osType: "Windows Server 2022" },
    });
    const vmPolicy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId } });
    const protectedVm = await db.virtualMachine.create({
      data: {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-rbac",
        name: "vm-rbac-protected",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 8,
        dailyChangeRatePercent: 1,
      },
    });
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [protectedVm.id], policyId: vmPolicy.id },
      OWNER,
    );
    if (!configured.ok) throw new Error(configured.message);
    const itemId = configured.data.itemIds[0];
    const job = await db.job.findFirstOrThrow({ where: { protectedItemId: itemId } });
    const later = new Date(Date.now() + 30 * 86_400_000);

    const attempts: Array<
      [Permission, string, (actor: Actor) => Promise<{ ok: boolean; code?: string; message?: string }>]
    > = [
      [
        "viewVault",
        "list vaults",
        async (actor) => ({ ok: (await listVaults(db, actor)).some((vault) => vault.id === vaultId) }),
      ],
      ["pinVault", "pin", (actor) => setVaultPinned(db, vaultId, true, actor)],
      [
        "configureBackup",
        "configure backup",
        (actor) =>
          configureBackup(
            db,
            { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: "missing" },
            actor,
          ),
      ],
      ["backupNow", "Backup now", (actor) => backupNow(db, { vaultId, itemId: "missing", retainUntil: later }, actor)],
      ["cancelJob", "cancel a job", (actor) => cancelJob(db, { vaultId, jobId: job.id }, actor)],
      ["registerServer", "register a server", (actor) => registerServer(db, { serverId: "missing", vaultId }, actor)],
      ["stopBackup", "stop backup", (actor) => stopBackup(db, { vaultId, itemId: "missing", mode: "retain" }, actor)],
      [
        "deleteBackupData",
        "stop backup and delete data",
        (actor) => stopBackup(db, { vaultId, itemId: "missing", mode: "delete", confirmName: "x" }, actor),
      ],
      [
        "resumeBackup",
        "resume backup",
        (actor) => resumeBackup(db, { vaultId, itemId: "missing", policyId: vmPolicy.id }, actor),
      ],
      [
        "deleteBackupData",
        "delete backup data",
        (actor) => deleteBackupData(db, { vaultId, itemId: "missing", confirmName: "x" }, actor),
      ],
      ["undelete", "undelete", (actor) => undeleteItem(db, { vaultId, itemId: "missing" }, actor)],
      [
        "changePolicy",
        "change an item's policy",
        (actor) => switchItemPolicy(db, { vaultId, itemId: "missing", policyId: vmPolicy.id }, actor),
      ],
      [
        "managePolicies",
        "create a policy",
        (actor) =>
          createPolicy(db, { vaultId, name: "", policy: draftToProperties(newPolicyDraft("AzureIaasVM")) }, actor),
      ],
      [
        "managePolicies",
        "modify a policy",
        (actor) => updatePolicy(db, { vaultId, policyId: "missing", policy: {} }, actor),
      ],
      ["managePolicies", "delete a policy", (actor) => deletePolicy(db, { vaultId, policyId: "missing" }, actor)],
      [
        "vaultSettings",
        "soft delete settings",
        (actor) =>
          updateSoftDeleteSettings(db, { vaultId, softDeleteState: "Enabled", softDeleteRetentionDays: 200 }, actor),
      ],
      [
        "notificationSettings",
        "change notification settings",
        (actor) =>
          updateNotificationSettings(
            db,
            {
              vaultId,
              emailRecipients: ["not-an-address"],
              frequency: "PerAlert",
              severities: [],
              dailySummary: false,
            },
            actor,
          ),
      ],
      ["notificationSettings", "add a webhook", (actor) => addWebhook(db, { vaultId, url: "ftp://x" }, actor)],
      [
        "notificationSettings",
        "remove a webhook",
        (actor) => removeWebhook(db, { vaultId, webhookId: "missing" }, actor),
      ],
      [
        "notificationSettings",
        "add a suppression window",
        (actor) => addSuppressionWindow(db, { vaultId, name: "x", startsAt: later, endsAt: new Date(0) }, actor),
      ],
      [
        "notificationSettings",
        "remove a suppression window",
        (actor) => removeSuppressionWindow(db, { vaultId, windowId: "missing" }, actor),
      ],
      ["createVault", "create a vault", (actor) => createVault(db, { subscriptionId: "bad" }, actor)],
      ["deleteVault", "delete a vault", (actor) => deleteVault(db, { vaultId, confirmName: "wrong" }, actor)],
      [
        "manageInventory",
        "add a VM",
        (actor) =>
          addVirtualMachine(
            db,
            {
              subscriptionId: "bad",
              resourceGroup: "",
              name: "",
              location: "mars" as never,
              osType: "Linux",
              sizeGb: 0,
              dailyChangeRatePercent: 0,
            },
            actor,
          ),
      ],
      ["manageInventory", "delete a VM in Azure", (actor) => markVirtualMachineDeleted(db, { id: "missing" }, actor)],
      ["manageInventory", "remove a VM", (actor) => removeVirtualMachine(db, { id: "missing" }, actor)],
      ["manageInventory", "add a server", (actor) => addServer(db, { name: "bad name!", osType: "" }, actor)],
      [
        "manageInventory",
        "add a folder",
        (actor) => addFolder(db, { serverId: server.id, path: "bad", sizeGb: 0, dailyChangeRatePercent: 0 }, actor),
      ],
      ["manageInventory", "remove a server", (actor) => removeServer(db, { id: "missing" }, actor)],
    ];
    const OUTSIDE_A_VAULT = new Set<Permission>(["createVault", "manageInventory"]);
    let denied = 0;
    for (const [role, actor] of actors) {
      for (const [permission, label, attempt] of attempts) {
        const expected = allows({ isOwner: false, role: role === "none" ? null : role }, permission);
        const before = await snapshot(db);
        const result = await attempt(actor);
        if (expected) {
          expect(result.code, `${role} may ${label}`).not.toBe("AuthorizationFailed");
        } else {
          if (permission !== "viewVault")
            expect(result, `${role} may not ${label}`).toMatchObject({
              ok: false,
              code: "AuthorizationFailed",
              // Owner-only work names the vault role held, if any; outside a vault (the inventory, new
              // vaults) there is none to name, so it doesn't say "no role on this vault".
              message: expect.stringMatching(
                PERMISSIONS[permission] === "Owner" && (role === "none" || OUTSIDE_A_VAULT.has(permission))
                  ? /^Only the Owner may /
                  : /^You have (the Backup \w+ role|no role on this vault): /,
              ),
            });
          else expect(result.ok).toBe(false);
          expect(await snapshot(db)).toEqual(before);
          denied++;
        }
        await db.dashboardPin.deleteMany();
      }
    }
    expect(denied).toBeGreaterThan(40);
    // A role on one vault gives nothing on another.
    expect(
      await backupNow(db, { vaultId: otherVaultId, itemId: itemId, retainUntil: later }, actors.get("Contributor")!),
    ).toMatchObject({ ok: false, code: "AuthorizationFailed" });
    // The Owner may do everything.
    for (const [, label, attempt] of attempts)
      expect((await attempt(OWNER)).code, `Owner may ${label}`).not.toBe("AuthorizationFailed");
  });

  it("the Operator runs Backup now but can't delete backup data; the Contributor can", async () => {
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-rbac",
        name: "vm-rbac-flow",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 8,
        dailyChangeRatePercent: 1,
      },
    });
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId } });
    const operator = actors.get("Operator")!;
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
      operator,
    );
    if (!configured.ok) throw new Error(configured.message);
    const itemId = configured.data.itemIds[0];
    const requested = await backupNow(
      db,
      { vaultId, itemId, retainUntil: new Date(Date.now() + 86_400_000 * 10) },
      operator,
    );
    expect(requested).toMatchObject({ ok: true });
    if (requested.ok)
      expect(await db.job.findUniqueOrThrow({ where: { id: requested.data.jobId } })).toMatchObject({
        initiatedBy: operator.email,
      });
    expect(await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: vm.name }, operator)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
      message: "You have the Backup Operator role: it takes Backup Contributor or higher to delete backup data.",
    });
    await db.job.updateMany({
      where: { protectedItemId: itemId, status: "InProgress" },
      data: { status: "Cancelled" },
    });
    expect(
      await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: vm.name }, actors.get("Contributor")!),
    ).toMatchObject({ ok: true });
  });
});
