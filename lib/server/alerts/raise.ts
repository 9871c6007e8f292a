// Raising and resolving alerts, inside the transaction of the event that causes them (a job's end,
// a deletion, a setting weakened), so an alert exists exactly when its event does. The domain
// (lib/domain/alerts) decides; this writes.
import type { Prisma } from "@/generated/sqlite/client";
import { type AlertSpec, type AlertType, alertsForJobEnd, itemScope } from "@/lib/domain/alerts/alerts";
import { isUniqueViolation, type Tx } from "@/lib/server/db";

/**
 * Counts an occurrence on the open alert of the spec's key (scope, type, error code), or opens one.
 * The database holds "one open alert per key" (a partial unique index): when another transaction
 * opened it first, the insert is undone to a savepoint and the occurrence counted on theirs.
 */
export async function raiseAlert(tx: Tx, vaultId: string, spec: AlertSpec, at: Date): Promise<string> {
  const counted = await countOccurrence(tx, spec, at);
  if (counted) return counted;
  await tx.$executeRawUnsafe("SAVEPOINT open_alert");
  try {
    const alert = await tx.alert.create({
      data: {
        vaultId,
        alertType: spec.alertType,
        severity: spec.severity,
        scopeKey: spec.scopeKey,
        protectedItemId: spec.protectedItemId,
        backupServerId: spec.backupServerId,
        resourceName: spec.resourceName,
        errorCode: spec.errorCode,
        title: spec.title,
        message: spec.message,
        recommendations: spec.recommendations,
        firedAt: at,
        lastOccurredAt: at,
        latestJobId: spec.jobId,
        occurrenceLog: { create: { at, jobId: spec.jobId, message: spec.message } },
      },
      select: { id: true },
    });
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT open_alert");
    return alert.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT open_alert");
    const id = await countOccurrence(tx, spec, at);
    if (!id) throw error;
    return id;
  }
}

function openAlertOf(spec: Pick<AlertSpec, "scopeKey" | "alertType" | "errorCode">): Prisma.AlertWhereInput {
  return {
    scopeKey: spec.scopeKey,
    alertType: spec.alertType,
    errorCode: spec.errorCode,
    condition: "Fired",
    state: { not: "Closed" },
  };
}

async function countOccurrence(tx: Tx, spec: AlertSpec, at: Date): Promise<string | null> {
  const where = openAlertOf(spec);
  const counted = await tx.alert.updateMany({
    where,
    data: { occurrences: { increment: 1 }, lastOccurredAt: at, latestJobId: spec.jobId, message: spec.message },
  });
  if (counted.count === 0) return null;
  const alert = await tx.alert.findFirstOrThrow({ where, select: { id: true } });
  await tx.alertOccurrence.create({ data: { alertId: alert.id, at, jobId: spec.jobId, message: spec.message } });
  return alert.id;
}

/** The scope's fired alerts of these types become Resolved (the condition is over). */
export async function resolveAlerts(tx: Tx, scopeKey: string, alertTypes: AlertType[], at: Date): Promise<number> {
  if (alertTypes.length === 0) return 0;
  const resolved = await tx.alert.updateMany({
    where: { scopeKey, alertType: { in: alertTypes }, condition: "Fired" },
    data: { condition: "Resolved", resolvedAt: at },
  });
  return resolved.count;
}

/**
 * A Backup or Restore job has ended (its end is written in `tx`): raises its failure alert, or
 * resolves the item's failure and overdue alerts after a success.
 */
export async function recordJobEndAlerts(tx: Tx, jobId: string, at: Date): Promise<void> {
  const job = await tx.job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      operation: true,
      status: true,
      protectedItemId: true,
      entityFriendlyName: true,
      backupManagementType: true,
      errorCode: true,
      errorMessage: true,
      recommendations: true,
      figures: true,
      vault: { select: { id: true, alertsForAllJobFailures: true } },
    },
  });
  if (!job?.protectedItemId || (job.operation !== "Backup" && job.operation !== "Restore")) return;
  const warnings = (job.figures as { warnings?: unknown[] } | null)?.warnings?.length ?? 0;
  const verdict = alertsForJobEnd(
    {
      ...job,
      recommendations: Array.isArray(job.recommendations) ? (job.recommendations as string[]) : [],
      warnings,
    },
    job.vault.alertsForAllJobFailures,
  );
  if (verdict.resolve.length > 0) {
    await resolveAlerts(tx, itemScope(job.protectedItemId), verdict.resolve, at);
  }
  if (verdict.fire) await raiseAlert(tx, job.vault.id, verdict.fire, at);
}
