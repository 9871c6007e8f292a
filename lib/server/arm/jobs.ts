// Backup jobs (list with $filter and keyset pages, get with extended info, cancel) and recovery
// points (list with startDate/endDate, get).
import { knownValue, parseArmFilter, parseArmFilterTime } from "@/lib/domain/azure/arm-filter";
import { hasControlCharacter } from "@/lib/domain/input-limits";
import { JOB_OPERATIONS, JOB_STATUSES } from "@/lib/domain/jobs/display";
import { isInstantInRange } from "@/lib/domain/time/zoned";
import { cancelJob } from "@/lib/server/services/jobs";
import { RECOVERY_POINT_COLUMNS } from "@/lib/server/services/items";
import {
  accepted,
  armError,
  armJson,
  type ArmRequest,
  decodeSkipToken,
  listAnswer,
  notFound,
  pageSize,
  refusal,
} from "./http";
import { type ArmVault, itemOf, recordOperation } from "./lookup";
import { JOB_COLUMNS, jobResource, recoveryPointResource, vaultArmId } from "./resources";

type PageKey = [string, string];
/** A key this server gave: a time the databases can compare (not year 275760) and an id. */
const isPageKey = (value: unknown): value is PageKey =>
  Array.isArray(value) &&
  value.length === 2 &&
  value.every((part) => typeof part === "string" && !hasControlCharacter(part)) &&
  isInstantInRange(new Date(value[0]));

/** Rows after the key in (time desc, id desc) order. */
function after(key: PageKey | null, column: "startTime" | "time") {
  if (!key) return {};
  const time = new Date(key[0]);
  return { OR: [{ [column]: { lt: time } }, { [column]: time, id: { lt: key[1] } }] };
}

/** A time window from startTime/endTime (or startDate/endDate) terms, or the 400 naming the bad one. */
function windowOf(
  terms: Record<string, string>,
  [fromKey, toKey]: [string, string],
): { gte?: Date; lte?: Date } | Response {
  const window: { gte?: Date; lte?: Date } = {};
  for (const [key, bound] of [
    [fromKey, "gte"],
    [toKey, "lte"],
  ] as const) {
    if (terms[key] === undefined) continue;
    const instant = parseArmFilterTime(terms[key]);
    if (!instant)
      return armError(
        400,
        "InvalidFilter",
        `${key} '${terms[key]}' is not a time: use 'yyyy-MM-dd hh:mm:ss AM' (UTC) or ISO 8601.`,
      );
    window[bound] = instant;
  }
  return window;
}

const badSkipToken = () => armError(400, "InvalidSkipToken", "The $skipToken is not one this server gave.");

/** backupJobs: newest first, $filter on startTime/endTime (the start lies between), status, operation, backupManagementType. */
export async function listJobResources(request: ArmRequest, vault: ArmVault) {
  const filter = parseArmFilter(request.query.get("$filter"), [
    "startTime",
    "endTime",
    "status",
    "operation",
    "backupManagementType",
  ]);
  if (!filter.ok) return armError(400, "InvalidFilter", filter.message);
  const window = windowOf(filter.terms, ["startTime", "endTime"]);
  if (window instanceof Response) return window;
  const status = knownValue(JOB_STATUSES, filter.terms.status);
  const operation = knownValue(JOB_OPERATIONS, filter.terms.operation);
  const backupManagementType = knownValue(["AzureIaasVM", "MAB"] as const, filter.terms.backupManagementType);
  const key = decodeSkipToken(request.query.get("$skipToken"), isPageKey);
  if (key === "invalid") return badSkipToken();
  // A value no job can have matches nothing, as in Azure.
  if (status === null || operation === null || backupManagementType === null) return listAnswer(request, [], null);
  const take = pageSize();
  const jobs = await request.db.job.findMany({
    where: {
      vaultId: vault.id,
      ...(window.gte || window.lte ? { startTime: window } : {}),
      ...(status ? { status } : {}),
      ...(operation ? { operation } : {}),
      ...(backupManagementType ? { backupManagementType } : {}),
      ...after(key, "startTime"),
    },
    orderBy: [{ startTime: "desc" }, { id: "desc" }],
    take: take + 1,
    select: JOB_COLUMNS,
  });
  const page = jobs.slice(0, take);
  const now = new Date();
  const last = page.at(-1);
  return listAnswer(
    request,
    page.map((job) => jobResource(vault, job, now)),
    jobs.length > take && last ? [last.startTime.toISOString(), last.id] : null,
  );
}

function jobOf(request: ArmRequest, vault: ArmVault) {
  return request.db.job.findFirst({ where: { id: request.params.jobName, vaultId: vault.id }, select: JOB_COLUMNS });
}

export async function getJobResource(request: ArmRequest, vault: ArmVault) {
  const job = await jobOf(request, vault);
  return job
    ? armJson(jobResource(vault, job, new Date(), true))
    : notFound(`Job '${request.params.jobName}' was not found in vault '${vault.name}'.`);
}

/** POST …/cancel: a queued backup is cancelled at once, a running one by its engine (Cancelling first). */
export async function cancelJobResource(request: ArmRequest, vault: ArmVault) {
  const job = await jobOf(request, vault);
  if (!job) return notFound(`Job '${request.params.jobName}' was not found in vault '${vault.name}'.`);
  const startTime = new Date();
  const cancelled = await cancelJob(request.db, { vaultId: vault.id, jobId: job.id }, request.actor, startTime);
  if (!cancelled.ok) return refusal(cancelled);
  const jobPath = `${vaultArmId(vault)}/backupJobs/${job.id}`;
  const operation = await recordOperation(request, vault, jobPath, job.id, startTime);
  return accepted(request, { location: `${jobPath}/operationResults/${operation.id}` });
}

/** recoveryPoints: newest first, $filter on startDate/endDate. */
export async function listRecoveryPointResources(request: ArmRequest, vault: ArmVault) {
  const item = await itemOf(request, vault);
  if (item instanceof Response) return item;
  const filter = parseArmFilter(request.query.get("$filter"), ["startDate", "endDate", "restorePointQueryType"]);
  if (!filter.ok) return armError(400, "InvalidFilter", filter.message);
  const window = windowOf(filter.terms, ["startDate", "endDate"]);
  if (window instanceof Response) return window;
  const key = decodeSkipToken(request.query.get("$skipToken"), isPageKey);
  if (key === "invalid") return badSkipToken();
  const take = pageSize();
  const points = await request.db.recoveryPoint.findMany({
    where: { protectedItemId: item.id, ...(window.gte || window.lte ? { time: window } : {}), ...after(key, "time") },
    orderBy: [{ time: "desc" }, { id: "desc" }],
    take: take + 1,
    select: RECOVERY_POINT_COLUMNS,
  });
  const page = points.slice(0, take);
  const last = page.at(-1);
  return listAnswer(
    request,
    page.map((point) => recoveryPointResource(vault, item, point)),
    points.length > take && last ? [last.time.toISOString(), last.id] : null,
  );
}

export async function getRecoveryPointResource(request: ArmRequest, vault: ArmVault) {
  const item = await itemOf(request, vault);
  if (item instanceof Response) return item;
  const point = await request.db.recoveryPoint.findFirst({
    where: { id: request.params.recoveryPointId, protectedItemId: item.id },
    select: RECOVERY_POINT_COLUMNS,
  });
  return point
    ? armJson(recoveryPointResource(vault, item, point))
    : notFound(`Recovery point '${request.params.recoveryPointId}' was not found.`);
}
