// How an item's health reads in the portal's lists and dashboard.
import type { JobStatus } from "@/lib/domain/jobs/display";
import type { ProtectionState } from "./actions";

export type Tone = "success" | "warning" | "error" | "info" | "neutral" | "progress";

/** "Last Backup Status" as the portal shows it (REST's lastBackupStatus is coarser). */
export function lastBackupStatusView(item: {
  protectionState: ProtectionState | string;
  lastBackupStatus: JobStatus | string | null;
  softDeleted: boolean;
}): { tone: Tone; label: string } {
  if (item.softDeleted) return { tone: "error", label: "Backups disabled (soft deleted)" };
  if (!item.lastBackupStatus) {
    return item.protectionState === "IRPending"
      ? { tone: "warning", label: "Warning (Initial backup pending)" }
      : { tone: "neutral", label: "No backup yet" };
  }
  switch (item.lastBackupStatus) {
    case "Completed":
      return { tone: "success", label: "Success" };
    case "CompletedWithWarnings":
      return { tone: "warning", label: "Warning" };
    case "Failed":
      return { tone: "error", label: "Failed" };
    case "InProgress":
      return { tone: "progress", label: "In progress" };
    default:
      return { tone: "neutral", label: item.lastBackupStatus };
  }
}

export const PRE_CHECK_STATUSES = ["Passed", "Warning", "Critical"] as const;
export type PreCheckStatus = (typeof PRE_CHECK_STATUSES)[number];
export const PRE_CHECK_TONES = { Passed: "success", Warning: "warning", Critical: "error" } as const satisfies Record<
  PreCheckStatus,
  Tone
>;

export function jobStatusTone(status: JobStatus): Tone {
  switch (status) {
    case "Completed":
      return "success";
    case "CompletedWithWarnings":
      return "warning";
    case "Failed":
      return "error";
    case "InProgress":
    case "Cancelling":
      return "progress";
    default:
      return "neutral";
  }
}

/**
 * What the restore points list says of a point's expiry: its date, or why it is kept past it
 * (the most recent point and vault copy stay while protected; nothing is pruned while stopped or soft-deleted).
 */
export function recoveryPointKeep(
  point: { expiresAt: Date | null; snapshotExpiresAt: Date | null },
  context: {
    now: Date;
    isLatest: boolean;
    isLatestVault: boolean;
    protectionState: ProtectionState | string;
    softDeleted: boolean;
  },
): { expiresAt: Date | null; keptBecause: string | null } {
  const expiresAt = [point.expiresAt, point.snapshotExpiresAt].reduce<Date | null>(
    (latest, date) => (date && (!latest || date > latest) ? date : latest),
    null,
  );
  if (context.softDeleted) return { expiresAt, keptBecause: "Kept while soft-deleted" };
  if (context.protectionState === "ProtectionStopped")
    return { expiresAt, keptBecause: "Kept while protection is stopped" };
  if ((context.isLatest || context.isLatestVault) && (!expiresAt || expiresAt <= context.now))
    return { expiresAt, keptBecause: "Kept as most recent" };
  return { expiresAt, keptBecause: null };
}
