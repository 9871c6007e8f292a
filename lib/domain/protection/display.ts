// How an item's health reads in the portal's lists and dashboard.
import type { JobStatus } from "@/lib/domain/jobs/display";
import {
  KEPT_BECAUSE,
  pointExpiry,
  recoveryPointSurvival,
  type SurvivalContext,
  type SurvivalPoint,
} from "@/lib/domain/retention/survival";
import type { Sort } from "@/lib/domain/sorting";
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
 * What the restore points list says of a point's expiry: the later of its copies' expiries, and why
 * it is kept (recoveryPointSurvival) when that isn't the expiry.
 */
export function recoveryPointKeep(
  point: SurvivalPoint,
  context: SurvivalContext & { now: Date },
): { expiresAt: Date | null; keptBecause: string | null } {
  const survival = recoveryPointSurvival(point, context, context.now);
  return { expiresAt: pointExpiry(point), keptBecause: survival.survives ? KEPT_BECAUSE[survival.reason] : null };
}

/** A restore point's tiers as the restore points list names them. */
export function tiersLabel(point: { inSnapshotTier: boolean; inVaultTier: boolean }): string {
  if (point.inSnapshotTier && point.inVaultTier) return "Snapshot and Vault-Standard";
  return point.inSnapshotTier ? "Snapshot" : "Vault-Standard";
}

/** The Restore points list's sortable columns; newest first unless the address says otherwise. */
export const RECOVERY_POINT_SORT_COLUMNS = ["time", "type", "tier", "size"] as const;
export type RecoveryPointSortColumn = (typeof RECOVERY_POINT_SORT_COLUMNS)[number];
export const DEFAULT_RECOVERY_POINT_SORT: Sort<RecoveryPointSortColumn> = { column: "time", direction: "descending" };
