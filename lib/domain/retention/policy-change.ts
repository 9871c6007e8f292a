// What a change of policy does to existing scheduled recovery points (Change policy, Resume
// backup, modifying a policy): their new retention, and the impact shown before saving.
import type { PolicyRules, RuleName } from "@/lib/domain/policy/rules";
import { counted } from "@/lib/domain/format/count";
import { retagRecoveryPoint } from "./recovery-points";
import { recoveryPointSurvival, type SurvivalContext } from "./survival";

/** A scheduled vault copy as stored. */
export type ExistingRecoveryPoint = {
  id: string;
  time: Date;
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
  ruleName: string | null;
  retentionRules: unknown;
};

type Retag = { id: string; rules: RuleName[]; governingRule: RuleName | null; expiresAt: Date };

/** How far ahead a removal caused by the change must be confirmed. */
const REMOVAL_NOTICE_MS = 86_400_000;

/**
 * The items as they are after the change (protected), a day ahead: by then newer backups may have
 * taken over "most recent", so only a point's own expiries are counted on to keep it. An item
 * backed up less often than daily is warned of its latest point too: a warning too many, never one
 * too few.
 */
const PROTECTED_A_DAY_AHEAD: SurvivalContext = {
  protectionState: "Protected",
  softDeleted: false,
  purgeAt: null,
  latestTime: null,
  latestVaultTime: null,
};

export type PolicyChangeImpact = {
  itemCount: number;
  recoveryPoints: number;
  expireSooner: number;
  liveLonger: number;
  unchanged: number;
  /**
   * Points the change brings to removal within the next day (at the next sweep when `expired`,
   * their new retention having already ended as of the preview), oldest first.
   */
  removedWithinDay: Array<{ time: Date; expiresAt: Date; expired: boolean }>;
};

/** The points' retention under `rules` and what that changes, as of `now`; `retags` holds only the points whose tags change. */
export function policyChangeOf(
  rules: PolicyRules,
  points: ExistingRecoveryPoint[],
  itemCount: number,
  now: Date,
): { impact: PolicyChangeImpact; retags: Retag[] } {
  const impact: PolicyChangeImpact = {
    itemCount,
    recoveryPoints: points.length,
    expireSooner: 0,
    liveLonger: 0,
    unchanged: 0,
    removedWithinDay: [],
  };
  const horizon = new Date(now.getTime() + REMOVAL_NOTICE_MS);
  const keptAtHorizon = (point: ExistingRecoveryPoint, expiresAt: Date | null) =>
    recoveryPointSurvival({ ...point, inVaultTier: true, expiresAt }, PROTECTED_A_DAY_AHEAD, horizon).survives;
  const retags = points
    .map((point) => {
      const retagged = retagRecoveryPoint(rules, point);
      const before = point.expiresAt?.getTime() ?? 0;
      const after = retagged.expiresAt.getTime();
      if (after < before) {
        impact.expireSooner++;
        if (keptAtHorizon(point, point.expiresAt) && !keptAtHorizon(point, retagged.expiresAt))
          impact.removedWithinDay.push({
            time: point.time,
            expiresAt: retagged.expiresAt,
            expired: after <= now.getTime(),
          });
      } else if (after > before) impact.liveLonger++;
      else impact.unchanged++;
      const sameTags =
        after === before &&
        retagged.governingRule === point.ruleName &&
        JSON.stringify(retagged.rules) === JSON.stringify(point.retentionRules);
      return sameTags ? [] : [{ id: point.id, ...retagged }];
    })
    .flat();
  impact.removedWithinDay.sort((a, b) => a.time.getTime() - b.time.getTime());
  return { impact, retags };
}

/** "35 existing points: 4 expire sooner, 31 unchanged or later", for the panes and the activity log. */
export function describeImpact(impact: PolicyChangeImpact): string {
  const points = counted(impact.recoveryPoints, "existing point");
  const removed = impact.removedWithinDay.length > 0 ? `; ${impact.removedWithinDay.length} removed within a day` : "";
  return `${points}: ${impact.expireSooner} expire sooner, ${impact.liveLonger + impact.unchanged} unchanged or later${removed}`;
}
