// Runs a Restore job of an Azure VM (simulated): the point's data comes back through the data
// mover, at the vault's throughput or SNAPSHOT_TIER_SPEEDUP times faster from the snapshot tier,
// then, in one transaction, the job's end with what it made: a new VM in the inventory (Create
// new), the restored disks (Restore disks), or the copies of the replaced disks (Replace existing).
import type { SubTask } from "@/lib/domain/jobs/display";
import { JOB_ERRORS, type JobError } from "@/lib/domain/jobs/errors";
import {
  previousDiskCopiesOf,
  restoredDisksOf,
  SNAPSHOT_TIER_SPEEDUP,
  type VmRestoreDetails,
  type VmRestoreOutcome,
} from "@/lib/domain/restore/vm-restore";
import { recordJobEndAlerts } from "@/lib/server/alerts/raise";
import { type Db, isUniqueViolation } from "@/lib/server/db";
import { vmNameTaken } from "@/lib/server/services/inventory";
import type { Clock } from "./clock";
import type { DataMover } from "./data-mover";
import {
  type ClaimedJob,
  endJob,
  failedWith,
  type JobOutcome,
  type Lease,
  logTransition,
  transferData,
  updateOwned,
  vmDataBytes,
  whileLeaseHolds,
  withTask,
} from "./runner";

const TRANSFER = "Transfer data";

class RestoreFailed extends Error {
  constructor(readonly error: JobError) {
    super(error.message);
  }
}

/** Runs a Restore job this engine claimed to its end. */
export function runClaimedRestore(db: Db, job: ClaimedJob, clock: Clock, mover: DataMover, lease: Lease) {
  return whileLeaseHolds(job, lease, () => runRestore(db, job, clock, mover, lease));
}

async function runRestore(db: Db, job: ClaimedJob, clock: Clock, mover: DataMover, lease: Lease): Promise<JobOutcome> {
  const details = job.restoreDetails as VmRestoreDetails;
  const vm = job.item?.virtualMachine;
  let subTasks = job.subTasks;
  const point = await db.recoveryPoint.findUnique({ where: { id: details.recoveryPoint.id }, select: { id: true } });
  if (!vm || !point) return failRestore(db, job, lease, JOB_ERRORS.restoreItemGone, subTasks, clock.now());

  const bytes = vmDataBytes(vm.sizeGb);
  const transferred = await transferData(db, job, clock, mover, lease, {
    task: TRANSFER,
    subTasks,
    context: { itemName: job.item!.itemName, backupManagementType: "AzureIaasVM", at: job.startTime },
    bytes,
    // The mover takes time in proportion to what it moves: the snapshot tier is read faster.
    moved: details.recoveryPoint.tier === "snapshot" ? Math.round(bytes / SNAPSHOT_TIER_SPEEDUP) : bytes,
  });
  subTasks = transferred.subTasks;
  const { outcome, reported } = transferred;
  const now = clock.now();
  if (outcome === "cancelled") {
    // Nothing was made: a restore is applied only at its end.
    await updateOwned(db, job.id, lease, {
      ...reported,
      status: "Cancelled",
      endTime: now,
      isCancellable: false,
      subTasks: withTask(subTasks, TRANSFER, { status: "Cancelled", endTime: now.toISOString() }),
    });
    logTransition(job, "Cancelled");
    return "Cancelled";
  }
  if (typeof outcome === "object") {
    subTasks = withTask(subTasks, TRANSFER, { status: "Failed", endTime: now.toISOString() });
    return failRestore(db, job, lease, outcome.failed, subTasks, now, reported);
  }
  subTasks = subTasks.map((task) => ({
    ...task,
    status: "Completed" as const,
    progressPercent: 100,
    startTime: task.startTime ?? now.toISOString(),
    endTime: now.toISOString(),
  }));
  try {
    await db.$transaction(async (tx) => {
      const made: VmRestoreOutcome = {};
      const { target, source } = details;
      if (target.type === "CreateVirtualMachine") {
        const names = {
          subscriptionId: source.subscriptionId,
          resourceGroup: target.resourceGroup,
          name: target.vmName,
        };
        if (await vmNameTaken(tx, names)) throw new RestoreFailed(JOB_ERRORS.restoreVmNameTaken);
        const created = await tx.virtualMachine.create({
          data: {
            ...names,
            location: source.location,
            osType: source.osType,
            sizeGb: vm.sizeGb,
            dailyChangeRatePercent: vm.dailyChangeRatePercent,
          },
          select: { id: true },
        });
        made.createdVirtualMachine = { id: created.id, name: target.vmName, resourceGroup: target.resourceGroup };
        made.restoredDisks = restoredDisksOf(target.vmName, vm.sizeGb, now);
      } else if (target.type === "RestoreDisks") {
        made.restoredDisks = restoredDisksOf(source.vmName, vm.sizeGb, now);
      } else {
        const original = await tx.virtualMachine.findFirst({
          where: { name: source.vmName, resourceGroup: source.resourceGroup, subscriptionId: source.subscriptionId },
          select: { deletedAt: true },
        });
        if (!original || original.deletedAt) throw new RestoreFailed(JOB_ERRORS.restoreVmNotFound);
        made.previousDiskCopies = previousDiskCopiesOf(source.vmName, vm.sizeGb, now);
      }
      await updateOwned(tx, job.id, lease, {
        ...reported,
        status: "Completed",
        endTime: now,
        isCancellable: false,
        progressPercent: 100,
        bytesTransferred: BigInt(bytes),
        subTasks,
        restoreDetails: { ...details, outcome: made },
      });
      await recordJobEndAlerts(tx, job.id, now);
    });
  } catch (error) {
    // The unique index on (subscription, resource group, name) caught a VM made meanwhile.
    const refused =
      error instanceof RestoreFailed ? error.error : isUniqueViolation(error) ? JOB_ERRORS.restoreVmNameTaken : null;
    if (!refused) throw error;
    const failed = withTask(job.subTasks, TRANSFER, { status: "Completed", progressPercent: 100 }).map((task) =>
      task.name === TRANSFER ? task : { ...task, status: "Failed" as const, endTime: now.toISOString() },
    );
    return failRestore(db, job, lease, refused, failed, now, reported);
  }
  logTransition(job, "Completed", { bytes, tier: details.recoveryPoint.tier });
  return "Completed";
}

/** A restore that failed changes nothing but its job (unlike a backup, it says nothing about the item's protection). */
async function failRestore(
  db: Db,
  job: ClaimedJob,
  lease: Lease,
  error: JobError,
  subTasks: SubTask[],
  now: Date,
  reported = {},
): Promise<JobOutcome> {
  await endJob(db, job.id, lease, { ...reported, ...failedWith(error, now), subTasks }, now);
  logTransition(job, "Failed", { errorCode: error.code });
  return "Failed";
}
