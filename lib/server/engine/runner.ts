// Runs a Backup job: snapshot (Azure VMs), transfer to the vault through the data mover, then, in
// one transaction, the recovery point, the job's end and the item's last backup. An engine claims
// the job with a lease that it renews as the transfer progresses; every write it makes to the job
// holds only while the claim is still its own, so an engine that lost its lease (another engine
// closed the job) changes nothing.
//
// Round trips per job, which bound the engine's throughput: the claim (one conditional update),
// the load (one query joining the item, its policy, its data source and its latest point), the
// progress reports (coalesced: at most one write in flight, and a report the job's end overtakes
// goes with the end) and the end (one transaction of three statements).
import { randomUUID } from "node:crypto";
import type { SubTask } from "@/lib/domain/jobs/display";
import { JOB_ERRORS, type JobError } from "@/lib/domain/jobs/errors";
import { onDemandRecoveryPoint, scheduledRecoveryPointAt } from "@/lib/domain/retention/recovery-points";
import { Prisma } from "@/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db";
import { recordJobEndAlerts } from "@/lib/server/alerts/raise";
import { logger } from "@/lib/server/logger";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import type { Clock } from "./clock";
import type { BackupContext, DataMover, TransferOutcome } from "./data-mover";

const GIB = 1024 ** 3;
const DAY_MS = 86_400_000;
/** Share of a VM's disks that holds data, for the simulated size of a full backup. */
const VM_USED_SHARE = 0.55;

/** The data a simulated VM of this disk size holds: what a full backup copies and a restore brings back. */
export function vmDataBytes(sizeGb: number): number {
  return Math.round(sizeGb * GIB * VM_USED_SHARE);
}

export function logTransition(
  job: { id: string; protectedItemId: string | null; vaultId: string; operation: string },
  status: string,
  extra: Record<string, unknown> = {},
) {
  logger.info(
    {
      event: "job",
      jobId: job.id,
      itemId: job.protectedItemId,
      vaultId: job.vaultId,
      operation: job.operation,
      status,
      ...extra,
    },
    `job ${status}`,
  );
}

export type JobOutcome = "Completed" | "CompletedWithWarnings" | "Failed" | "Cancelled" | "NotRunnable" | "LeaseLost";

/** Which engine claims jobs, and how long a claim holds without renewal (engine-clock time). */
export type Lease = { engineId: string; leaseMs: number };

export const DEFAULT_LEASE_MS = 120_000;

/** The engineId of a Backup Agent's claims: the prefix, then its server's id. */
export const AGENT_CLAIM_PREFIX = "agent:";

export function newLease(leaseMs = DEFAULT_LEASE_MS): Lease {
  return { engineId: randomUUID(), leaseMs };
}

export class LeaseLost extends Error {}

/** The job while this engine's claim on it holds. */
function owned(jobId: string, lease: Lease) {
  return { id: jobId, claimedBy: lease.engineId, status: { in: ["InProgress" as const, "Cancelling" as const] } };
}

export type JobUpdate = Prisma.JobUpdateManyMutationInput;

/** Writes to the job only while the claim holds; throws LeaseLost (rolling back a transaction) when it doesn't. */
export async function updateOwned(db: Db | Tx, jobId: string, lease: Lease, data: JobUpdate) {
  const result = await db.job.updateMany({ where: owned(jobId, lease), data });
  if (result.count === 0) throw new LeaseLost();
}

/** Writes a job's end while the claim holds, with the alerts it raises or resolves, in one transaction. */
export async function endJob(db: Db, jobId: string, lease: Lease, data: JobUpdate, now: Date) {
  await db.$transaction(async (tx) => {
    await updateOwned(tx, jobId, lease, data);
    await recordJobEndAlerts(tx, jobId, now);
  });
}

/**
 * Ends the jobs `where` finds with `data`, no claim needed (their engine or agent is gone): each
 * in a transaction of its own with its alerts, each by a conditional update, so a job another
 * engine ends meanwhile is left to it. Returns how many it ended.
 */
export async function closeJobs(db: Db, where: Prisma.JobWhereInput, data: JobUpdate, now: Date): Promise<number> {
  const jobs = await db.job.findMany({ where, select: { id: true } });
  let closed = 0;
  for (const { id } of jobs) {
    await db.$transaction(async (tx) => {
      if ((await tx.job.updateMany({ where: { AND: [where, { id }] }, data })).count === 0) return;
      await recordJobEndAlerts(tx, id, now);
      closed++;
    });
  }
  return closed;
}

/** A job's end as Failed, with Azure's error code, message and recommended actions. */
export function failedWith(error: JobError, now: Date) {
  return {
    status: "Failed" as const,
    endTime: now,
    isCancellable: false,
    errorCode: error.code,
    errorMessage: error.message,
    recommendations: error.recommendations,
  };
}

export function withTask(subTasks: SubTask[], name: string, change: Partial<SubTask>): SubTask[] {
  return subTasks.map((task) => (task.name === name ? { ...task, ...change } : task));
}

/** A claimed job with what running it needs. */
export type ClaimedJob = {
  id: string;
  vaultId: string;
  protectedItemId: string | null;
  /** A Backup Agent server's maintenance job (Prune, IntegrityCheck) names its server, not an item. */
  backupServerId: string | null;
  operation: string;
  startTime: Date;
  subTasks: SubTask[];
  initiatedBy: string;
  scheduledFor: Date | null;
  retainUntil: Date | null;
  /** A Restore job's request (lib/domain/restore). */
  restoreDetails: unknown;
  /** The server whose agent runs a files recovery. */
  recoveryServerId: string | null;
  /** Until when this engine's claim holds, as written by the claim. */
  leaseUntil: Date;
  /** Null when the item is gone; its policy is null when protection was stopped. */
  item: {
    id: string;
    itemName: string;
    backupManagementType: "AzureIaasVM" | "MAB";
    policy: { properties: unknown; timeZone: string } | null;
    virtualMachine: { sizeGb: number; dailyChangeRatePercent: number; deletedAt: Date | null } | null;
    fileFolderSource: { path: string; serverId: string; sizeGb: number; dailyChangeRatePercent: number } | null;
    /** The time of the item's latest recovery point: the next backup is the change since then. */
    previousPointTime: Date | null;
  } | null;
};

type LoadedRow = {
  id: string;
  vaultId: string;
  leaseUntil: Date | string | null;
  protectedItemId: string | null;
  backupServerId: string | null;
  operation: string;
  startTime: Date;
  subTasks: unknown;
  initiatedBy: string;
  scheduledFor: Date | null;
  retainUntil: Date | null;
  restoreDetails: unknown;
  recoveryServerId: string | null;
  itemId: string | null;
  itemName: string | null;
  itemType: "AzureIaasVM" | "MAB" | null;
  policyId: string | null;
  policyProperties: unknown;
  policyTimeZone: string | null;
  vmId: string | null;
  vmSizeGb: number | null;
  vmChangeRate: number | null;
  vmDeletedAt: Date | string | null;
  folderId: string | null;
  folderPath: string | null;
  folderServerId: string | null;
  folderSizeGb: number | null;
  folderChangeRate: number | null;
  previousPointTime: Date | string | null;
};

/** Raw queries return a computed timestamp as text on SQLite ("2024-01-01T00:00:00.000+00:00"). */
const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);
const asJson = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

/**
 * Claims the given jobs that are still pending (the conditional update succeeds for one engine
 * however many try: PostgreSQL re-checks the condition after a concurrent update commits), then
 * reads them (loadClaimedJobs). Returns the jobs this engine claimed, in the order given.
 */
export async function claimJobs(db: Db, jobIds: string[], clock: Clock, lease: Lease): Promise<ClaimedJob[]> {
  if (jobIds.length === 0) return [];
  const claimedAt = clock.now();
  const leaseUntil = new Date(claimedAt.getTime() + lease.leaseMs);
  const claimed = await db.$queryRaw<
    Array<{ id: string }>
  >`UPDATE "Job" SET "claimedAt" = ${claimedAt}, "claimedBy" = ${lease.engineId}, "leaseUntil" = ${leaseUntil}
    WHERE "id" IN (${Prisma.join(jobIds)}) AND "status" = 'InProgress' AND "claimedAt" IS NULL RETURNING "id"`;
  if (claimed.length === 0) return [];
  const byId = new Map(
    (
      await loadClaimedJobs(
        db,
        claimed.map((row) => row.id),
      )
    ).map((job) => [job.id, job]),
  );
  return jobIds.flatMap((id) => byId.get(id) ?? []);
}

/** Claimed jobs with their item, policy, data source and latest point, in one query. */
export async function loadClaimedJobs(db: Db, jobIds: string[]): Promise<ClaimedJob[]> {
  if (jobIds.length === 0) return [];
  const rows = await db.$queryRaw<
    LoadedRow[]
  >`SELECT j."id", j."vaultId", j."leaseUntil", j."backupServerId", j."protectedItemId", j."operation", j."startTime", j."subTasks", j."initiatedBy", j."scheduledFor", j."retainUntil", j."restoreDetails", j."recoveryServerId",
      i."id" AS "itemId", i."itemName", i."backupManagementType" AS "itemType", i."policyId", p."properties" AS "policyProperties", p."timeZone" AS "policyTimeZone",
      v."id" AS "vmId", v."sizeGb" AS "vmSizeGb", v."dailyChangeRatePercent" AS "vmChangeRate", v."deletedAt" AS "vmDeletedAt",
      f."id" AS "folderId", f."path" AS "folderPath", f."serverId" AS "folderServerId", f."sizeGb" AS "folderSizeGb", f."dailyChangeRatePercent" AS "folderChangeRate",
      (SELECT MAX(r."time") FROM "RecoveryPoint" r WHERE r."protectedItemId" = i."id") AS "previousPointTime"
    FROM "Job" j
    LEFT JOIN "ProtectedItem" i ON i."id" = j."protectedItemId"
    LEFT JOIN "BackupPolicy" p ON p."id" = i."policyId"
    LEFT JOIN "VirtualMachine" v ON v."id" = i."virtualMachineId"
    LEFT JOIN "FileFolderSource" f ON f."id" = i."fileFolderSourceId"
    WHERE j."id" IN (${Prisma.join(jobIds)}) AND j."leaseUntil" IS NOT NULL`;
  return rows.map((row) => ({
    id: row.id,
    vaultId: row.vaultId,
    protectedItemId: row.protectedItemId,
    backupServerId: row.backupServerId,
    operation: row.operation,
    startTime: asDate(row.startTime)!,
    subTasks: asJson(row.subTasks) as SubTask[],
    initiatedBy: row.initiatedBy,
    scheduledFor: asDate(row.scheduledFor),
    retainUntil: asDate(row.retainUntil),
    restoreDetails: asJson(row.restoreDetails),
    recoveryServerId: row.recoveryServerId,
    leaseUntil: asDate(row.leaseUntil)!,
    item: row.itemId
      ? {
          id: row.itemId,
          itemName: row.itemName!,
          backupManagementType: row.itemType!,
          policy: row.policyId ? { properties: asJson(row.policyProperties), timeZone: row.policyTimeZone! } : null,
          virtualMachine: row.vmId
            ? {
                sizeGb: Number(row.vmSizeGb),
                dailyChangeRatePercent: Number(row.vmChangeRate),
                deletedAt: asDate(row.vmDeletedAt),
              }
            : null,
          fileFolderSource: row.folderId
            ? {
                path: row.folderPath!,
                serverId: row.folderServerId!,
                sizeGb: Number(row.folderSizeGb),
                dailyChangeRatePercent: Number(row.folderChangeRate),
              }
            : null,
          previousPointTime: asDate(row.previousPointTime),
        }
      : null,
  }));
}

/** A full copy of the data source first; afterwards its change since the previous point. */
function backupSize(job: ClaimedJob): { bytes: number; full: boolean } {
  const item = job.item!;
  const source = item.virtualMachine ?? item.fileFolderSource!;
  const sourceBytes = item.virtualMachine ? vmDataBytes(source.sizeGb) : source.sizeGb * GIB;
  const previous = item.previousPointTime;
  if (!previous) return { bytes: Math.round(sourceBytes), full: true };
  const days = Math.max(1 / 24, (job.startTime.getTime() - previous.getTime()) / DAY_MS);
  return { bytes: Math.round(sourceBytes * (source.dailyChangeRatePercent / 100) * days), full: false };
}

/**
 * The job's writes while it runs: the transfer's start and its progress reports, each renewing the
 * lease. A report is written at the next turn of the event loop, one write at a time with later
 * reports merged into the next, or at once when the lease written so far is within half its
 * length of running out (a virtual clock may move while the event loop doesn't turn). A report the
 * job's end overtakes, such as an instant transfer's, is written with the end. A lost lease
 * surfaces at the next report or at the end.
 */
export class JobWriter {
  private pending: JobUpdate | null = null;
  private timer: NodeJS.Immediate | null = null;
  private writing: Promise<void> | null = null;
  private failure: unknown = null;
  private ended = false;

  constructor(
    private readonly db: Db,
    private readonly jobId: string,
    private readonly lease: Lease,
    private readonly clock: Clock,
    /** Until when the lease written so far holds (engine-clock milliseconds). */
    private leaseWrittenUntil: number,
  ) {}

  report(data: JobUpdate & { leaseUntil: Date }): void {
    if (this.failure) throw this.failure;
    this.pending = { ...this.pending, ...data };
    this.schedule();
  }

  private schedule() {
    if (this.writing || this.ended || !this.pending) return;
    if (this.leaseWrittenUntil - this.clock.now().getTime() <= this.lease.leaseMs / 2) {
      if (this.timer) clearImmediate(this.timer);
      this.write();
    } else {
      this.timer ??= setImmediate(() => this.write());
    }
  }

  private write() {
    this.timer = null;
    if (this.writing || this.ended || !this.pending) return;
    const data = this.pending;
    this.pending = null;
    this.writing = updateOwned(this.db, this.jobId, this.lease, data)
      .then(
        () => {
          if (data.leaseUntil instanceof Date) this.leaseWrittenUntil = data.leaseUntil.getTime();
        },
        (error: unknown) => {
          this.failure ??= error;
        },
      )
      .finally(() => {
        this.writing = null;
        if (!this.failure) this.schedule();
      });
  }

  /** At the job's end: waits for a write in flight and returns the reports not written yet, to go with the end. */
  async end(): Promise<JobUpdate> {
    this.ended = true;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    if (this.writing) await this.writing;
    if (this.failure) throw this.failure;
    const data = this.pending ?? {};
    this.pending = null;
    return data;
  }
}

const FAILING_STATES = ["IRPending", "ProtectionError"] as const;

/**
 * The item after its backup: the last backup's status and time, its stored bytes, and Protected
 * when it was pending its first backup or failing. One statement in the usual case (already Protected).
 */
async function recordBackupOnItem(tx: Tx, itemId: string, data: Prisma.ProtectedItemUpdateManyMutationInput) {
  if (
    (
      await tx.protectedItem.updateMany({
        where: { id: itemId, protectionState: { notIn: [...FAILING_STATES] } },
        data,
      })
    ).count > 0
  )
    return;
  if (
    (
      await tx.protectedItem.updateMany({
        where: { id: itemId, protectionState: { in: [...FAILING_STATES] } },
        data: { ...data, protectionState: "Protected" },
      })
    ).count > 0
  )
    return;
  await tx.protectedItem.update({ where: { id: itemId }, data });
}

export async function fail(
  db: Db,
  job: ClaimedJob,
  error: JobError,
  now: Date,
  subTasks: SubTask[],
  lease: Lease,
  reported: JobUpdate = {},
): Promise<JobOutcome> {
  const item = job.item!;
  const onDemand = job.initiatedBy !== "Scheduled";
  await db.$transaction(async (tx) => {
    await updateOwned(tx, job.id, lease, {
      ...reported,
      ...failedWith(error, now),
      subTasks,
    });
    const data = {
      lastBackupStatus: "Failed" as const,
      lastBackupTime: job.startTime,
      // Azure turns Backup Pre-Check Critical only after a failed on-demand backup of a deleted VM.
      ...(onDemand && error.code === JOB_ERRORS.vmNotFound.code
        ? { preCheckStatus: "Critical" as const, healthDetails: [error] }
        : {}),
    };
    // Conditional: protection may have been stopped while the job ran.
    if (
      (
        await tx.protectedItem.updateMany({
          where: { id: item.id, protectionState: "Protected" },
          data: { ...data, protectionState: "ProtectionError" },
        })
      ).count === 0
    ) {
      await tx.protectedItem.update({ where: { id: item.id }, data });
    }
    await recordJobEndAlerts(tx, job.id, now);
  });
  logTransition(job, "Failed", { errorCode: error.code });
  return "Failed";
}

/** Claims a pending Backup job (scheduled, or on-demand with its retain-until date) and runs it to its end. */
export async function runBackupJob(
  db: Db,
  jobId: string,
  clock: Clock,
  mover: DataMover,
  lease: Lease = newLease(),
): Promise<JobOutcome> {
  const [job] = await claimJobs(db, [jobId], clock, lease);
  if (!job) return "NotRunnable";
  return runClaimedJob(db, job, clock, mover, lease);
}

/** Runs a Backup job this engine claimed (claimJobs) to its end. */
export function runClaimedJob(db: Db, job: ClaimedJob, clock: Clock, mover: DataMover, lease: Lease) {
  return whileLeaseHolds(job, lease, () => runClaimed(db, job, clock, mover, lease));
}

/** Runs a claimed job; when another engine closed it meanwhile (LeaseLost), its result is discarded. */
export async function whileLeaseHolds(
  job: ClaimedJob,
  lease: Lease,
  run: () => Promise<JobOutcome>,
): Promise<JobOutcome> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    logger.warn(
      { event: "job", jobId: job.id, engineId: lease.engineId },
      "lease lost: another engine closed the job; its result is discarded",
    );
    return "LeaseLost";
  }
}

/** Whether the admin cancelled the job; LeaseLost when the job is no longer this engine's. */
export async function cancelRequested(db: Db, jobId: string, lease: Lease): Promise<boolean> {
  const current = await db.job.findUnique({ where: { id: jobId }, select: { status: true, claimedBy: true } });
  if (current?.claimedBy !== lease.engineId || !["InProgress", "Cancelling"].includes(current.status))
    throw new LeaseLost();
  return current.status === "Cancelling";
}

/** Stopping protection takes the item off its policy: a backup still queued then doesn't run. Whether it cancelled the job. */
export async function cancelIfUnprotected(db: Db, job: ClaimedJob, now: Date, lease: Lease): Promise<boolean> {
  if (job.item?.policy) return false;
  await updateOwned(db, job.id, lease, {
    status: "Cancelled",
    endTime: now,
    isCancellable: false,
    errorMessage: "Protection was stopped before the backup ran.",
  });
  return true;
}

/**
 * A job's transfer through the data mover: its sub task runs, progress (percent, bytes, the lease)
 * is reported as the mover goes, and the reports not written yet come back to go with the job's
 * end. `moved`, when given, is what the mover takes the time of (the snapshot tier is read faster
 * than `bytes` would take); progress is still reported in `bytes`.
 */
export async function transferData(
  db: Db,
  job: ClaimedJob,
  clock: Clock,
  mover: DataMover,
  lease: Lease,
  {
    task,
    subTasks: initial,
    context,
    bytes,
    moved = bytes,
  }: { task: string; subTasks: SubTask[]; context: BackupContext; bytes: number; moved?: number },
): Promise<{ outcome: TransferOutcome; reported: JobUpdate; subTasks: SubTask[] }> {
  const renewed = () => new Date(clock.now().getTime() + lease.leaseMs);
  let subTasks = withTask(initial, task, { status: "InProgress", startTime: clock.now().toISOString() });
  const writer = new JobWriter(db, job.id, lease, clock, job.leaseUntil.getTime());
  writer.report({ subTasks, leaseUntil: renewed() });
  logTransition(job, "Transferring");
  let outcome: TransferOutcome;
  try {
    outcome = await mover.transfer({
      backup: context,
      bytes: moved,
      onProgress: async (done) => {
        const share = moved === 0 ? 1 : done / moved;
        const percent = Math.floor(share * 100);
        subTasks = withTask(subTasks, task, { progressPercent: percent });
        writer.report({
          progressPercent: percent,
          bytesTransferred: BigInt(Math.round(share * bytes)),
          subTasks,
          leaseUntil: renewed(),
        });
      },
      cancelled: () => cancelRequested(db, job.id, lease),
    });
  } catch (error) {
    await writer.end().catch(() => undefined);
    throw error;
  }
  return { outcome, reported: await writer.end(), subTasks };
}

async function runClaimed(db: Db, job: ClaimedJob, clock: Clock, mover: DataMover, lease: Lease): Promise<JobOutcome> {
  if (!(job.scheduledFor || job.retainUntil)) return "NotRunnable";
  if (await cancelIfUnprotected(db, job, clock.now(), lease)) return "Cancelled";
  const item = job.item!;
  const isVm = item.backupManagementType === "AzureIaasVM";
  let subTasks = job.subTasks;
  const stamp = () => clock.now().toISOString();
  const backup = {
    itemName: item.itemName,
    backupManagementType: item.backupManagementType,
    at: job.scheduledFor ?? job.startTime,
  };

  if (isVm) {
    if (item.virtualMachine?.deletedAt) {
      const failed = subTasks.map((task) => ({
        ...task,
        status: "Failed" as const,
        startTime: stamp(),
        endTime: stamp(),
      }));
      return fail(db, job, JOB_ERRORS.vmNotFound, clock.now(), failed, lease);
    }
    const snapshotStart = stamp();
    const snapshotError = await mover.snapshot(backup);
    if (snapshotError) {
      const failed = subTasks.map((task) => ({
        ...task,
        status: "Failed" as const,
        startTime: snapshotStart,
        endTime: stamp(),
      }));
      return fail(db, job, snapshotError, clock.now(), failed, lease);
    }
    subTasks = withTask(subTasks, "Take Snapshot", {
      status: "Completed",
      progressPercent: 100,
      startTime: snapshotStart,
      endTime: stamp(),
    });
  }
  const { bytes, full } = backupSize(job);
  const transferred = await transferData(db, job, clock, mover, lease, {
    task: "Transfer data to vault",
    subTasks,
    context: backup,
    bytes,
  });
  subTasks = transferred.subTasks;
  const { outcome, reported } = transferred;
  const now = clock.now();
  if (outcome === "cancelled") {
    // Transferred data is discarded; the next backup is incremental from the last good point.
    await updateOwned(db, job.id, lease, {
      ...reported,
      status: "Cancelled",
      endTime: now,
      isCancellable: false,
      bytesTransferred: 0n,
      subTasks: withTask(subTasks, "Transfer data to vault", { status: "Cancelled", endTime: now.toISOString() }),
    });
    logTransition(job, "Cancelled");
    return "Cancelled";
  }

  const transferError = typeof outcome === "object" ? outcome.failed : null;
  if (transferError)
    subTasks = withTask(subTasks, "Transfer data to vault", { status: "Failed", endTime: now.toISOString() });
  // An agent backup whose transfer failed has nothing; a VM's still has its snapshot (Azure: Completed with warnings).
  if (transferError && !isVm) return fail(db, job, transferError, now, subTasks, lease, reported);
  return completeBackup(db, job, lease, now, {
    subTasks,
    reported,
    bytes,
    full,
    warning: transferError,
    snapshotOnly: transferError !== null,
  });
}

export type BackupEnd = {
  subTasks: SubTask[];
  /** Progress reports not written yet, and anything else the job's end writes. */
  reported: JobUpdate;
  /** What the backup added to the vault. */
  bytes: number;
  full: boolean;
  /** Completed with warnings: why. */
  warning: JobError | null;
  /** A VM backup whose transfer failed: the point is in the snapshot tier only, nothing reached the vault. */
  snapshotOnly?: boolean;
  /** The restic snapshot that holds a Backup Agent item's point. */
  snapshotId?: string;
};

/**
 * A backup's end, in one transaction: the job (Completed, or with warnings), its recovery point
 * tagged by the policy (or kept until the on-demand backup's date) and the item's last backup.
 */
export async function completeBackup(
  db: Db,
  job: ClaimedJob,
  lease: Lease,
  now: Date,
  end: BackupEnd,
): Promise<JobOutcome> {
  const item = job.item!;
  const rules = rulesOfStoredPolicy(item.policy!);
  const kept = job.retainUntil
    ? onDemandRecoveryPoint(rules, job.startTime, job.retainUntil)
    : scheduledRecoveryPointAt(rules, job.scheduledFor!);
  const planned =
    kept && end.snapshotOnly
      ? {
          ...kept,
          tiers: kept.tiers.filter((tier) => tier === "snapshot"),
          rules: [],
          governingRule: null,
          expiresAt: null,
        }
      : kept;
  const subTasks = end.snapshotOnly
    ? end.subTasks
    : withTask(end.subTasks, "Transfer data to vault", {
        status: "Completed",
        progressPercent: 100,
        endTime: now.toISOString(),
      });
  const status = end.warning ? ("CompletedWithWarnings" as const) : ("Completed" as const);
  const { bytes } = end;
  await db.$transaction(async (tx) => {
    // The job first: when the lease is lost, nothing else is written.
    await updateOwned(tx, job.id, lease, {
      ...end.reported,
      status,
      endTime: now,
      isCancellable: false,
      subTasks,
      progressPercent: end.snapshotOnly ? 0 : 100,
      bytesTransferred: BigInt(end.snapshotOnly ? 0 : bytes),
      ...(end.warning
        ? {
            errorCode: end.warning.code,
            errorMessage: end.warning.message,
            recommendations: end.warning.recommendations,
          }
        : {}),
    });
    if (planned) {
      await tx.recoveryPoint.createMany({
        data: {
          protectedItemId: item.id,
          jobId: job.id,
          time: planned.time,
          type: end.full ? "Full" : "Incremental",
          isOnDemand: planned.onDemand,
          inSnapshotTier: planned.tiers.includes("snapshot"),
          inVaultTier: planned.tiers.includes("vault"),
          retentionRules: planned.rules,
          ruleName: planned.governingRule,
          expiresAt: planned.expiresAt,
          snapshotExpiresAt: planned.snapshotExpiresAt,
          sizeBytes: BigInt(bytes),
          snapshotId: end.snapshotId,
        },
      });
    }
    await recordBackupOnItem(tx, item.id, {
      lastBackupStatus: status,
      lastBackupTime: job.startTime,
      ...(planned ? { storedBytes: { increment: BigInt(bytes) } } : {}),
    });
    await recordJobEndAlerts(tx, job.id, now);
  });
  logTransition(job, status, { bytes, full: end.full });
  return status;
}

/**
 * Jobs whose engine stopped renewing its lease (it crashed, or was killed) become Failed with the
 * reason; their slots are not run again. Pending jobs no engine has claimed are left to run.
 * Claims made before leases existed have none and count as run out.
 */
export async function failExpiredLeases(db: Db, now: Date): Promise<number> {
  const expired = {
    status: { in: ["InProgress" as const, "Cancelling" as const] },
    claimedAt: { not: null },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
  const closed = (where: Prisma.JobWhereInput, error: JobError) =>
    closeJobs(db, { AND: [expired, where] }, failedWith(error, now), now);
  // A Backup Agent's claim is named after it (lib/server/agents): its jobs say the agent stopped.
  const count =
    (await closed(
      { claimedBy: { startsWith: AGENT_CLAIM_PREFIX }, operation: "Restore" },
      JOB_ERRORS.agentStoppedDuringRestore,
    )) +
    (await closed({ claimedBy: { startsWith: AGENT_CLAIM_PREFIX } }, JOB_ERRORS.agentStopped)) +
    (await closed(
      { OR: [{ claimedBy: null }, { NOT: { claimedBy: { startsWith: AGENT_CLAIM_PREFIX } } }] },
      JOB_ERRORS.engineStopped,
    ));
  if (count > 0)
    logger.warn(
      { event: "lease", jobs: count },
      "jobs whose engine or agent stopped (lease ran out) were closed as Failed",
    );
  return count;
}
