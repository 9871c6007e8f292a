// Restore VM (simulated) through the service and the engine: the three restore types, what each
// makes, the tier it reads, and every refusal changing nothing.
import { beforeAll, expect, it } from "vitest";
import { SNAPSHOT_TIER_SPEEDUP, type VmRestoreDetails } from "@/lib/domain/restore/vm-restore";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { type DataMover, instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { vmDataBytes } from "@/lib/server/engine/runner";
import { backupNow, configureBackup, deleteBackupData, stopBackup } from "@/lib/server/services/protection";
import { restoreVirtualMachine } from "@/lib/server/services/restore";
import { cancelJob } from "@/lib/server/services/jobs";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const ACTOR = systemActor("operator@contoso.com");
const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";
const OPTIONS = { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 2 };
let sequence = 0;

/** A mover that finishes at once and records how many bytes each transfer moved. */
function recordingMover(moved: number[]): DataMover {
  return {
    ...instantMover,
    transfer: (request) => {
      moved.push(request.bytes);
      return instantMover.transfer(request);
    },
  };
}

/** A protected VM with one recovery point (Backup now), its engine and clock. */
async function protectedVm(db: Db, moved: number[] = []) {
  const n = ++sequence;
  const vault = await createVault(
    db,
    { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-restore", name: `vault-restore-${n}`, location: "westeurope" },
    ACTOR,
  );
  if (!vault.ok) throw new Error(vault.message);
  const vaultId = vault.data.id;
  const vm = await db.virtualMachine.create({
    data: {
      subscriptionId: SUBSCRIPTION,
      resourceGroup: "rg-apps",
      name: `app-${n}`,
      location: "westeurope",
      osType: "Windows",
      sizeGb: 64,
      dailyChangeRatePercent: 3,
    },
  });
  const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId, backupManagementType: "AzureIaasVM" } });
  const clock = new VirtualClock(new Date("2026-03-02T09:00:00Z"));
  const engine = createEngine({ db, clock, mover: recordingMover(moved), options: OPTIONS });
  const configured = await configureBackup(
    db,
    { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
    ACTOR,
    clock.now(),
  );
  if (!configured.ok) throw new Error(configured.message);
  const itemId = configured.data.itemIds[0];
  const backup = await backupNow(
    db,
    { vaultId, itemId, retainUntil: new Date("2026-05-01T00:00:00Z") },
    ACTOR,
    clock.now(),
  );
  if (!backup.ok) throw new Error(backup.message);
  await engine.runPending();
  const point = await db.recoveryPoint.findFirstOrThrow({ where: { protectedItemId: itemId } });
  moved.length = 0;
  return { vaultId, vm, itemId, point, clock, engine, policyId: policy.id };
}

/** What a refused restore must leave as it was. */
async function state(db: Db, vaultId: string) {
  const [jobs, vms] = await Promise.all([
    db.job.findMany({ where: { vaultId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
    db.virtualMachine.findMany({ orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return { jobs, vms };
}

describeOnDatabases("Restore VM", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("Create new virtual machine: a Restore job brings the point's data back and adds the VM to the inventory, which can itself be protected", async () => {
    const moved: number[] = [];
    const { vaultId, vm, itemId, point, clock, engine, policyId } = await protectedVm(db, moved);
    const restored = await restoreVirtualMachine(
      db,
      {
        vaultId,
        itemId,
        recoveryPointId: point.id,
        restoreType: "CreateVirtualMachine",
        vmName: `${vm.name}-restored`,
        resourceGroup: "rg-recovered",
        virtualNetwork: "vnet-recovered",
        subnet: "default",
        stagingLocation: "stagingwesteurope",
      },
      ACTOR,
      clock.now(),
    );
    if (!restored.ok) throw new Error(restored.message);
    expect(await db.job.findUniqueOrThrow({ where: { id: restored.data.jobId } })).toMatchObject({
      operation: "Restore",
      status: "InProgress",
      isCancellable: true,
      initiatedBy: ACTOR.email,
    });
    expect(await engine.runPending()).toEqual(["Completed"]);
    // The point is fresh, so its snapshot is read: a fraction of the data's transfer time.
    expect(moved).toEqual([Math.round(vmDataBytes(vm.sizeGb) / SNAPSHOT_TIER_SPEEDUP)]);
    const job = await db.job.findUniqueOrThrow({ where: { id: restored.data.jobId } });
    const details = job.restoreDetails as VmRestoreDetails;
    expect(job).toMatchObject({ status: "Completed", progressPercent: 100, bytesTransferred: BigInt(vmDataBytes(64)) });
    expect(job.subTasks).toEqual([
      expect.objectContaining({ name: "Transfer data", status: "Completed", progressPercent: 100 }),
      expect.objectContaining({ name: "Create virtual machine", status: "Completed" }),
    ]);
    expect(details.recoveryPoint).toEqual({ id: point.id, time: point.time.toISOString(), tier: "snapshot" });
    const created = await db.virtualMachine.findFirstOrThrow({
      where: { name: `${vm.name}-restored`, resourceGroup: "rg-recovered" },
    });
    expect(created).toMatchObject({
      subscriptionId: SUBSCRIPTION,
      location: "westeurope",
      osType: "Windows",
      sizeGb: 64,
    });
    expect(details.outcome?.createdVirtualMachine).toEqual({
      id: created.id,
      name: created.name,
      resourceGroup: "rg-recovered",
    });
    expect(details.outcome?.restoredDisks).toHaveLength(1);

    const protectedAgain = await configureBackup(
      db,
      { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [created.id], policyId },
      ACTOR,
      clock.now(),
    );
    expect(protectedAgain.ok).toBe(true);
  });

  it("Restore disks lists the restored disks; Replace existing keeps the replaced disks' copies; an older point is read from the vault", async () => {
    const moved: number[] = [];
    const { vaultId, vm, itemId, point, clock, engine } = await protectedVm(db, moved);
    // Past its snapshot's retention the point is in the vault only: a full-speed transfer.
    clock.set(new Date(point.snapshotExpiresAt!.getTime() + 60_000));
    const disks = await restoreVirtualMachine(
      db,
      {
        vaultId,
        itemId,
        recoveryPointId: point.id,
        restoreType: "RestoreDisks",
        resourceGroup: "rg-disks",
        stagingLocation: "staging01",
      },
      ACTOR,
      clock.now(),
    );
    const replace = await restoreVirtualMachine(
      db,
      { vaultId, itemId, recoveryPointId: point.id, restoreType: "ReplaceDisks", stagingLocation: "staging01" },
      ACTOR,
      clock.now(),
    );
    if (!disks.ok || !replace.ok) throw new Error("restore refused");
    const vmsBefore = await db.virtualMachine.count();
    expect(await engine.runPending()).toEqual(["Completed", "Completed"]);
    expect(moved).toEqual([vmDataBytes(vm.sizeGb), vmDataBytes(vm.sizeGb)]);
    expect(await db.virtualMachine.count()).toBe(vmsBefore);
    const outcome = async (jobId: string) =>
      ((await db.job.findUniqueOrThrow({ where: { id: jobId } })).restoreDetails as VmRestoreDetails).outcome;
    expect(await outcome(disks.data.jobId)).toEqual({
      restoredDisks: [{ name: expect.stringMatching(new RegExp(`^${vm.name}-osdisk-restored-`)), sizeGb: 64 }],
    });
    expect(await outcome(replace.data.jobId)).toEqual({
      previousDiskCopies: [
        { name: expect.stringMatching(new RegExp(`^${vm.name}-osdisk-before-restore-`)), sizeGb: 64 },
      ],
    });
  });

  it("refuses an unknown point, a taken name, Replace existing of a deleted VM and a soft-deleted item, with the reason, and changes nothing", async () => {
    const { vaultId, vm, itemId, point, clock } = await protectedVm(db);
    const base = { vaultId, itemId, recoveryPointId: point.id, stagingLocation: "staging01" };
    const createNew = {
      ...base,
      restoreType: "CreateVirtualMachine" as const,
      resourceGroup: vm.resourceGroup,
      virtualNetwork: "vnet1",
      subnet: "default",
    };
    const before = await state(db, vaultId);
    expect(
      await restoreVirtualMachine(
        db,
        { ...base, recoveryPointId: "no-such-point", restoreType: "ReplaceDisks" },
        ACTOR,
        clock.now(),
      ),
    ).toMatchObject({
      ok: false,
      code: "UserErrorRecoveryPointNotFound",
      fieldErrors: { recoveryPointId: [expect.any(String)] },
    });
    // Azure names compare case-insensitively.
    expect(
      await restoreVirtualMachine(db, { ...createNew, vmName: vm.name.toUpperCase() }, ACTOR, clock.now()),
    ).toMatchObject({
      ok: false,
      code: "UserErrorVmNameAlreadyExists",
      fieldErrors: { vmName: [expect.stringContaining("already exists")] },
    });
    expect(
      await restoreVirtualMachine(
        db,
        { ...createNew, vmName: "bad name!", stagingLocation: "Not_An_Account" },
        ACTOR,
        clock.now(),
      ),
    ).toMatchObject({
      ok: false,
      code: "BadRequest",
      fieldErrors: { vmName: [expect.any(String)], stagingLocation: [expect.any(String)] },
    });

    await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: clock.now() } });
    expect(await restoreVirtualMachine(db, { ...base, restoreType: "ReplaceDisks" }, ACTOR, clock.now())).toMatchObject(
      {
        ok: false,
        code: "UserErrorVmNotFoundForReplaceDisks",
      },
    );
    expect(await state(db, vaultId)).toEqual(before);
    // A deleted VM can still be restored as a new one.
    expect(
      await restoreVirtualMachine(db, { ...createNew, vmName: `${vm.name}-new` }, ACTOR, clock.now()),
    ).toMatchObject({ ok: true });

    const stopped = await stopBackup(db, { vaultId, itemId, mode: "retain" }, ACTOR, clock.now());
    expect(stopped.ok).toBe(true);
    // A stopped item with retained data can be restored; a soft-deleted one must be undeleted first.
    expect(
      await restoreVirtualMachine(db, { ...createNew, vmName: `${vm.name}-stopped` }, ACTOR, clock.now()),
    ).toMatchObject({ ok: true });
    const deleted = await deleteBackupData(db, { vaultId, itemId, confirmName: vm.name }, ACTOR, clock.now());
    expect(deleted.ok).toBe(true);
    const afterDelete = await state(db, vaultId);
    expect(
      await restoreVirtualMachine(db, { ...createNew, vmName: `${vm.name}-late` }, ACTOR, clock.now()),
    ).toMatchObject({
      ok: false,
      code: "UserErrorInvalidProtectionState",
      message: expect.stringContaining("undelete"),
    });
    expect(await state(db, vaultId)).toEqual(afterDelete);
  });

  it("a restore cancelled while it transfers ends Cancelled and makes nothing", async () => {
    let jobId = "";
    let vaultOfJob = "";
    const cancelling: DataMover = {
      ...instantMover,
      transfer: async ({ cancelled }) => {
        expect(await cancelJob(db, { vaultId: vaultOfJob, jobId }, ACTOR)).toMatchObject({
          ok: true,
          data: { status: "Cancelling" },
        });
        return (await cancelled()) ? "cancelled" : "completed";
      },
    };
    const { vaultId, vm, itemId, point, clock } = await protectedVm(db);
    vaultOfJob = vaultId;
    const engine = createEngine({ db, clock, mover: cancelling, options: OPTIONS });
    const vmsBefore = await db.virtualMachine.count();
    const restored = await restoreVirtualMachine(
      db,
      {
        vaultId,
        itemId,
        recoveryPointId: point.id,
        restoreType: "CreateVirtualMachine",
        vmName: `${vm.name}-cancelled`,
        resourceGroup: "rg-cancelled",
        virtualNetwork: "vnet1",
        subnet: "default",
        stagingLocation: "staging01",
      },
      ACTOR,
      clock.now(),
    );
    if (!restored.ok) throw new Error(restored.message);
    jobId = restored.data.jobId;
    expect(await engine.runPending()).toEqual(["Cancelled"]);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "Cancelled" });
    expect(await db.virtualMachine.count()).toBe(vmsBefore);
  });

  it("of two restores queued to one new name, the first creates the VM and the second fails with the reason", async () => {
    const { vaultId, vm, itemId, point, clock, engine } = await protectedVm(db);
    const request = {
      vaultId,
      itemId,
      recoveryPointId: point.id,
      restoreType: "CreateVirtualMachine" as const,
      vmName: `${vm.name}-twin`,
      resourceGroup: "rg-twins",
      virtualNetwork: "vnet1",
      subnet: "default",
      stagingLocation: "staging01",
    };
    const first = await restoreVirtualMachine(db, request, ACTOR, clock.now());
    const second = await restoreVirtualMachine(db, request, ACTOR, clock.now());
    if (!first.ok || !second.ok) throw new Error("restore refused");
    expect((await engine.runPending()).sort()).toEqual(["Completed", "Failed"]);
    expect(await db.virtualMachine.count({ where: { name: request.vmName, resourceGroup: "rg-twins" } })).toBe(1);
    const failed = await db.job.findFirstOrThrow({
      where: { id: { in: [first.data.jobId, second.data.jobId] }, status: "Failed" },
    });
    expect(failed).toMatchObject({ errorCode: "UserErrorVmNameAlreadyExists" });
    // A failed restore says nothing about the item's backups.
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      protectionState: "Protected",
      lastBackupStatus: "Completed",
    });
  });
});
