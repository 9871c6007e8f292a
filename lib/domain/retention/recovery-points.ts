// The recovery points a policy produces and which of them exist at a given instant. One
// implementation serves the engine, the retention preview, the simulate CLI and the API.
import type { PolicyRules, RuleName } from "@/lib/domain/policy/rules";
import { type ScheduledSlot, scheduledSlots } from "@/lib/domain/schedule/slots";
import { latestTimes, recoveryPointSurvival } from "./survival";
import { type RetentionDecision, tagBackupAt, tagScheduledBackup } from "./tagging";

export const ON_DEMAND_RULE = "OnDemand";

export type Tier = "snapshot" | "vault";

export type PlannedRecoveryPoint = {
  time: Date;
  /** The copies the backup creates: a snapshot (Azure VMs) and a vault copy. */
  tiers: Tier[];
  rules: RuleName[];
  /** The rule that governs the vault copy's expiry; null for snapshot-only points. */
  governingRule: RuleName | typeof ON_DEMAND_RULE | null;
  /** When the vault copy expires; null for snapshot-only points. */
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
  onDemand: boolean;
};

const DAY_MS = 86_400_000;

function snapshotExpiry(policy: PolicyRules, at: Date): Date | null {
  return policy.instantRestoreDays === null ? null : new Date(at.getTime() + policy.instantRestoreDays * DAY_MS);
}

/** The point a scheduled backup creates, or null when it keeps nothing (an agent backup no rule tags). */
function recoveryPointOf(policy: PolicyRules, at: Date, decision: RetentionDecision): PlannedRecoveryPoint | null {
  const snapshotExpiresAt = snapshotExpiry(policy, at);
  const inVault = decision.governingRule !== null;
  if (!inVault && !snapshotExpiresAt) return null;
  // A vault copy is never deleted before its snapshot (Tier-2 outlives Tier-1).
  const expiresAt =
    inVault && snapshotExpiresAt && decision.expiresAt! < snapshotExpiresAt ? snapshotExpiresAt : decision.expiresAt;
  return {
    time: at,
    tiers: snapshotExpiresAt ? (inVault ? ["snapshot", "vault"] : ["snapshot"]) : ["vault"],
    rules: decision.rules,
    governingRule: decision.governingRule,
    expiresAt: inVault ? expiresAt : null,
    snapshotExpiresAt,
    onDemand: false,
  };
}

/** The point the backup of one of the policy's own slots creates. */
export function scheduledRecoveryPoint(policy: PolicyRules, slot: ScheduledSlot): PlannedRecoveryPoint | null {
  return recoveryPointOf(policy, slot.at, tagScheduledBackup(policy, slot));
}

/** The point a scheduled backup made at `at` creates under the policy it has when it ends (which may not be the one that planned it). */
export function scheduledRecoveryPointAt(policy: PolicyRules, at: Date): PlannedRecoveryPoint | null {
  return recoveryPointOf(policy, at, tagBackupAt(policy, at));
}

/** An on-demand backup kept until the date picked; policy rules never touch it. */
export function onDemandRecoveryPoint(policy: PolicyRules, at: Date, retainUntil: Date): PlannedRecoveryPoint {
  const snapshotExpiresAt = snapshotExpiry(policy, at);
  return {
    time: at,
    tiers: snapshotExpiresAt ? ["snapshot", "vault"] : ["vault"],
    rules: [],
    governingRule: ON_DEMAND_RULE,
    expiresAt: retainUntil,
    snapshotExpiresAt,
    onDemand: true,
  };
}

export type OnDemandBackup = { at: Date; retainUntil: Date };

/** Every point the policy (and the given on-demand backups) create in [from, to], both ends included, in time order. */
export function plannedRecoveryPoints(
  policy: PolicyRules,
  from: Date,
  to: Date,
  onDemand: OnDemandBackup[] = [],
): PlannedRecoveryPoint[] {
  const scheduled = scheduledSlots(policy.schedule, policy.timeZone, from, to, { includeFrom: true })
    .map((slot) => scheduledRecoveryPoint(policy, slot))
    .filter((point): point is PlannedRecoveryPoint => point !== null);
  const requested = onDemand
    .filter((backup) => backup.at >= from && backup.at <= to)
    .map((backup) => onDemandRecoveryPoint(policy, backup.at, backup.retainUntil));
  return [...scheduled, ...requested].sort((a, b) => a.time.getTime() - b.time.getTime());
}

/**
 * The points that still exist at `at`, assuming protection continues: those created by then that
 * survive (recoveryPointSurvival: a live copy, or the most recent point or vault copy).
 */
export function recoveryPointsAt<
  T extends Pick<PlannedRecoveryPoint, "time" | "tiers" | "expiresAt" | "snapshotExpiresAt">,
>(points: T[], at: Date): T[] {
  const created = points
    .filter((point) => point.time <= at)
    .map((point) => ({ point, stored: { ...point, inVaultTier: point.tiers.includes("vault") } }));
  const context = {
    protectionState: "Protected",
    softDeleted: false,
    purgeAt: null,
    ...latestTimes(created.map(({ stored }) => stored)),
  };
  return created.filter(({ stored }) => recoveryPointSurvival(stored, context, at).survives).map(({ point }) => point);
}

/**
 * A point's retention under the policy's current rules (policy changes are retroactive), matched
 * by slot or by date (tagBackupAt). A vault copy that no rule keeps any more gets an expiry in the
 * past: the next sweep removes it.
 */
export function retagRecoveryPoint(policy: PolicyRules, point: { time: Date; snapshotExpiresAt: Date | null }) {
  const decision = tagBackupAt(policy, point.time, "vaultCopy");
  const expiresAt =
    decision.expiresAt && point.snapshotExpiresAt && decision.expiresAt < point.snapshotExpiresAt
      ? point.snapshotExpiresAt
      : decision.expiresAt;
  return { rules: decision.rules, governingRule: decision.governingRule, expiresAt: expiresAt ?? point.time };
}

/** Azure keeps at most this many recovery points per protected item. */
export const MAX_RECOVERY_POINTS_PER_ITEM = 9999;

/**
 * How many recovery points an item holds once the policy has run for its longest retention: the
 * points alive after that long. Computed in UTC, as the count doesn't depend on the zone.
 */
export function steadyStateRecoveryPoints(policy: PolicyRules): number {
  const longestDays = Math.max(
    policy.instantRestoreDays ?? 0,
    ...policy.rules.map(
      (rule) => rule.duration.count * { Days: 1, Weeks: 7, Months: 31, Years: 366 }[rule.duration.durationType],
    ),
  );
  const from = new Date(Date.UTC(2000, 0, 1));
  const to = new Date(from.getTime() + (longestDays + 1) * 86_400_000);
  return recoveryPointsAt(plannedRecoveryPoints({ ...policy, timeZone: "UTC" }, from, to), to).length;
}
