// Turns due slots into Backup jobs, set-based: the items due at a tick that share a policy and a
// planning mark (the slot they were last planned to, or their creation) get the same decision, so
// it is made once per group and written in chunks. Each chunk is one transaction: a compare-and-set
// on the items' marks (only the items still on the mark and the policy read are planned, so two
// engines planning at once create each slot once), then the winners' jobs, one insert per kind of
// row. The unique key on (item, scheduledFor) stays the backstop: a chunk that hits it is planned
// again item by item, and an item whose job exists already is left out.
import { randomUUID } from "node:crypto";
import { nextSlotAfter, type PlanDecision, planDueSlots, type PlanningOptions } from "@/lib/domain/jobs/planning";
import type { SubTask } from "@/lib/domain/jobs/display";
import { type PolicyRules, rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { Prisma } from "@/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";

const RUNNABLE_STATES = ["IRPending", "Protected", "ProtectionError"] as const;
/** Items per transaction. */
const ITEMS_PER_CHUNK = 5000;
const BUSY_REASON = "Skipped: another backup of this item was still running.";

export function backupSubTasks(backupManagementType: string): SubTask[] {
  const transfer: SubTask = { name: "Transfer data to vault", status: "NotStarted", progressPercent: 0 };
  return backupManagementType === "AzureIaasVM"
    ? [{ name: "Take Snapshot", status: "NotStarted", progressPercent: 0 }, transfer]
    : [transfer];
}

function isUniqueViolation(error: unknown): boolean {
  const text =
    String((error as { code?: string; message?: string })?.code ?? "") + String((error as Error)?.message ?? "");
  return text.includes("P2002") || /unique/i.test(text);
}

type DueItem = {
  id: string;
  vaultId: string;
  backupManagementType: "AzureIaasVM" | "MAB";
  createdAt: Date;
  lastScheduledFor: Date | null;
  policyId: string | null;
};

/** What a job row of the planner holds besides its item (whose vault, name and kind it copies) and its id. */
type JobKind = {
  status: "Skipped" | "InProgress";
  startTime: Date;
  endTime: Date | null;
  scheduledFor: Date;
  subTasks: SubTask[];
  errorMessage: string | null;
  isCancellable: boolean;
};

/** The group's decision as kinds of rows, each for some of its items: missed slots Skipped, the slot to run queued, or Skipped while a backup of the item runs. */
function kindsOf(
  decision: PlanDecision,
  now: Date,
  backupManagementType: string,
): { always: JobKind[]; run: JobKind | null; whileBusy: JobKind | null } {
  const skipped = (at: Date, reason: string): JobKind => ({
    status: "Skipped",
    startTime: at,
    endTime: at,
    scheduledFor: at,
    subTasks: [],
    errorMessage: reason,
    isCancellable: false,
  });
  return {
    always: decision.skipped.map(({ slot, reason }) => skipped(slot.at, reason)),
    run: decision.run && {
      status: "InProgress",
      startTime: now,
      endTime: null,
      scheduledFor: decision.run.at,
      subTasks: backupSubTasks(backupManagementType),
      errorMessage: null,
      isCancellable: true,
    },
    whileBusy: decision.run && skipped(decision.run.at, BUSY_REASON),
  };
}

type Planned = { kind: JobKind; jobs: Array<{ jobId: string; item: DueItem }> };

// Many rows are written around Prisma's query builder, which spends about 0.2 ms of CPU a row
// (createMany: 4 s for 20,000 jobs) and binds at most 999 values a statement on SQLite: the ids go
// as one parameter (a JSON array on SQLite, an array on PostgreSQL), the rest is read from the
// items in the statement, stored as Prisma stores it.

/** `"id"` is one of `ids`. */
function idIn(postgres: boolean, ids: string[]): Prisma.Sql {
  return postgres
    ? Prisma.sql`"id" = ANY(${ids}::text[])`
    : Prisma.sql`"id" IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/** Inserts one kind of job for the given items, with the given job ids. */
async function insertJobs(tx: Tx, postgres: boolean, { kind, jobs }: Planned): Promise<void> {
  const subTasks = JSON.stringify(kind.subTasks);
  if (postgres) {
    await tx.$executeRaw`INSERT INTO "Job" ("id", "vaultId", "protectedItemId", "operation", "status", "startTime", "endTime", "entityFriendlyName", "backupManagementType", "subTasks", "errorMessage", "isCancellable", "initiatedBy", "scheduledFor")
      SELECT p."jobId", i."vaultId", i."id", 'Backup', ${kind.status}::"JobStatus", ${kind.startTime}::timestamp(3), ${kind.endTime}::timestamp(3), i."friendlyName", i."backupManagementType",
        ${subTasks}::jsonb, ${kind.errorMessage}::text, ${kind.isCancellable}::boolean, 'Scheduled', ${kind.scheduledFor}::timestamp(3)
      FROM unnest(${jobs.map((job) => job.item.id)}::text[], ${jobs.map((job) => job.jobId)}::text[]) AS p("itemId", "jobId") JOIN "ProtectedItem" i ON i."id" = p."itemId"`;
    return;
  }
  await tx.$executeRaw`INSERT INTO "Job" ("id", "vaultId", "protectedItemId", "operation", "status", "startTime", "endTime", "entityFriendlyName", "backupManagementType", "subTasks", "errorMessage", "isCancellable", "initiatedBy", "scheduledFor")
    SELECT p.value ->> 1, i."vaultId", i."id", 'Backup', ${kind.status}, ${kind.startTime}, ${kind.endTime}, i."friendlyName", i."backupManagementType",
      ${subTasks}, ${kind.errorMessage}, ${kind.isCancellable ? 1 : 0}, 'Scheduled', ${kind.scheduledFor}
    FROM json_each(${JSON.stringify(jobs.map((job) => [job.item.id, job.jobId]))}) p JOIN "ProtectedItem" i ON i."id" = p.value ->> 0`;
}

function logJobs(planned: Planned[]) {
  if (!logger.isLevelEnabled("info")) return;
  for (const { kind, jobs } of planned) {
    for (const { jobId, item } of jobs) {
      logger.info(
        {
          event: "job",
          jobId,
          itemId: item.id,
          vaultId: item.vaultId,
          operation: "Backup",
          status: kind.status,
          scheduledFor: kind.scheduledFor,
          reason: kind.errorMessage ?? undefined,
        },
        `job ${kind.status}`,
      );
    }
  }
}

type Group = { policyId: string; rules: PolicyRules; since: Date; mark: Date | null; items: DueItem[] };

/**
 * Plans some items of a group in one transaction: those still on the group's mark and policy move
 * to the new marks and get their jobs. Returns the jobs written (another engine may have planned
 * the other items first).
 */
async function planChunk(
  db: Db,
  postgres: boolean,
  group: Group,
  items: DueItem[],
  kinds: ReturnType<typeof kindsOf>,
  busy: Set<string | null>,
  marks: { lastScheduledFor: Date; nextScheduledFor: Date | null },
): Promise<Planned[]> {
  return db.$transaction(async (tx) => {
    const unchanged = postgres
      ? Prisma.sql`"lastScheduledFor" IS NOT DISTINCT FROM ${group.mark}::timestamp(3)`
      : Prisma.sql`"lastScheduledFor" IS ${group.mark}`;
    const won = new Set(
      (
        await tx.$queryRaw<
          Array<{ id: string }>
        >`UPDATE "ProtectedItem" SET "lastScheduledFor" = ${marks.lastScheduledFor}, "nextScheduledFor" = ${marks.nextScheduledFor}
          WHERE ${idIn(
            postgres,
            items.map((item) => item.id),
          )} AND "policyId" = ${group.policyId} AND ${unchanged} RETURNING "id"`
      ).map((row) => row.id),
    );
    const planned = items.filter((item) => won.has(item.id));
    const jobsFor = (chosen: DueItem[]) => chosen.map((item) => ({ jobId: randomUUID(), item }));
    const writes: Planned[] = [
      ...kinds.always.map((kind) => ({ kind, jobs: jobsFor(planned) })),
      ...(kinds.run ? [{ kind: kinds.run, jobs: jobsFor(planned.filter((item) => !busy.has(item.id))) }] : []),
      ...(kinds.whileBusy
        ? [{ kind: kinds.whileBusy, jobs: jobsFor(planned.filter((item) => busy.has(item.id))) }]
        : []),
    ].filter((write) => write.jobs.length > 0);
    for (const write of writes) await insertJobs(tx, postgres, write);
    return writes;
  });
}

/** Plans every runnable item's due slots at `now`; returns how many Backup jobs it queued to run. */
export async function planBackups(db: Db, now: Date, options: PlanningOptions): Promise<number> {
  const [items, running] = await Promise.all([
    // Only items whose next slot has come (or isn't known yet): a tick between slots reads none.
    db.protectedItem.findMany({
      where: {
        protectionState: { in: [...RUNNABLE_STATES] },
        deletedAt: null,
        policyId: { not: null },
        OR: [{ nextScheduledFor: null }, { nextScheduledFor: { lte: now } }],
      },
      select: {
        id: true,
        vaultId: true,
        backupManagementType: true,
        createdAt: true,
        lastScheduledFor: true,
        policyId: true,
      },
    }),
    db.job.findMany({
      where: { status: { in: ["InProgress", "Cancelling"] }, operation: "Backup" },
      select: { protectedItemId: true },
    }),
  ]);
  if (items.length === 0) return 0;
  const policies = await db.backupPolicy.findMany({
    where: { id: { in: [...new Set(items.map((item) => item.policyId!))] } },
    select: { id: true, properties: true, timeZone: true },
  });
  const rulesOf = new Map(policies.map((policy) => [policy.id, rulesOfStoredPolicy(policy)]));
  const nextOf = new Map<string, Date | null>();
  const busy = new Set(running.map((job) => job.protectedItemId));
  const postgres = (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";

  const groups = new Map<string, Group>();
  for (const item of items) {
    const rules = rulesOf.get(item.policyId!);
    if (!rules) continue; // the policy was deleted meanwhile
    const since = item.lastScheduledFor ?? item.createdAt;
    const key = `${item.policyId}|${item.lastScheduledFor ? "last" : "created"}|${since.getTime()}`;
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { policyId: item.policyId!, rules, since, mark: item.lastScheduledFor, items: [] }));
    group.items.push(item);
  }

  let queued = 0;
  const onlyNext = new Map<string, { nextScheduledFor: Date | null; ids: string[] }>();
  for (const group of groups.values()) {
    const decision = planDueSlots(group.rules, group.since, now, options);
    if (!nextOf.has(group.policyId)) nextOf.set(group.policyId, nextSlotAfter(group.rules, now));
    const nextScheduledFor = nextOf.get(group.policyId)!;
    const slots = [...decision.skipped.map(({ slot }) => slot.at), ...(decision.run ? [decision.run.at] : [])];
    if (slots.length === 0) {
      // Nothing due after all (the item's mark moved past the slot): only the next slot is noted.
      const entry = onlyNext.get(group.policyId) ?? { nextScheduledFor, ids: [] };
      entry.ids.push(...group.items.map((item) => item.id));
      onlyNext.set(group.policyId, entry);
      continue;
    }
    const marks = { lastScheduledFor: new Date(Math.max(...slots.map((at) => at.getTime()))), nextScheduledFor };
    // A policy's items are all of its kind (Azure VMs or Backup Agent items).
    const kinds = kindsOf(decision, now, group.items[0].backupManagementType);
    const itemsPerChunk = Math.max(1, Math.floor(ITEMS_PER_CHUNK / slots.length));
    for (let start = 0; start < group.items.length; start += itemsPerChunk) {
      const chunk = group.items.slice(start, start + itemsPerChunk);
      let planned: Planned[] = [];
      try {
        planned = await planChunk(db, postgres, group, chunk, kinds, busy, marks);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A job of this chunk exists already: item by item, the items whose jobs exist are left out.
        for (const item of chunk) {
          try {
            planned.push(...(await planChunk(db, postgres, group, [item], kinds, busy, marks)));
          } catch (itemError) {
            if (!isUniqueViolation(itemError)) throw itemError;
          }
        }
      }
      queued += planned
        .filter((write) => write.kind.status === "InProgress")
        .reduce((sum, write) => sum + write.jobs.length, 0);
      logJobs(planned);
    }
  }
  for (const { nextScheduledFor, ids } of onlyNext.values()) {
    for (let start = 0; start < ids.length; start += ITEMS_PER_CHUNK) {
      await db.$executeRaw`UPDATE "ProtectedItem" SET "nextScheduledFor" = ${nextScheduledFor} WHERE ${idIn(postgres, ids.slice(start, start + ITEMS_PER_CHUNK))}`;
    }
  }
  return queued;
}
