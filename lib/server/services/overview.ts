import { JOB_STATUSES, type JobStatus } from "@/lib/domain/jobs/display";
import { localDateKey, lastDays } from "@/lib/domain/time/days";
import type { Db } from "@/lib/server/db";

export type VaultOverview = {
  itemCounts: { AzureIaasVM: number; MAB: number };
  jobsInProgress: number;
  jobsFailed24h: number;
  preCheck: { Passed: number; Warning: number; Critical: number };
  storageBytes: number;
  policyCount: number;
  /** One entry per local day, oldest first, with job counts per status. */
  jobsPerDay: Array<{ day: string } & Record<JobStatus, number>>;
};

export async function getVaultOverview(db: Db, vaultId: string, now: Date, timeZone: string): Promise<VaultOverview> {
  const since24h = new Date(now.getTime() - 24 * 3_600_000);
  const days = lastDays(now, timeZone, 7);
  const [itemGroups, jobsInProgress, jobsFailed24h, preCheckGroups, storage, policyCount, recentJobs] = await Promise.all([
    db.protectedItem.groupBy({ by: ["backupManagementType"], where: { vaultId }, _count: { _all: true } }),
    db.job.count({ where: { vaultId, status: "InProgress" } }),
    db.job.count({ where: { vaultId, status: "Failed", startTime: { gte: since24h } } }),
    db.protectedItem.groupBy({
      by: ["preCheckStatus"],
      where: { vaultId, backupManagementType: "AzureIaasVM", deletedAt: null },
      _count: { _all: true },
    }),
    db.recoveryPoint.aggregate({ where: { protectedItem: { vaultId } }, _sum: { sizeBytes: true } }),
    db.backupPolicy.count({ where: { vaultId } }),
    db.job.findMany({ where: { vaultId, startTime: { gte: days.from } }, select: { startTime: true, status: true } }),
  ]);
  const itemCounts = { AzureIaasVM: 0, MAB: 0 };
  for (const group of itemGroups) itemCounts[group.backupManagementType] = group._count._all;
  const preCheck = { Passed: 0, Warning: 0, Critical: 0 };
  for (const group of preCheckGroups) preCheck[group.preCheckStatus] = group._count._all;
  const emptyCounts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
  const perDay = new Map(days.keys.map((day) => [day, { day, ...emptyCounts }]));
  for (const job of recentJobs) {
    const bucket = perDay.get(localDateKey(job.startTime, timeZone));
    if (bucket) bucket[job.status]++;
  }
  return {
    itemCounts,
    jobsInProgress,
    jobsFailed24h,
    preCheck,
    storageBytes: Number(storage._sum.sizeBytes ?? 0),
    policyCount,
    jobsPerDay: [...perDay.values()],
  };
}
