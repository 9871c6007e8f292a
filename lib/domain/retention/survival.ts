// Whether a recovery point survives at an instant, and why: the one statement of the rule. The
// retention sweep's SQL (lib/server/engine/sweep.ts) is tested against it on both databases
// (tests/integration/sweep-survival.test.ts); the simulator's recoveryPointsAt and the restore
// points list's "kept because" call it. Backup data is never lost to a rule the user didn't choose,
// so each reason to keep a point wins over its expiry.
import { ACTIVE_PROTECTION_STATES, type ProtectionState } from "@/lib/domain/protection/actions";

/** A stored (or planned) point: its time, whether it has a vault copy, and when its copies expire (null: no such copy). */
export type SurvivalPoint = {
  time: Date;
  inVaultTier: boolean;
  /** When the vault copy expires; for an on-demand point, the retain-until date picked. */
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
};

/** What the point's item says about it. */
export type SurvivalContext = {
  protectionState: ProtectionState | string;
  softDeleted: boolean;
  /** When a soft-deleted item's data goes for good; null: not by itself. */
  purgeAt: Date | null;
  /** The time of the item's most recent point, and of its most recent vault copy (null: none). */
  latestTime: Date | null;
  latestVaultTime: Date | null;
};

export type KeepReason =
  "SoftDeleted" | "ProtectionStopped" | "BackupsSuspended" | "Unexpired" | "MostRecent" | "MostRecentVaultCopy";
export type LossReason = "Expired" | "Purged";
export type Survival = { survives: true; reason: KeepReason } | { survives: false; reason: LossReason };

/** What the restore points list says of a kept point; null when its expiry date says it all. */
export const KEPT_BECAUSE: Record<KeepReason, string | null> = {
  SoftDeleted: "Kept while soft-deleted",
  ProtectionStopped: "Kept while protection is stopped",
  BackupsSuspended: "Kept while backups are suspended",
  Unexpired: null,
  MostRecent: "Kept as most recent",
  MostRecentVaultCopy: "Kept as most recent vault copy",
};

/** The later of the point's copies' expiries (null: neither has one). */
export function pointExpiry(point: Pick<SurvivalPoint, "expiresAt" | "snapshotExpiresAt">): Date | null {
  const { expiresAt, snapshotExpiresAt } = point;
  if (!expiresAt || !snapshotExpiresAt) return expiresAt ?? snapshotExpiresAt;
  return expiresAt > snapshotExpiresAt ? expiresAt : snapshotExpiresAt;
}

/**
 * Whether a point that exists survives at `at`, and the strongest reason: a soft-deleted item keeps
 * everything until its purge date; an item whose protection isn't active keeps everything; an active
 * one keeps a point while one of its copies is unexpired (an expiry at `at` has passed), and its most
 * recent point and most recent vault copy whatever their expiry. "Most recent" compares times, so
 * points at the same instant are all kept.
 */
export function recoveryPointSurvival(point: SurvivalPoint, context: SurvivalContext, at: Date): Survival {
  if (context.softDeleted) {
    return context.purgeAt && context.purgeAt <= at
      ? { survives: false, reason: "Purged" }
      : { survives: true, reason: "SoftDeleted" };
  }
  if (!(ACTIVE_PROTECTION_STATES as readonly string[]).includes(context.protectionState)) {
    return {
      survives: true,
      reason: context.protectionState === "BackupsSuspended" ? "BackupsSuspended" : "ProtectionStopped",
    };
  }
  const expiry = pointExpiry(point);
  if (expiry && expiry > at) return { survives: true, reason: "Unexpired" };
  if (context.latestTime && point.time.getTime() === context.latestTime.getTime())
    return { survives: true, reason: "MostRecent" };
  if (point.inVaultTier && context.latestVaultTime && point.time.getTime() === context.latestVaultTime.getTime())
    return { survives: true, reason: "MostRecentVaultCopy" };
  return { survives: false, reason: "Expired" };
}

/**
 * Whether a surviving point's snapshot copy is still held at `at` (given it had one): while it is
 * unexpired, while the item's protection isn't active (nothing is pruned then), and, past its
 * expiry, when it is the most recent point's only copy: the item's last restore point doesn't
 * lose its data to the snapshot tier's expiry.
 */
export function snapshotCopySurvives(
  point: Pick<SurvivalPoint, "time" | "inVaultTier" | "snapshotExpiresAt">,
  context: SurvivalContext,
  at: Date,
): boolean {
  if (point.snapshotExpiresAt === null) return false;
  if (context.softDeleted || !(ACTIVE_PROTECTION_STATES as readonly string[]).includes(context.protectionState))
    return true;
  if (point.snapshotExpiresAt > at) return true;
  return !point.inVaultTier && context.latestTime !== null && point.time.getTime() === context.latestTime.getTime();
}

/** The times of the most recent point and the most recent vault copy among `points`. */
export function latestTimes(points: Array<Pick<SurvivalPoint, "time" | "inVaultTier">>): {
  latestTime: Date | null;
  latestVaultTime: Date | null;
} {
  let latestTime: Date | null = null;
  let latestVaultTime: Date | null = null;
  for (const point of points) {
    if (!latestTime || point.time > latestTime) latestTime = point.time;
    if (point.inVaultTier && (!latestVaultTime || point.time > latestVaultTime)) latestVaultTime = point.time;
  }
  return { latestTime, latestVaultTime };
}
