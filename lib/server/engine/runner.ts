// Runs a Backup job: snapshot (Azure VMs), transfer to the vault through the data mover, then, in
// one transaction, the recovery point, the job's end and the item's last backup. An engine claims
// the job with a lease that it renews as the transfer progresses; every write it makes to the job
// holds only while the claim is still its own, so an engine that lost its lease (another engine
// closed the job) changes nothing.
import { randomUUID } from "node:crypto";
import type { SubTask } from "@/lib/domain/jobs/display";
import { JOB_ERRORS, type JobError } from "@/lib/domain/jobs/errors";
import { onDemandRecoveryPoint, scheduledRecoveryPointAt } from "@/lib/domain/retention/recovery-points";
import type { Prisma } from "@/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { rulesOfStoredPolicy } from "@/lib/server/services/policies";
import type { Clock } from "./clock";
import type { DataMover } from "./data-mover";

const GIB = 1024 ** 3;
const DAY_MS = 86_400_000;
/** Share of a VM's disks that holds data, for the simulated size of a full backup. */
const VM_USED_SHARE = 0.55;

function logTransition(job: { id: string; protectedItemId: string | null; vaultId: string; operation: string }, status: string, extra: Record<string, unknown> = {}) {
  logger.info({ event: "job", jobId: job.id, itemId: job.protectedItemId, vaultId: job.vaultId, operation: job.operation, status, ...extra }, `job ${status}`);
}

export type JobOutcome = "Completed" | "CompletedWithWarnings" | "Failed" | "Cancelled" | "NotRunnable" | "LeaseLost";

/** Which engine claims jobs, and how long a claim holds without renewal (engine-clock time). */
export type Lease = { engineId: string; leaseMs: number };

export const DEFAULT_LEASE_MS = 120_000;

export function newLease(leaseMs = DEFAULT_LEASE_MS): Lease {
  return { engineId: randomUUID(), leaseMs };
}

class LeaseLost extends Error {}

/** The job while this engine's claim on it holds. */
function owned(jobId: string, lease: Lease) {
  return { id: jobId, claimedBy: lease.engineId, status: { in: ["InProgress" as const, "Cancelling" as const] } };
}

/** Writes to the job only while the claim holds; throws LeaseLost (rolling back a transaction) when it doesn't. */
async function updateOwned(db: Db | Tx, jobId: string, lease: Lease, data: Prisma.JobUpdateManyMutationInput) {
  const result = await db.job.updateMany({ where: owned(jobId, lease), data });
  if (result.count === 0) throw new LeaseLost();
}

function withTask(subTasks: SubTask[], name: string, change: Partial<SubTask>): SubTask[] {
  return subTasks.map((task) => (task.name === name ? { ...task, ...change } : task));
}

async function loadJob(db: Db, jobId: string) {
  return db.job.findUnique({
    where: { id: jobId },
    include: {
      protectedItem: {
        include: {
          policy: { select: { properties: true, timeZone: true } },
          virtualMachine: { select: { sizeGb: true, dailyChangeRatePercent: true, deletedAt: true } },
          fileFolderSource: { select: { sizeGb: true, dailyChangeRatePercent: true } },
        },
      },
    },
  });
}

type LoadedJob = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

/** A full copy of the data source first; afterwards its change since the previous point. */
async function backupSize(db: Db, job: LoadedJob): Promise<{ bytes: number; full: boolean }> {
  const item = job.protectedItem!;
  const source = item.virtualMachine ?? item.fileFolderSource!;
  const sourceBytes = item.virtualMachine ? source.sizeGb * GIB * VM_USED_SHARE : source.sizeGb * GIB;
  const previous = await db.recoveryPoint.findFirst({ where: { protectedItemId: item.id }, orderBy: { time: "desc" }, select: { time: true } });
  if (!previous) return { bytes: Math.round(sourceBytes), full: true };
  const days = Math.max(1 / 24, (job.startTime.getTime() - previous.time.getTime()) / DAY_MS);
  return { bytes: Math.round(sourceBytes * (source.dailyChangeRatePercent / 100) * days), full: false };
}

async function fail(db: Db, job: LoadedJob, error: JobError, now: Date, subTasks: SubTask[], lease: Lease): Promise<JobOutcome> {
  const item = job.protectedItem!;
  const onDemand = job.initiatedBy !== "Scheduled";
  await db.$transaction(async (tx) => {
    await updateOwned(tx, job.id, lease, { status: "Failed", endTime: now, isCancellable: false, subTasks, errorCode: error.code, errorMessage: error.message, recommendations: error.recommendations });
    await tx.protectedItem.update({
      where: { id: item.id },
      data: {
        lastBackupStatus: "Failed",
        lastBackupTime: job.startTime,
        // Azure turns Backup Pre-Check Critical only after a failed on-demand backup of a deleted VM.
        ...(onDemand && error.code === JOB_ERRORS.vmNotFound.code ? { preCheckStatus: "Critical" as const, healthDetails: [error] } : {}),
      },
    });
    // Conditional: protection may have been stopped while the job ran.
    await tx.protectedItem.updateMany({ where: { id: item.id, protectionState: "Protected" }, data: { protectionState: "ProtectionError" } });
  });
  logTransition(job, "Failed", { errorCode: error.code });
  return "Failed";
}

/** Claims a pending Backup job (scheduled, or on-demand with its retain-until date) and runs it to its end. */
export async function runBackupJob(db: Db, jobId: string, clock: Clock, mover: DataMover, lease: Lease = newLease()): Promise<JobOutcome> {
  // The claim makes one engine run the job, however many see it pending: the conditional update
  // succeeds for one of them (PostgreSQL re-checks the condition after a concurrent update commits).
  const claimedAt = clock.now();
  const claim = await db.job.updateMany({ where: { id: jobId, status: "InProgress", claimedAt: null }, data: { claimedAt, claimedBy: lease.engineId, leaseUntil: new Date(claimedAt.getTime() + lease.leaseMs) } });
  if (claim.count === 0) return "NotRunnable";
  try {
    return await runClaimedJob(db, jobId, clock, mover, lease);
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    logger.warn({ event: "job", jobId, engineId: lease.engineId }, "lease lost: another engine closed the job; its result is discarded");
    return "LeaseLost";
  }
}

async function runClaimedJob(db: Db, jobId: string, clock: Clock, mover: DataMover, lease: Lease): Promise<JobOutcome> {
  const renewed = () => new Date(clock.now().getTime() + lease.leaseMs);
  const job = await loadJob(db, jobId);
  if (!job || !(job.scheduledFor || job.retainUntil)) return "NotRunnable";
  if (!job.protectedItem?.policy) {
    // Stopping protection takes the item off its policy: a backup still queued then doesn't run.
    await updateOwned(db, job.id, lease, { status: "Cancelled", endTime: clock.now(), isCancellable: false, errorMessage: "Protection was stopped before the backup ran." });
    return "Cancelled";
  }
  const item = job.protectedItem;
  const isVm = item.backupManagementType === "AzureIaasVM";
  let subTasks = job.subTasks as SubTask[];
  const stamp = () => clock.now().toISOString();
  const backup = { itemName: item.itemName, backupManagementType: item.backupManagementType, at: job.scheduledFor ?? job.startTime };

  if (isVm) {
    if (item.virtualMachine?.deletedAt) {
      const failed = subTasks.map((task) => ({ ...task, status: "Failed" as const, startTime: stamp(), endTime: stamp() }));
      return fail(db, job, JOB_ERRORS.vmNotFound, clock.now(), failed, lease);
    }
    const snapshotStart = stamp();
    const snapshotError = await mover.snapshot(backup);
    if (snapshotError) {
      const failed = subTasks.map((task) => ({ ...task, status: "Failed" as const, startTime: snapshotStart, endTime: stamp() }));
      return fail(db, job, snapshotError, clock.now(), failed, lease);
    }
    subTasks = withTask(subTasks, "Take Snapshot", { status: "Completed", progressPercent: 100, startTime: snapshotStart, endTime: stamp() });
  }
  subTasks = withTask(subTasks, "Transfer data to vault", { status: "InProgress", startTime: stamp() });
  await updateOwned(db, job.id, lease, { subTasks, leaseUntil: renewed() });
  logTransition(job, "Transferring");

  const { bytes, full } = await backupSize(db, job);
  const outcome = await mover.transfer({
    backup,
    bytes,
    onProgress: async (transferred) => {
      const percent = bytes === 0 ? 100 : Math.floor((transferred / bytes) * 100);
      subTasks = withTask(subTasks, "Transfer data to vault", { progressPercent: percent });
      await updateOwned(db, job.id, lease, { progressPercent: percent, bytesTransferred: BigInt(Math.round(transferred)), subTasks, leaseUntil: renewed() });
    },
    cancelled: async () => {
      const current = await db.job.findUnique({ where: { id: job.id }, select: { status: true, claimedBy: true } });
      if (current?.claimedBy !== lease.engineId || !["InProgress", "Cancelling"].includes(current.status)) throw new LeaseLost();
      return current.status === "Cancelling";
    },
  });
  const now = clock.now();
  if (outcome === "cancelled") {
    // Transferred data is discarded; the next backup is incremental from the last good point.
    await updateOwned(db, job.id, lease, { status: "Cancelled", endTime: now, isCancellable: false, bytesTransferred: 0n, subTasks: withTask(subTasks, "Transfer data to vault", { status: "Cancelled", endTime: now.toISOString() }) });
    logTransition(job, "Cancelled");
    return "Cancelled";
  }

  const transferError = typeof outcome === "object" ? outcome.failed : null;
  if (transferError) subTasks = withTask(subTasks, "Transfer data to vault", { status: "Failed", endTime: now.toISOString() });
  // An agent backup whose transfer failed has nothing; a VM's still has its snapshot (Azure: Completed with warnings).
  if (transferError && !isVm) return fail(db, job, transferError, now, subTasks, lease);
  const rules = rulesOfStoredPolicy(item.policy!);
  const kept = job.retainUntil
    ? onDemandRecoveryPoint(rules, job.startTime, job.retainUntil)
    : scheduledRecoveryPointAt(rules, job.scheduledFor!);
  const planned = kept && transferError ? { ...kept, tiers: kept.tiers.filter((tier) => tier === "snapshot"), rules: [], governingRule: null, expiresAt: null } : kept;
  if (!transferError) subTasks = withTask(subTasks, "Transfer data to vault", { status: "Completed", progressPercent: 100, endTime: now.toISOString() });
  const status = transferError ? ("CompletedWithWarnings" as const) : ("Completed" as const);
  await db.$transaction(async (tx) => {
    if (planned) {
      await tx.recoveryPoint.create({
        data: {
          protectedItemId: item.id,
          jobId: job.id,
          time: planned.time,
          type: full ? "Full" : "Incremental",
          isOnDemand: planned.onDemand,
          inSnapshotTier: planned.tiers.includes("snapshot"),
          inVaultTier: planned.tiers.includes("vault"),
          retentionRules: planned.rules,
          ruleName: planned.governingRule,
          expiresAt: planned.expiresAt,
          snapshotExpiresAt: planned.snapshotExpiresAt,
          sizeBytes: BigInt(bytes),
        },
      });
    }
    await updateOwned(tx, job.id, lease, {
      status, endTime: now, isCancellable: false, subTasks,
      progressPercent: transferError ? 0 : 100,
      bytesTransferred: BigInt(transferError ? 0 : bytes),
      ...(transferError ? { errorCode: transferError.code, errorMessage: transferError.message, recommendations: transferError.recommendations } : {}),
    });
    await tx.protectedItem.update({ where: { id: item.id }, data: { lastBackupStatus: status, lastBackupTime: job.startTime, ...(planned ? { storedBytes: { increment: BigInt(bytes) } } : {}) } });
    await tx.protectedItem.updateMany({ where: { id: item.id, protectionState: { in: ["IRPending", "ProtectionError"] } }, data: { protectionState: "Protected" } });
  });
  logTransition(job, status, { bytes, full });
  return status;
}

/**
 * Jobs whose engine stopped renewing its lease (it crashed, or was killed) become Failed with the
 * reason; their slots are not run again. Pending jobs no engine has claimed are left to run.
 * Claims made before leases existed have none and count as run out.
 */
export async function failExpiredLeases(db: Db, now: Date): Promise<number> {
  const error = JOB_ERRORS.engineStopped;
  const result = await db.job.updateMany({
    where: { status: { in: ["InProgress", "Cancelling"] }, claimedAt: { not: null }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { status: "Failed", endTime: now, isCancellable: false, errorCode: error.code, errorMessage: error.message, recommendations: error.recommendations },
  });
  if (result.count > 0) logger.warn({ event: "lease", jobs: result.count }, "jobs whose engine stopped (lease ran out) were closed as Failed");
  return result.count;
}
