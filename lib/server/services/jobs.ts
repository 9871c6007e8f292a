import type { Prisma } from "@/generated/sqlite/client";
import {
  JOB_OPERATION_LABELS,
  JOB_OPERATIONS,
  JOB_STATUS_LABELS,
  JOB_STATUSES,
  jobWindow,
  type SubTask,
  WORKLOAD_LABELS,
} from "@/lib/domain/jobs/display";
import { instantOfWallTime, parseWallTime } from "@/lib/domain/time/zoned";
import type { JobFilters } from "@/lib/schemas/jobs";
import { cancelJobInputSchema } from "@/lib/schemas/protection";
import type { Actor } from "@/lib/server/auth/authorize";
import { recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import type { Db } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { inLabelOrder, type Sort, sortOf } from "@/lib/domain/sorting";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

export const JOB_PAGE_SIZE = 25;

/** The start-time window of the filters; a custom range is wall-clock time in the viewer's zone. */
export function jobFilterWindow(filters: JobFilters, now: Date, timeZone: string): { from: Date; to: Date } {
  if (filters.range === "custom" && filters.from && filters.to) {
    return {
      from: instantOfWallTime(parseWallTime(filters.from), timeZone),
      to: instantOfWallTime(parseWallTime(filters.to), timeZone),
    };
  }
  return jobWindow(filters.range === "custom" ? "24h" : filters.range, now);
}

function jobsWhere(vaultId: string, filters: JobFilters, window: { from: Date; to: Date }): Prisma.JobWhereInput {
  return {
    vaultId,
    startTime: { gte: window.from, lte: window.to },
    ...(filters.type ? { backupManagementType: filters.type } : {}),
    ...(filters.operation ? { operation: filters.operation } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
}

const JOB_ROW = {
  id: true,
  entityFriendlyName: true,
  operation: true,
  status: true,
  backupManagementType: true,
  startTime: true,
  endTime: true,
  progressPercent: true,
} as const;

/** The jobs list's sortable columns; newest first unless the address says otherwise. */
export const JOB_SORT_COLUMNS = ["name", "operation", "status", "type", "start"] as const;
export type JobSortColumn = (typeof JOB_SORT_COLUMNS)[number];
export const DEFAULT_JOB_SORT: Sort<JobSortColumn> = { column: "start", direction: "descending" };

const JOB_ORDERS: Record<JobSortColumn, ColumnOrder<Prisma.JobWhereInput, Prisma.JobOrderByWithRelationInput>> = {
  name: { orderBy: (order) => ({ entityFriendlyName: order }) },
  operation: {
    groups: inLabelOrder(
      JOB_OPERATIONS,
      (operation) => JOB_OPERATION_LABELS[operation],
      (operation) => ({ operation }),
    ),
  },
  status: {
    groups: inLabelOrder(
      JOB_STATUSES,
      (status) => JOB_STATUS_LABELS[status],
      (status) => ({ status }),
    ),
  },
  type: {
    groups: inLabelOrder(
      ["AzureIaasVM", "MAB"] as const,
      (type) => WORKLOAD_LABELS[type],
      (backupManagementType) => ({ backupManagementType }),
    ),
  },
  start: { orderBy: (order) => ({ startTime: order }) },
};

/** One page of a vault's jobs within the filters' start-time window, newest first unless sorted otherwise. */
export async function listJobs(db: Db, vaultId: string, filters: JobFilters, now: Date, timeZone: string) {
  const window = jobFilterWindow(filters, now, timeZone);
  const where = jobsWhere(vaultId, filters, window);
  const total = await db.job.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / JOB_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const sort = sortOf(filters.sort, JOB_SORT_COLUMNS, DEFAULT_JOB_SORT);
  const rows = await findSorted((args) => db.job.findMany({ ...args, select: JOB_ROW }), {
    where,
    column: JOB_ORDERS[sort.column],
    direction: sort.direction,
    // Ties newest first, then by id, so pages never overlap.
    tiebreak: [{ startTime: "desc" }, { id: "desc" }],
    page: { skip: (page - 1) * JOB_PAGE_SIZE, take: JOB_PAGE_SIZE, count: (within) => db.job.count({ where: within }) },
  });
  return { rows, total, page, pageCount, window, sort };
}

/** Most rows an export holds; narrower filters export the rest. */
export const JOB_EXPORT_LIMIT = 50_000;

/** Every job the filters match (up to the export limit), newest first, for the CSV export. */
export async function exportJobs(db: Db, vaultId: string, filters: JobFilters, now: Date, timeZone: string) {
  const window = jobFilterWindow(filters, now, timeZone);
  return db.job.findMany({
    where: jobsWhere(vaultId, filters, window),
    orderBy: [{ startTime: "desc" }, { id: "desc" }],
    take: JOB_EXPORT_LIMIT,
    select: { ...JOB_ROW, errorCode: true, initiatedBy: true },
  });
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

/**
 * Cancels an InProgress backup or restore: a job no engine (or agent) has started yet is Cancelled at once; a running
 * one becomes Cancelling and its engine stops it (Cancelled, transferred data discarded).
 */
export async function cancelJob(
  db: Db,
  input: { vaultId: string; jobId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ status: "Cancelling" | "Cancelled" }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Cancel job",
    permission: "cancelJob",
    at: now,
  } as const;
  return withActivity<{ status: "Cancelling" | "Cancelled" }>(db, scope, String(input?.jobId ?? ""), async () => {
    const parsed = cancelJobInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, jobId } = parsed.data;
    const job = await db.job.findFirst({
      where: { id: jobId, vaultId },
      select: { status: true, entityFriendlyName: true },
    });
    if (!job) return fail("ResourceNotFound", "The job was not found in this vault.");
    // Conditional updates: the engine may claim or finish the job at the same moment.
    const cancelled = await db.$transaction(async (tx) => {
      const pending = await tx.job.updateMany({
        where: { id: jobId, vaultId, status: "InProgress", isCancellable: true, claimedAt: null },
        data: { status: "Cancelled", endTime: now, isCancellable: false },
      });
      const running =
        pending.count === 1
          ? null
          : await tx.job.updateMany({
              where: { id: jobId, vaultId, status: "InProgress", isCancellable: true },
              data: { status: "Cancelling", isCancellable: false },
            });
      const status =
        pending.count === 1 ? ("Cancelled" as const) : running?.count === 1 ? ("Cancelling" as const) : null;
      if (status) await recordActivity(tx, scope, job.entityFriendlyName, { status: ["InProgress", status] });
      return status;
    });
    if (cancelled) return ok({ status: cancelled });
    return fail(
      "BMSUserErrorJobNotCancellable",
      `The job can't be cancelled: its status is ${job.status}; only backups and restores in progress can be cancelled.`,
    );
  });
}
