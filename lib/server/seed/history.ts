// Backup history of a demo item: the jobs and recovery points its policy would have produced.
// Stands in for the engine until it exists; outcomes come from a seeded random generator.
import { randomUUID } from "node:crypto";
import type { SubTask } from "@/lib/domain/jobs/display";
import { JOB_ERRORS, type JobError } from "@/lib/domain/jobs/errors";
import type { PolicyRules } from "@/lib/domain/policy/rules";
import { type PlannedRecoveryPoint, recoveryPointsAt, scheduledRecoveryPoint } from "@/lib/domain/retention/recovery-points";
import { scheduledSlots } from "@/lib/domain/schedule/slots";

export type Random = () => number;

/** mulberry32: a small deterministic generator, so the demo estate is the same every time. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type HistoryItem = {
  id: string;
  vaultId: string;
  friendlyName: string;
  backupManagementType: "AzureIaasVM" | "MAB";
  sizeBytes: number;
  dailyChangeRate: number;
  /** Failure that scheduled runs of this item hit once it is set (the source VM was deleted). */
  failAllAfter?: { at: Date; failure: JobError };
};

type JobRow = {
  id: string;
  vaultId: string;
  protectedItemId: string;
  operation: "Backup";
  status: "Completed" | "CompletedWithWarnings" | "Failed";
  startTime: Date;
  endTime: Date;
  entityFriendlyName: string;
  backupManagementType: "AzureIaasVM" | "MAB";
  subTasks: SubTask[];
  progressPercent: number;
  bytesTransferred: bigint;
  errorCode: string | null;
  errorMessage: string | null;
  recommendations: string[] | undefined;
  initiatedBy: string;
  scheduledFor: Date;
};

type RecoveryPointRow = {
  protectedItemId: string;
  jobId: string;
  time: Date;
  type: "Full" | "Incremental";
  inSnapshotTier: boolean;
  inVaultTier: boolean;
  retentionRules: string[];
  ruleName: string | null;
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
  sizeBytes: bigint;
};

const MINUTE = 60_000;
const DAY = 86_400_000;

function task(name: string, status: SubTask["status"], start: Date, end: Date): SubTask {
  return { name, status, progressPercent: status === "Failed" ? 0 : 100, startTime: start.toISOString(), endTime: end.toISOString() };
}

/** Jobs and surviving recovery points of every scheduled slot in (from, now], with retention applied at `now`. */
export function simulateHistory(item: HistoryItem, policy: PolicyRules, from: Date, now: Date, random: Random) {
  const jobs: JobRow[] = [];
  const points: Array<PlannedRecoveryPoint & { jobId: string; full: boolean; bytes: number }> = [];
  const isVm = item.backupManagementType === "AzureIaasVM";
  let previousPoint: Date | null = null;
  for (const slot of scheduledSlots(policy.schedule, policy.timeZone, from, now)) {
    const startTime = new Date(slot.at.getTime() + Math.floor(random() * 240_000));
    const roll = random();
    const failure =
      item.failAllAfter && slot.at >= item.failAllAfter.at
        ? item.failAllAfter.failure
        : roll < 0.05
          ? isVm ? (roll < 0.025 ? JOB_ERRORS.vmAgentUnavailable : JOB_ERRORS.snapshotNoNetwork) : JOB_ERRORS.marsScratch
          : null;
    const transferFailed = !failure && isVm && roll > 0.97;
    const full = previousPoint === null;
    const bytes = full
      ? item.sizeBytes
      : Math.round(item.sizeBytes * item.dailyChangeRate * Math.max(0.1, (slot.at.getTime() - previousPoint!.getTime()) / DAY) * (0.6 + random() * 0.8));
    const transferMinutes = Math.max(1, Math.round(bytes / (200 * 1024 * 1024) / 60 * 10)) + Math.floor(random() * 5);
    const snapshotEnd = new Date(startTime.getTime() + MINUTE + Math.floor(random() * 2 * MINUTE));
    const endTime = failure ? snapshotEnd : new Date(snapshotEnd.getTime() + transferMinutes * MINUTE + Math.floor(random() * MINUTE));
    const status = failure ? "Failed" : transferFailed ? "CompletedWithWarnings" : "Completed";
    const transferStatus = failure ? "Failed" : transferFailed ? "Failed" : "Completed";
    const subTasks = isVm
      ? [task("Take Snapshot", failure ? "Failed" : "Completed", startTime, snapshotEnd), task("Transfer data to vault", transferStatus, snapshotEnd, endTime)]
      : [task("Transfer data to vault", transferStatus, startTime, endTime)];
    const jobId = randomUUID();
    jobs.push({
      id: jobId,
      vaultId: item.vaultId,
      protectedItemId: item.id,
      operation: "Backup",
      status,
      startTime,
      endTime,
      entityFriendlyName: item.friendlyName,
      backupManagementType: item.backupManagementType,
      subTasks,
      progressPercent: failure ? 0 : 100,
      bytesTransferred: BigInt(failure || transferFailed ? 0 : bytes),
      errorCode: failure?.code ?? null,
      errorMessage: failure?.message ?? (transferFailed ? "The snapshot was taken, but transferring it to the vault timed out. The next backup transfers it." : null),
      recommendations: failure?.recommendations ?? (transferFailed ? ["No action is needed; the next scheduled backup retries the transfer."] : undefined),
      initiatedBy: "Scheduled",
      scheduledFor: slot.at,
    });
    if (failure) continue;
    const planned = scheduledRecoveryPoint(policy, slot);
    if (!planned) continue;
    // A failed transfer leaves the snapshot only.
    const point = transferFailed ? { ...planned, tiers: planned.tiers.filter((tier) => tier === "snapshot"), rules: [], governingRule: null, expiresAt: null } : planned;
    points.push({ ...point, jobId, full, bytes });
    previousPoint = slot.at;
  }
  const lastJob = jobs.at(-1);
  return {
    jobs,
    points: recoveryPointsAt(points, now).map((point): RecoveryPointRow => ({
      protectedItemId: item.id,
      jobId: point.jobId,
      time: point.time,
      type: point.full ? "Full" : "Incremental",
      inSnapshotTier: point.snapshotExpiresAt !== null && point.snapshotExpiresAt > now,
      inVaultTier: point.tiers.includes("vault"),
      retentionRules: point.rules,
      ruleName: point.governingRule,
      expiresAt: point.expiresAt,
      snapshotExpiresAt: point.snapshotExpiresAt,
      sizeBytes: BigInt(point.bytes),
    })),
    lastBackup: lastJob ? { status: lastJob.status, time: lastJob.startTime } : null,
  };
}
