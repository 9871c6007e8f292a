import { JOB_STATUSES, type JobStatus } from "@/lib/domain/jobs/display";
import { lastDays } from "@/lib/domain/time/days";
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
  const [itemGroups, jobsInProgress, jobsFailed24h, preCheckGroups, storage, policyCount, recentJobs] =
    await Promise.all([
      db.protectedItem.groupBy({ by: ["backupManagementType"], where: { vaultId }, _count: { _all: true } }),
      db.job.count({ where: { vaultId, status: "InProgress" } }),
      db.job.count({ where: { vaultId, status: "Failed", startTime: { gte: since24h } } }),
      db.protectedItem.groupBy({
        by: ["preCheckStatus"],
        where: { vaultId, backupManagementType: "AzureIaasVM", deletedAt: null },
        _count: { _all: true },
      }),
      db.protectedItem.aggregate({ where: { vaultId }, _sum: { storedBytes: true } }),
      db.backupPolicy.count({ where: { vaultId } }),
      jobCountsPerDay(db, vaultId, days.bounds),
    ]);
  const itemCounts = { AzureIaasVM: 0, MAB: 0 };
  for (const group of itemGroups) itemCounts[group.backupManagementType] = group._count._all;
  const preCheck = { Passed: 0, Warning: 0, Critical: 0 };
  for (const group of preCheckGroups) preCheck[group.preCheckStatus] = group._count._all;
  return {
    itemCounts,
    jobsInProgress,
    jobsFailed24h,
    preCheck,
    storageBytes: Number(storage._sum.storedBytes ?? 0),
    policyCount,
    jobsPerDay: days.keys.map((day, index) => ({ day, ...recentJobs[index] })),
  };
}

/** Jobs per status for each day, counted by the database (a vault runs thousands a day: fetching them to count would move every row). */
async function jobCountsPerDay(
  db: Db,
  vaultId: string,
  days: Array<{ from: Date; to: Date }>,
): Promise<Array<Record<JobStatus, number>>> {
  // One query a day: each reads its range of the (vaultId, startTime, status) index and nothing else.
  const groups = await Promise.all(
    days.map((day) =>
      db.job.groupBy({
        by: ["status"],
        where: { vaultId, startTime: { gte: day.from, lt: day.to } },
        _count: { _all: true },
      }),
    ),
  );
  return groups.map((day) => {
    const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
    for (const group of day) counts[group.status] = group._count._all;
    return counts;
  });
}
