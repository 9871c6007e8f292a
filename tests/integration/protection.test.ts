import { beforeAll, expect, it } from "vitest";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { ITEM_ACTIONS, type ItemAction, itemActions, PROTECTION_STATES } from "@/lib/domain/protection/actions";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { cancelJob } from "@/lib/server/services/jobs";
import { createPolicy, switchItemPolicy } from "@/lib/server/services/policies";
import {
  backupNow,
  configureBackup,
  deleteBackupData,
  resumeBackup,
  stopBackup,
  undeleteItem,
} from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { restoreVirtualMachine } from "@/lib/server/services/restore";
import { systemActor } from "@/lib/server/auth/authorize";
import { describeOnDatabases } from "./databases";

const ACTOR = systemActor("operator@contoso.com");
const DAY = 86_400_000;
const OPTIONS = { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 2 };
let sequence = 0;

/** Everything an item action could change, to assert that a refused one changed nothing. */
async function snapshot(db: Db, vaultId: string) {
  const [items, jobs, points] = await Promise.all([
    db.protectedItem.findMany({ where: { vaultId }, orderBy: { id: "asc" } }),
    db.job.findMany({ where: { vaultId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
    db.recoveryPoint.findMany({
      where: { protectedItem: { vaultId } },
      orderBy: { id: "asc" },
      select: { id: true, expiresAt: true, ruleName: true },
    }),
  ]);
  return { items, jobs, points };
}

async function estate(db: Db, softDeleteState: "Enabled" | "Disabled" = "Enabled") {
  const vault = await createVault(
    db,
    {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-protection",
      name: `vault-protection-${++sequence}`,
      location: "westeurope",
    },
    ACTOR,
  );
  if (!vault.ok) throw new Error(vault.message);
  const vaultId = vault.data.id;
  await db.vault.update({ where: { id: vaultId }, data: { softDeleteState } });
  const vm = await db.virtualMachine.create({
    data: {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-protection",
      name: `vm-protect-${sequence}`,
      location: "westeurope",
      osType: "Linux",
      sizeGb: 40,
      dailyChangeRatePercent: 2,
    },
  });
  const server = await db.backupAgentServer.create({
    data: {
      name: `fs-protect-${sequence}.contoso.com`,
      osType: "Windows Server 2022",
      vaultId,
      registeredAt: new Date(),
    },
  });
  const folder = await db.fileFolderSource.create({
    data: { serverId: server.id, path: "D:\\Projects", sizeGb: 12, dailyChangeRatePercent: 1 },
  });
  const vmPolicy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId, backupManagementType: "AzureIaasVM" } });
  const otherVmPolicy = await createPolicy(
    db,
    { vaultId, name: `Weekly-${sequence}`, policy: draftToProperties(newPolicyDraft("AzureIaasVM")) },
    ACTOR,
  );
  const agentPolicy = await createPolicy(
    db,
    { vaultId, name: `Files-${sequence}`, policy: draftToProperties(newPolicyDraft("MAB")) },
    ACTOR,
  );
  if (!otherVmPolicy.ok || !agentPolicy.ok) throw new Error("policies");
  return {
    vaultId,
    vm,
    folder,
    vmPolicyId: vmPolicy.id,
    otherVmPolicyId: otherVmPolicy.data.id,
    agentPolicyId: agentPolicy.data.id,
  };
}

describeOnDatabases("protection flows", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("the lifecycle table allows each action in exactly the states of the semantics notes", () => {
    const allowed = (protectionState: (typeof PROTECTION_STATES)[number], softDeleted: boolean) =>
      ITEM_ACTIONS.filter((action) => itemActions({ protectionState, softDeleted })[action].allowed);
    const active: ItemAction[] = ["backupNow", "restore", "stopBackup", "changePolicy"];
    expect(allowed("IRPending", false)).toEqual(active);
    expect(allowed("Protected", false)).toEqual(active);
    expect(allowed("ProtectionError", false)).toEqual(active);
    expect(allowed("ProtectionStopped", false)).toEqual(["restore", "resumeBackup", "deleteBackupData"]);
    expect(allowed("BackupsSuspended", false)).toEqual(["restore", "resumeBackup", "deleteBackupData"]);
    expect(allowed("ProtectionStopped", true)).toEqual(["undelete"]);
  });

  it("refuses every action the lifecycle table forbids, in every state, naming the state, and changes nothing", async () => {
    const { vaultId, vmPolicyId, otherVmPolicyId } = await estate(db);
    const now = new Date("2026-10-01T12:00:00Z");
    const states = [
      ...PROTECTION_STATES.map((protectionState) => ({ protectionState, softDeleted: false })),
      { protectionState: "ProtectionStopped" as const, softDeleted: true },
    ];
    let refused = 0;
    for (const [index, status] of states.entries()) {
      const vm = await db.virtualMachine.create({
        data: {
          subscriptionId: "11111111-2222-4333-8444-555555555555",
          resourceGroup: "rg-matrix",
          name: `vm-matrix-${sequence}-${index}`,
          location: "westeurope",
          osType: "Linux",
          sizeGb: 10,
          dailyChangeRatePercent: 1,
        },
      });
      const item = await db.protectedItem.create({
        data: {
          vaultId,
          backupManagementType: "AzureIaasVM",
          virtualMachineId: vm.id,
          friendlyName: vm.name,
          containerName: `c-${vm.name}`,
          itemName: `i-${vm.name}`,
          policyId: vmPolicyId,
          protectionState: status.protectionState,
          deletedAt: status.softDeleted ? now : null,
          purgeAt: status.softDeleted ? new Date(now.getTime() + 14 * DAY) : null,
        },
      });
      const target = { vaultId, itemId: item.id };
      const attempts: Record<ItemAction, () => Promise<{ ok: boolean }>> = {
        backupNow: () => backupNow(db, { ...target, retainUntil: new Date(now.getTime() + 30 * DAY) }, ACTOR, now),
        stopBackup: () => stopBackup(db, { ...target, mode: "delete", confirmName: vm.name }, ACTOR, now),
        resumeBackup: () => resumeBackup(db, { ...target, policyId: otherVmPolicyId }, ACTOR, now),
        deleteBackupData: () => deleteBackupData(db, { ...target, confirmName: vm.name }, ACTOR, now),
        changePolicy: () => switchItemPolicy(db, { ...target, policyId: otherVmPolicyId }, ACTOR),
        undelete: () => undeleteItem(db, target, ACTOR, now),
        restore: () =>
          restoreVirtualMachine(
            db,
            {
              ...target,
              recoveryPointId: "any",
              restoreType: "RestoreDisks",
              resourceGroup: "rg-restored",
              stagingLocation: "staging01",
            },
            ACTOR,
            now,
          ),
      };
      const allowed = itemActions(status);
      for (const action of ITEM_ACTIONS.filter((name) => !allowed[name].allowed)) {
        const before = await snapshot(db, vaultId);
        const result = await attempts[action]();
        expect(result, `${action} while ${JSON.stringify(status)}`).toMatchObject({
          ok: false,
          code: "UserErrorInvalidProtectionState",
          message: expect.stringContaining(status.softDeleted ? "soft-deleted" : "The item is"),
        });
        expect(await snapshot(db, vaultId)).toEqual(before);
        refused++;
      }
    }
    // 3 active states × 3 refused actions, 2 stopped states × 4, soft-deleted × 6.
    expect(refused).toBe(3 * 3 + 2 * 4 + 6);
  });

  it("plays a VM through configure, Backup now, stop, resume, delete, undelete and purge", async () => {
    const { vaultId, vm, vmPolicyId, otherVmPolicyId } = await estate(db);
    const clock = new VirtualClock(new Date("2026-03-02T09:00:00Z"));
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });

    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: vmPolicyId },
      ACTOR,
      clock.now(),
    );
    if (!configured.ok) throw new Error(configured.message);
    const itemId = configured.data.itemIds[0];
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      protectionState: "IRPending",
      friendlyName: vm.name,
    });
    expect(await db.job.findFirst({ where: { protectedItemId: itemId, operation: "ConfigureBackup" } })).toMatchObject({
      status: "Completed",
      initiatedBy: ACTOR.email,
    });

    // Backup now: a full copy kept until the date picked; a second request meanwhile is refused.
    const retainUntil = new Date("2026-04-01T21:59:59Z");
    const requested = await backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, clock.now());
    if (!requested.ok) throw new Error(requested.message);
    const before = await snapshot(db, vaultId);
    expect(await backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, clock.now())).toMatchObject({
      ok: false,
      code: "UserErrorBackupOperationInProgress",
    });
    expect(await snapshot(db, vaultId)).toEqual(before);
    expect(await engine.runPending()).toEqual(["Completed"]);
    expect(await db.recoveryPoint.findFirstOrThrow({ where: { jobId: requested.data.jobId } })).toMatchObject({
      type: "Full",
      isOnDemand: true,
      ruleName: "OnDemand",
      expiresAt: retainUntil,
      inSnapshotTier: true,
      inVaultTier: true,
      time: clock.now(),
    });
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      protectionState: "Protected",
      lastBackupStatus: "Completed",
    });

    // The scheduled backup (DefaultPolicy: daily 22:30 UTC) is incremental.
    clock.set(new Date("2026-03-02T22:30:10Z"));
    await (
      await engine.tick()
    ).runs;
    expect(
      await db.recoveryPoint.count({ where: { protectedItemId: itemId, type: "Incremental", isOnDemand: false } }),
    ).toBe(1);

    // Stop backup, Retain Backup Data: no more backups, no pruning, even far past every expiry.
    const stopped = await stopBackup(
      db,
      { vaultId, itemId, mode: "retain", reason: "Decommissioned", comment: "moved to new host" },
      ACTOR,
      clock.now(),
    );
    expect(stopped.ok).toBe(true);
    expect(await db.job.findFirst({ where: { protectedItemId: itemId, operation: "DisableBackup" } })).toMatchObject({
      note: "Decommissioned: moved to new host",
      initiatedBy: ACTOR.email,
    });
    const points = await db.recoveryPoint.count({ where: { protectedItemId: itemId } });
    clock.set(new Date("2027-06-01T09:00:00Z"));
    await (
      await engine.tick()
    ).runs;
    expect(await db.recoveryPoint.count({ where: { protectedItemId: itemId } })).toBe(points);
    expect(await db.job.count({ where: { protectedItemId: itemId, operation: "Backup" } })).toBe(2);
    const refused = await backupNow(
      db,
      { vaultId, itemId, retainUntil: new Date("2027-07-01T00:00:00Z") },
      ACTOR,
      clock.now(),
    );
    expect(refused).toMatchObject({ ok: false, code: "UserErrorInvalidProtectionState" });
    if (!refused.ok)
      expect(refused.message).toBe(
        "Backup now isn't possible: The item is protection stopped; this needs active protection. Allowed now: Restore, Resume backup, Delete backup data.",
      );

    // Resume under another policy: expired scheduled points go at the next sweep, the on-demand one keeps its date; no backlog of missed slots.
    const resumed = await resumeBackup(db, { vaultId, itemId, policyId: otherVmPolicyId }, ACTOR, clock.now());
    expect(resumed).toMatchObject({ ok: true });
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      protectionState: "Protected",
      policyId: otherVmPolicyId,
      lastScheduledFor: clock.now(),
    });
    expect(await db.recoveryPoint.findFirstOrThrow({ where: { jobId: requested.data.jobId } })).toMatchObject({
      expiresAt: retainUntil,
    });
    clock.advance(60_000);
    await (
      await engine.tick()
    ).runs;
    expect(await db.job.count({ where: { protectedItemId: itemId, status: "Skipped" } })).toBe(0);
    // Both points expired long ago (the on-demand one on its own date): the scheduled one stays as the most recent.
    expect(
      (await db.recoveryPoint.findMany({ where: { protectedItemId: itemId } })).map((point) => point.isOnDemand),
    ).toEqual([false]);

    // Stop backup, Delete Backup Data: a wrong name changes nothing; the right one soft-deletes.
    const beforeDelete = await snapshot(db, vaultId);
    const wrongName = await stopBackup(
      db,
      { vaultId, itemId, mode: "delete", confirmName: "vm-other" },
      ACTOR,
      clock.now(),
    );
    expect(wrongName).toMatchObject({ ok: false, fieldErrors: { confirmName: [`Type '${vm.name}' to confirm.`] } });
    expect(await snapshot(db, vaultId)).toEqual(beforeDelete);
    const deleted = await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: vm.name }, ACTOR, clock.now());
    expect(deleted).toMatchObject({ ok: true, data: { purgeAt: new Date(clock.now().getTime() + 14 * DAY) } });
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      protectionState: "ProtectionStopped",
      deletedAt: clock.now(),
    });
    expect(await db.job.findFirst({ where: { protectedItemId: itemId, operation: "DeleteBackupData" } })).toMatchObject(
      { status: "Completed" },
    );

    // Soft-deleted: only Undelete; the VM can't be protected again meanwhile.
    const beforeResume = await snapshot(db, vaultId);
    expect(await resumeBackup(db, { vaultId, itemId, policyId: vmPolicyId }, ACTOR, clock.now())).toMatchObject({
      ok: false,
      code: "UserErrorInvalidProtectionState",
    });
    expect(
      await configureBackup(
        db,
        { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: vmPolicyId },
        ACTOR,
        clock.now(),
      ),
    ).toMatchObject({ ok: false, code: "BMSUserErrorDataSourceNotAvailable" });
    expect(await snapshot(db, vaultId)).toEqual(beforeResume);
    expect(await undeleteItem(db, { vaultId, itemId }, ACTOR, clock.now())).toMatchObject({ ok: true });
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      protectionState: "ProtectionStopped",
      deletedAt: null,
      purgeAt: null,
    });
    expect(await db.recoveryPoint.count({ where: { protectedItemId: itemId } })).toBe(1);

    // Delete backup data (the separate button), then the sweep purges after 14 days.
    expect(await deleteBackupData(db, { vaultId, itemId, confirmName: "wrong" }, ACTOR, clock.now())).toMatchObject({
      ok: false,
      code: "BadRequest",
    });
    expect(await deleteBackupData(db, { vaultId, itemId, confirmName: vm.name }, ACTOR, clock.now())).toMatchObject({
      ok: true,
    });
    clock.advance(13 * DAY);
    await (
      await engine.tick()
    ).runs;
    expect(await db.recoveryPoint.count({ where: { protectedItemId: itemId } })).toBe(1);
    clock.advance(DAY);
    await (
      await engine.tick()
    ).runs;
    expect(await db.protectedItem.findUnique({ where: { id: itemId } })).toBeNull();
    // Purged: the VM can be protected again.
    expect(
      await configureBackup(
        db,
        { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: vmPolicyId },
        ACTOR,
        clock.now(),
      ),
    ).toMatchObject({ ok: true });
  });

  it("plays a Backup Agent folder through the same flows, and deletes at once when the vault's soft delete is disabled", async () => {
    const { vaultId, folder, agentPolicyId, vmPolicyId } = await estate(db, "Disabled");
    const now = new Date("2026-05-10T08:00:00Z");
    const mismatch = await configureBackup(
      db,
      { vaultId, backupManagementType: "MAB", sourceIds: [folder.id], policyId: vmPolicyId },
      ACTOR,
      now,
    );
    expect(mismatch).toMatchObject({
      ok: false,
      code: "BMSUserErrorPolicyMismatch",
      fieldErrors: { policyId: ["Choose a policy for this kind of item."] },
    });
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "MAB", sourceIds: [folder.id], policyId: agentPolicyId },
      ACTOR,
      now,
    );
    if (!configured.ok) throw new Error(configured.message);
    const itemId = configured.data.itemIds[0];
    const engine = createEngine({ db, clock: new VirtualClock(now), mover: instantMover, options: OPTIONS });
    const requested = await backupNow(
      db,
      { vaultId, itemId, retainUntil: new Date("2026-06-09T21:59:59Z") },
      ACTOR,
      now,
    );
    expect(requested.ok).toBe(true);
    await engine.runPending();
    expect(await db.recoveryPoint.findFirstOrThrow({ where: { protectedItemId: itemId } })).toMatchObject({
      type: "Full",
      inSnapshotTier: false,
      inVaultTier: true,
      isOnDemand: true,
    });
    expect((await stopBackup(db, { vaultId, itemId, mode: "retain" }, ACTOR, now)).ok).toBe(true);
    expect(await resumeBackup(db, { vaultId, itemId, policyId: vmPolicyId }, ACTOR, now)).toMatchObject({
      ok: false,
      code: "BMSUserErrorPolicyMismatch",
    });
    expect((await resumeBackup(db, { vaultId, itemId, policyId: agentPolicyId }, ACTOR, now)).ok).toBe(true);
    expect(
      await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: "D:\\Projects" }, ACTOR, now),
    ).toMatchObject({ ok: true, data: { purgeAt: null } });
    expect(await db.protectedItem.findUnique({ where: { id: itemId } })).toBeNull();
    expect(await db.recoveryPoint.count({ where: { protectedItemId: itemId } })).toBe(0);
    expect(await db.job.findFirst({ where: { vaultId, operation: "DeleteBackupData" } })).toMatchObject({
      protectedItemId: null,
      entityFriendlyName: "D:\\Projects",
    });
  });

  it("refuses invalid requests with the field's reason and changes nothing", async () => {
    const { vaultId, vm, vmPolicyId } = await estate(db);
    const now = new Date("2026-08-01T12:00:00Z");
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: vmPolicyId },
      ACTOR,
      now,
    );
    if (!configured.ok) throw new Error(configured.message);
    const itemId = configured.data.itemIds[0];
    const before = await snapshot(db, vaultId);
    const cases: Array<[Promise<unknown>, object]> = [
      [
        backupNow(db, { vaultId, itemId, retainUntil: new Date("2026-07-01T00:00:00Z") }, ACTOR, now),
        { code: "BadRequest", fieldErrors: { retainUntil: ["Pick a date after today."] } },
      ],
      [
        backupNow(db, { vaultId, itemId, retainUntil: "not a date" }, ACTOR, now),
        { code: "BadRequest", fieldErrors: { retainUntil: ["Retain Backup Till must be a date-time."] } },
      ],
      [
        backupNow(db, { vaultId, itemId: "missing", retainUntil: new Date("2026-09-01T00:00:00Z") }, ACTOR, now),
        { code: "ResourceNotFound" },
      ],
      [stopBackup(db, { vaultId, itemId, mode: "pause" } as never, ACTOR, now), { code: "BadRequest" }],
      [
        stopBackup(db, { vaultId, itemId, mode: "retain", reason: "Because" } as never, ACTOR, now),
        { fieldErrors: { reason: ["Choose one of the listed reasons."] } },
      ],
      [
        stopBackup(db, { vaultId, itemId, mode: "retain", comment: "x".repeat(251) }, ACTOR, now),
        { fieldErrors: { comment: ["A comment has at most 250 characters."] } },
      ],
      [
        resumeBackup(db, { vaultId, itemId, policyId: vmPolicyId }, ACTOR, now),
        { code: "UserErrorInvalidProtectionState" },
      ],
      [
        deleteBackupData(db, { vaultId, itemId, confirmName: vm.name }, ACTOR, now),
        { code: "UserErrorInvalidProtectionState" },
      ],
      [undeleteItem(db, { vaultId, itemId }, ACTOR, now), { code: "UserErrorInvalidProtectionState" }],
      [
        configureBackup(
          db,
          { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [], policyId: vmPolicyId },
          ACTOR,
          now,
        ),
        { fieldErrors: { sourceIds: ["Select at least one item to back up."] } },
      ],
      [
        configureBackup(
          db,
          { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: vmPolicyId },
          ACTOR,
          now,
        ),
        { code: "BMSUserErrorDataSourceNotAvailable" },
      ],
      [
        configureBackup(
          db,
          { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: "missing" },
          ACTOR,
          now,
        ),
        { code: "BMSUserErrorPolicyNotFound" },
      ],
    ];
    for (const [result, expected] of cases) expect(await result).toMatchObject({ ok: false, ...expected });
    expect(await snapshot(db, vaultId)).toEqual(before);
  });

  it("allows 9 on-demand backups per item per UTC day, and cancels a backup that has not started", async () => {
    const { vaultId, vm, vmPolicyId } = await estate(db);
    const now = new Date("2026-09-01T06:00:00Z");
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: vmPolicyId },
      ACTOR,
      now,
    );
    if (!configured.ok) throw new Error(configured.message);
    const itemId = configured.data.itemIds[0];
    const retainUntil = new Date("2026-10-01T00:00:00Z");
    for (let attempt = 1; attempt <= 9; attempt++) {
      const requested = await backupNow(
        db,
        { vaultId, itemId, retainUntil },
        ACTOR,
        new Date(now.getTime() + attempt * 60_000),
      );
      if (!requested.ok) throw new Error(requested.message);
      expect(await cancelJob(db, { vaultId, jobId: requested.data.jobId }, ACTOR)).toEqual({
        ok: true,
        data: { status: "Cancelled" },
      });
    }
    const tenth = await backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, new Date(now.getTime() + 10 * 60_000));
    expect(tenth).toMatchObject({ ok: false, code: "UserErrorOnDemandBackupLimitReached" });
    expect((await backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, new Date("2026-09-02T00:00:01Z"))).ok).toBe(
      true,
    );
    const cancelled = await db.job.findFirstOrThrow({ where: { protectedItemId: itemId, status: "Cancelled" } });
    expect(await cancelJob(db, { vaultId, jobId: cancelled.id }, ACTOR)).toMatchObject({
      ok: false,
      code: "BMSUserErrorJobNotCancellable",
    });
    expect(await cancelJob(db, { vaultId: "other", jobId: cancelled.id }, ACTOR)).toMatchObject({
      ok: false,
      code: "ResourceNotFound",
    });
  });
});
