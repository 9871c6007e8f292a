// Turns due slots into Backup jobs. The unique key on (item, scheduledFor) makes the database the
// judge: two engines planning the same slot create it once.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/sqlite/client";
import { nextSlotAfter, planDueSlots, type PlanningOptions } from "@/lib/domain/jobs/planning";
import type { SubTask } from "@/lib/domain/jobs/display";
import type { Db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { rulesOfStoredPolicy } from "@/lib/server/services/policies";

const RUNNABLE_STATES = ["IRPending", "Protected", "ProtectionError"] as const;

export function backupSubTasks(backupManagementType: string): SubTask[] {
  const transfer: SubTask = { name: "Transfer data to vault", status: "NotStarted", progressPercent: 0 };
  return backupManagementType === "AzureIaasVM" ? [{ name: "Take Snapshot", status: "NotStarted", progressPercent: 0 }, transfer] : [transfer];
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: string; message?: string })?.code ?? "") + String((error as Error)?.message ?? "");
  return text.includes("P2002") || /unique/i.test(text);
}

/** Plans every runnable item's due slots at `now`; returns how many Backup jobs it queued to run. */
export async function planBackups(db: Db, now: Date, options: PlanningOptions): Promise<number> {
  const [items, running] = await Promise.all([
    // Only items whose next slot has come (or isn't known yet): a tick between slots reads none.
    db.protectedItem.findMany({
      where: { protectionState: { in: [...RUNNABLE_STATES] }, deletedAt: null, policyId: { not: null }, OR: [{ nextScheduledFor: null }, { nextScheduledFor: { lte: now } }] },
      select: { id: true, vaultId: true, friendlyName: true, backupManagementType: true, createdAt: true, lastScheduledFor: true, policy: { select: { properties: true, timeZone: true } } },
    }),
    db.job.findMany({ where: { status: { in: ["InProgress", "Cancelling"] }, operation: "Backup" }, select: { protectedItemId: true } }),
  ]);
  const busy = new Set(running.map((job) => job.protectedItemId));
  let queued = 0;
  for (const item of items) {
    const since = item.lastScheduledFor ?? item.createdAt;
    const rules = rulesOfStoredPolicy(item.policy!);
    const decision = planDueSlots(rules, since, now, options);
    const nextScheduledFor = nextSlotAfter(rules, now);
    const skipped = decision.skipped.map(({ slot, reason }) => ({ at: slot.at, reason }));
    if (decision.run && busy.has(item.id)) {
      skipped.push({ at: decision.run.at, reason: "Skipped: another backup of this item was still running." });
    }
    const base = { vaultId: item.vaultId, protectedItemId: item.id, operation: "Backup" as const, entityFriendlyName: item.friendlyName, backupManagementType: item.backupManagementType, initiatedBy: "Scheduled" };
    const runJobId = decision.run && !busy.has(item.id) ? randomUUID() : null;
    const rows: Prisma.JobCreateManyInput[] = skipped.map(({ at, reason }) => ({ ...base, status: "Skipped", startTime: at, endTime: at, scheduledFor: at, subTasks: [], errorMessage: reason }));
    if (runJobId && decision.run) {
      rows.push({ ...base, id: runJobId, status: "InProgress", startTime: now, scheduledFor: decision.run.at, subTasks: backupSubTasks(item.backupManagementType), isCancellable: true });
    }
    if (rows.length === 0) {
      await db.protectedItem.update({ where: { id: item.id }, data: { nextScheduledFor } });
      continue;
    }
    const latest = rows.reduce((max, row) => (row.scheduledFor! > max ? (row.scheduledFor as Date) : max), rows[0].scheduledFor as Date);
    try {
      // All of the item's rows land with its new planning marks, or nothing does (another engine planned these slots first).
      await db.$transaction([db.job.createMany({ data: rows }), db.protectedItem.update({ where: { id: item.id }, data: { lastScheduledFor: latest, nextScheduledFor } })]);
      if (runJobId) queued++;
      for (const row of rows) {
        logger.info({ event: "job", jobId: row.id ?? null, itemId: item.id, vaultId: item.vaultId, operation: "Backup", status: row.status, scheduledFor: row.scheduledFor, reason: row.errorMessage ?? undefined }, `job ${row.status}`);
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return queued;
}
