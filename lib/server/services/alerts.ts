// The Alerts blades: a vault's alerts (or every vault's the user can see) with filters and paging,
// an alert's details with its occurrences and their jobs, the user's state changes (New,
// Acknowledged, Closed: Backup Operator and above, in the activity log), the overview tile's
// counts and the bell's new alerts. Raising and resolving is lib/server/alerts/raise.ts.
import type { Prisma } from "@/generated/sqlite/client";
import { allows, denial } from "@/lib/domain/access/permissions";
import {
  ALERT_CONDITIONS,
  ALERT_SEVERITIES,
  ALERT_SORT_COLUMNS,
  ALERT_STATES,
  ALERT_TYPE_LABELS,
  ALERT_TYPES,
  type AlertList,
  type AlertSeverity,
  type AlertSortColumn,
  type AlertState,
  type BellAlerts,
  DEFAULT_ALERT_SORT,
  SEVERITY_LABELS,
} from "@/lib/domain/alerts/alerts";
import { inLabelOrder, sortOf } from "@/lib/domain/sorting";
import {
  ALERT_RANGE_MS,
  type AlertFilters,
  alertStateInputSchema,
  type AlertStateInput,
} from "@/lib/schemas/alert-state";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Actor, grantOn, visibleVaultIds } from "@/lib/server/auth/authorize";
import { type Db, isUniqueViolation } from "@/lib/server/db";
import { fail, inTransaction, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

export const ALERT_PAGE_SIZE = 25;
/** Most occurrences an alert's details list (newest first); the count says how many there are. */
export const ALERT_OCCURRENCES_SHOWN = 50;

/** Open: its condition still holds and nobody closed it (the overview's tile, the bell, the state filter "open"). */
export const OPEN_ALERT = { condition: "Fired", state: { not: "Closed" } } as const satisfies Prisma.AlertWhereInput;

/** The vaults a listing covers: the one asked for when the actor sees it, else every vault they see. */
async function visibleAlerts(db: Db, actor: Actor, vaultId: string | null): Promise<Prisma.AlertWhereInput | null> {
  if (vaultId !== null) return allows(await grantOn(db, actor, vaultId), "viewVault") ? { vaultId } : null;
  const visible = await visibleVaultIds(db, actor);
  return visible === "all" ? {} : { vaultId: { in: visible } };
}

function filtersWhere(filters: Omit<AlertFilters, "page">, now: Date): Prisma.AlertWhereInput {
  const rangeMs = ALERT_RANGE_MS[filters.range];
  return {
    ...(filters.alertType ? { alertType: filters.alertType } : {}),
    ...(filters.condition ? { condition: filters.condition } : {}),
    ...(filters.state === "open" ? { state: { not: "Closed" } } : filters.state ? { state: filters.state } : {}),
    // An alert is in the range when it occurred in it: a failure that keeps recurring stays in view.
    ...(rangeMs === null ? {} : { lastOccurredAt: { gte: new Date(now.getTime() - rangeMs) } }),
  };
}

const ALERT_ROW = {
  id: true,
  vaultId: true,
  alertType: true,
  severity: true,
  title: true,
  resourceName: true,
  protectedItemId: true,
  backupServerId: true,
  errorCode: true,
  occurrences: true,
  firedAt: true,
  lastOccurredAt: true,
  condition: true,
  state: true,
} as const satisfies Prisma.AlertSelect;

async function resourceLinks(
  db: Db,
  alerts: Array<{ vaultId: string; protectedItemId: string | null; backupServerId: string | null }>,
): Promise<Map<string, string>> {
  const itemIds = [...new Set(alerts.flatMap((alert) => (alert.protectedItemId ? [alert.protectedItemId] : [])))];
  const serverIds = [...new Set(alerts.flatMap((alert) => (alert.backupServerId ? [alert.backupServerId] : [])))];
  const [items, servers] = await Promise.all([
    itemIds.length === 0
      ? []
      : db.protectedItem.findMany({
          where: { id: { in: itemIds } },
          select: { id: true, vaultId: true, backupManagementType: true },
        }),
    serverIds.length === 0
      ? []
      : db.backupAgentServer.findMany({ where: { id: { in: serverIds } }, select: { id: true, vaultId: true } }),
  ]);
  const links = new Map<string, string>();
  for (const item of items) links.set(item.id, `/vaults/${item.vaultId}/items/${item.backupManagementType}/${item.id}`);
  for (const server of servers) if (server.vaultId) links.set(server.id, `/vaults/${server.vaultId}/servers`);
  return links;
}

function linkOf(links: Map<string, string>, alert: { protectedItemId: string | null; backupServerId: string | null }) {
  const id = alert.protectedItemId ?? alert.backupServerId;
  return (id && links.get(id)) || null;
}

const ALERT_ORDERS: Record<
  AlertSortColumn,
  ColumnOrder<Prisma.AlertWhereInput, Prisma.AlertOrderByWithRelationInput>
> = {
  severity: {
    groups: inLabelOrder(
      ALERT_SEVERITIES,
      (severity) => SEVERITY_LABELS[severity],
      (severity) => ({ severity }),
    ),
  },
  name: { orderBy: (order) => ({ title: order }) },
  type: {
    groups: inLabelOrder(
      ALERT_TYPES,
      (type) => ALERT_TYPE_LABELS[type],
      (alertType) => ({ alertType }),
    ),
  },
  resource: { orderBy: (order) => ({ resourceName: order }) },
  vault: { orderBy: (order) => ({ vault: { nameKey: order } }) },
  condition: { groups: inLabelOrder(ALERT_CONDITIONS, String, (condition) => ({ condition })) },
  state: { groups: inLabelOrder(ALERT_STATES, String, (state) => ({ state })) },
  fired: { orderBy: (order) => ({ firedAt: order }) },
  occurred: { orderBy: (order) => ({ lastOccurredAt: order }) },
  occurrences: { orderBy: (order) => ({ occurrences: order }) },
};

const noCounts = (): Record<AlertSeverity, number> =>
  Object.fromEntries(ALERT_SEVERITIES.map((severity) => [severity, 0])) as Record<AlertSeverity, number>;

/**
 * One page of alerts, most recently occurred first unless sorted otherwise: of a vault (`vaultId`), or of every vault the
 * actor can see (null). With the totals per severity of the other filters (the blade's summary,
 * as Azure's: a severity filter narrows the table, not the summary). Null when the actor can't see the vault.
 */
export async function listAlerts(
  db: Db,
  actor: Actor,
  filters: AlertFilters & { vaultId: string | null },
  now = new Date(),
): Promise<AlertList | null> {
  const scope = await visibleAlerts(db, actor, filters.vaultId);
  if (!scope) return null;
  const base: Prisma.AlertWhereInput = { ...scope, ...filtersWhere(filters, now) };
  const where: Prisma.AlertWhereInput = filters.severity ? { ...base, severity: filters.severity } : base;
  const [groups, total] = await Promise.all([
    db.alert.groupBy({ by: ["severity"], where: base, _count: { _all: true } }),
    db.alert.count({ where }),
  ]);
  const bySeverity = noCounts();
  for (const group of groups) bySeverity[group.severity] = group._count._all;
  const pageCount = Math.max(1, Math.ceil(total / ALERT_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const sort = sortOf(filters.sort, ALERT_SORT_COLUMNS, DEFAULT_ALERT_SORT);
  const alerts = await findSorted(
    (args) => db.alert.findMany({ ...args, select: { ...ALERT_ROW, vault: { select: { name: true } } } }),
    {
      where,
      column: ALERT_ORDERS[sort.column],
      direction: sort.direction,
      // Ties most recently occurred first, then by id, so pages never overlap.
      tiebreak: [{ lastOccurredAt: "desc" }, { id: "desc" }],
      page: {
        skip: (page - 1) * ALERT_PAGE_SIZE,
        take: ALERT_PAGE_SIZE,
        count: (within) => db.alert.count({ where: within }),
      },
    },
  );
  const links = await resourceLinks(db, alerts);
  const rows = alerts.map(({ vault, ...alert }) => ({
    ...alert,
    vaultName: vault.name,
    resourceHref: linkOf(links, alert),
  }));
  return {
    rows,
    total,
    page,
    pageCount,
    sort,
    bySeverity,
    since: ALERT_RANGE_MS[filters.range] === null ? null : new Date(now.getTime() - ALERT_RANGE_MS[filters.range]!),
  };
}

/**
 * An alert of a vault the actor can see, with its latest occurrences (newest first) and their jobs,
 * and whether the actor may change its state (else why not). Null when not found or not visible.
 */
export async function alertDetails(db: Db, actor: Actor, vaultId: string, alertId: string) {
  const grant = await grantOn(db, actor, vaultId);
  if (!allows(grant, "viewVault")) return null;
  const alert = await db.alert.findFirst({
    where: { id: alertId, vaultId },
    include: {
      vault: { select: { name: true } },
      occurrenceLog: { orderBy: [{ at: "desc" }, { id: "desc" }], take: ALERT_OCCURRENCES_SHOWN },
      _count: { select: { occurrenceLog: true } },
    },
  });
  if (!alert) return null;
  const jobIds = [
    ...new Set(
      [alert.latestJobId, ...alert.occurrenceLog.map((occurrence) => occurrence.jobId)].filter(
        (id): id is string => id !== null,
      ),
    ),
  ];
  const [jobs, links] = await Promise.all([
    jobIds.length === 0
      ? []
      : db.job.findMany({
          where: { id: { in: jobIds }, vaultId },
          select: { id: true, operation: true, status: true, startTime: true },
        }),
    resourceLinks(db, [alert]),
  ]);
  const jobById = new Map(jobs.map((job) => [job.id, job]));
  const { occurrenceLog, _count, vault, ...rest } = alert;
  return {
    ...rest,
    vaultName: vault.name,
    recommendations: Array.isArray(alert.recommendations) ? (alert.recommendations as string[]) : [],
    resourceHref: linkOf(links, alert),
    latestJob: alert.latestJobId ? (jobById.get(alert.latestJobId) ?? null) : null,
    occurrenceCount: _count.occurrenceLog,
    occurrenceLog: occurrenceLog.map((occurrence) => ({
      ...occurrence,
      job: occurrence.jobId ? (jobById.get(occurrence.jobId) ?? null) : null,
    })),
    /** Why the actor may not change the alert's state; null when they may. */
    stateDenied: denial(grant, "manageAlerts"),
  };
}

/**
 * Sets an alert's state (New, Acknowledged, Closed) with an optional comment: Backup Operator and
 * above. The condition (Fired, Resolved) is the system's and stays. A Closed alert no longer
 * counts later occurrences: the next failure opens a new alert (the database's one-open-per-key
 * index). Reopening a closed alert is refused while a newer one of the same key is open.
 */
export async function changeAlertState(
  db: Db,
  input: AlertStateInput,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ state: AlertState }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Change alert state",
    permission: "manageAlerts",
    at: now,
  } as const;
  return withActivity<{ state: AlertState }>(db, scope, String(input?.alertId ?? ""), async () => {
    const parsed = alertStateInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, alertId, state, comment } = parsed.data;
    try {
      return await inTransaction(db, async (tx) => {
        const alert = await tx.alert.findFirst({
          where: { id: alertId, vaultId },
          select: { id: true, title: true, state: true, comment: true },
        });
        if (!alert) return fail("ResourceNotFound", "The alert was not found in this vault.");
        const nextComment = comment ?? alert.comment;
        if (alert.state === state && nextComment === alert.comment) {
          const message = `The alert is already ${state.toLowerCase()}.`;
          return fail("BadRequest", message, { state: [message] });
        }
        await tx.alert.update({
          where: { id: alert.id },
          data: { state, comment: nextComment, stateChangedAt: now, stateChangedBy: actor.email },
        });
        await recordActivity(
          tx,
          scope,
          alert.title,
          changed({ state: alert.state, comment: alert.comment }, { state, comment: nextComment }),
        );
        return ok({ state });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const message =
        "A newer alert for the same resource and error is open: this one stays closed. Change the state of the open one.";
      return fail("Conflict", message, { state: [message] });
    }
  });
}

/** A vault's open alerts (Fired, not Closed) per severity: the overview's tile. */
export async function alertCountsBySeverity(db: Db, vaultId: string): Promise<Record<AlertSeverity, number>> {
  const groups = await db.alert.groupBy({
    by: ["severity"],
    where: { vaultId, ...OPEN_ALERT },
    _count: { _all: true },
  });
  const counts = noCounts();
  for (const group of groups) counts[group.severity] = group._count._all;
  return counts;
}

/** How many alerts the bell lists. */
export const BELL_ALERTS = 8;

/** The bell's alerts: New and still Fired, in the vaults the actor can see, newest first; with how many there are. */
export async function newAlertsForUser(db: Db, actor: Actor, take = BELL_ALERTS): Promise<BellAlerts> {
  const scope = (await visibleAlerts(db, actor, null))!;
  const where: Prisma.AlertWhereInput = { ...scope, condition: "Fired", state: "New" };
  const [count, alerts] = await Promise.all([
    db.alert.count({ where }),
    db.alert.findMany({
      where,
      orderBy: [{ lastOccurredAt: "desc" }, { id: "desc" }],
      take,
      select: {
        id: true,
        vaultId: true,
        title: true,
        severity: true,
        alertType: true,
        lastOccurredAt: true,
        vault: { select: { name: true } },
      },
    }),
  ]);
  return {
    count,
    alerts: alerts.map(({ vault, lastOccurredAt, ...alert }) => ({
      ...alert,
      vaultName: vault.name,
      lastOccurredAt: lastOccurredAt.toISOString(),
      href: `/vaults/${alert.vaultId}/alerts/${alert.id}`,
    })),
  };
}
