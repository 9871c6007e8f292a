// What a policy's retention does to the scheduled recovery points of the items it protects, and
// retagging them: used by the policy services (a policy edit, switching an item's policy) and by
// protection (resuming an item), so it sits below both.
import { counted } from "@/lib/domain/format/count";
import type { PolicyRules } from "@/lib/domain/policy/rules";
import {
  type ExistingRecoveryPoint,
  type PolicyChangeImpact,
  policyChangeOf,
} from "@/lib/domain/retention/policy-change";
import type { Db, Tx } from "@/lib/server/db";
import { fail, ok, type ServiceResult } from "@/lib/server/result";

/** The items' scheduled vault copies; on-demand points are never touched by policy changes. */
function scheduledPointsOf(db: Db | Tx, itemIds: string[]): Promise<ExistingRecoveryPoint[]> {
  return db.recoveryPoint.findMany({
    where: { protectedItemId: { in: itemIds }, isOnDemand: false, inVaultTier: true },
    select: { id: true, time: true, snapshotExpiresAt: true, expiresAt: true, ruleName: true, retentionRules: true },
  });
}

/** What giving the items' scheduled points the retention of `rules` would do, as of `now`. */
export async function policyChangeFor(db: Db | Tx, itemIds: string[], rules: PolicyRules, now: Date) {
  return policyChangeOf(rules, await scheduledPointsOf(db, itemIds), itemIds.length, now);
}

/**
 * Gives the items' scheduled points their retention under `rules` (policy changes are
 * retroactive). A change that would remove points within the next day is refused, changing
 * nothing, unless `confirmRemoval` says the user saw them.
 */
export async function retagScheduledPoints(
  tx: Tx,
  itemIds: string[],
  rules: PolicyRules,
  now: Date,
  confirmRemoval: boolean,
): Promise<ServiceResult<PolicyChangeImpact>> {
  const { impact, retags } = await policyChangeFor(tx, itemIds, rules, now);
  const removed = impact.removedWithinDay.length;
  if (removed > 0 && !confirmRemoval) {
    const message = `${counted(removed, "recovery point")} would be removed within the next day. Review them and confirm to save.`;
    return fail("UserErrorConfirmationRequired", message, { confirmRemoval: [message] });
  }
  for (const retag of retags) {
    await tx.recoveryPoint.update({
      where: { id: retag.id },
      data: { retentionRules: retag.rules, ruleName: retag.governingRule, expiresAt: retag.expiresAt },
    });
  }
  return ok(impact);
}
