import { jobWindow, type SubTask } from "@/lib/domain/jobs/display";
import { instantOfWallTime, parseWallTime } from "@/lib/domain/time/zoned";
import type { JobFilters } from "@/lib/schemas/jobs";
import type { Db } from "@/lib/server/db";

export const JOB_PAGE_SIZE = 25;

/** The start-time window of the filters; a custom range is wall-clock time in the viewer's zone. */
export function jobFilterWindow(filters: JobFilters, now: Date, timeZone: string): { from: Date; to: Date } {
  if (filters.range === "custom" && filters.from && filters.to) {
    return { from: instantOfWallTime(parseWallTime(filters.from), timeZone), to: instantOfWallTime(parseWallTime(filters.to), timeZone) };
  }
  return jobWindow(filters.range === "custom" ? "24h" : filters.range, now);
}

/** One page of a vault's jobs, newest first, within the filters' start-time window. */
export async function listJobs(db: Db, vaultId: string, filters: JobFilters, now: Date, timeZone: string) {
  const window = jobFilterWindow(filters, now, timeZone);
  const where = {
    vaultId,
    startTime: { gte: window.from, lte: window.to },
    ...(filters.type ? { backupManagementType: filters.type } : {}),
    ...(filters.operation ? { operation: filters.operation } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
  const total = await db.job.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / JOB_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const rows = await db.job.findMany({
    where,
    orderBy: [{ startTime: "desc" }, { id: "desc" }],
    skip: (page - 1) * JOB_PAGE_SIZE,
    take: JOB_PAGE_SIZE,
    select: {
      id: true,
      entityFriendlyName: true,
      operation: true,
      status: true,
      backupManagementType: true,
      startTime: true,
      endTime: true,
    },
  });
  return { rows, total, page, pageCount, window };
}

export async function getJob(db: Db, vaultId: string, jobId: string) {
  const job = await db.job.findFirst({
    where: { id: jobId, vaultId },
    include: { protectedItem: { select: { id: true, friendlyName: true } } },
  });
  if (!job) return null;
  return {
    ...job,
    bytesTransferred: Number(job.bytesTransferred),
    subTasks: job.subTasks as SubTask[],
    recommendations: (job.recommendations as string[] | null) ?? [],
  };
}
