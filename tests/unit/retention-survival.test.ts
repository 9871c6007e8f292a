// Which recovery points survive at an instant, and why (lib/domain/retention/survival.ts), and the
// removals a policy change is confirmed for, which follow from it.
import { describe, expect, it } from "vitest";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import { ACTIVE_PROTECTION_STATES, PROTECTION_STATES } from "@/lib/domain/protection/actions";
import { type ExistingRecoveryPoint, policyChangeOf } from "@/lib/domain/retention/policy-change";
import { recoveryPointsAt, type PlannedRecoveryPoint } from "@/lib/domain/retention/recovery-points";
import {
  latestTimes,
  pointExpiry,
  recoveryPointSurvival,
  type SurvivalContext,
  type SurvivalPoint,
} from "@/lib/domain/retention/survival";
import { seededRandom } from "../seeded-random";

const DAY = 86_400_000;
const t0 = new Date("2026-01-01T00:00:00Z");
const day = (n: number) => new Date(t0.getTime() + n * DAY);

const active: Omit<SurvivalContext, "latestTime" | "latestVaultTime"> = {
  protectionState: "Protected",
  softDeleted: false,
  purgeAt: null,
};
const vaultPoint = (time: Date, expiresAt: Date | null, snapshotExpiresAt: Date | null = null): SurvivalPoint => ({
  time,
  inVaultTier: true,
  expiresAt,
  snapshotExpiresAt,
});
const snapshotOnly = (time: Date, snapshotExpiresAt: Date): SurvivalPoint => ({
  time,
  inVaultTier: false,
  expiresAt: null,
  snapshotExpiresAt,
});

describe("a point's survival", () => {
  const context = { ...active, latestTime: day(10), latestVaultTime: day(9) };

  it("keeps a point while a copy is unexpired; an expiry at the instant has passed", () => {
    expect(recoveryPointSurvival(vaultPoint(day(1), day(5)), context, day(4))).toEqual({
      survives: true,
      reason: "Unexpired",
    });
    expect(recoveryPointSurvival(vaultPoint(day(1), day(5)), context, day(5))).toEqual({
      survives: false,
      reason: "Expired",
    });
    // The snapshot outlives the vault copy: kept until the later of the two.
    expect(recoveryPointSurvival(vaultPoint(day(1), day(3), day(6)), context, day(5)).survives).toBe(true);
    expect(recoveryPointSurvival(vaultPoint(day(1), day(3), day(6)), context, day(6)).survives).toBe(false);
    expect(recoveryPointSurvival(vaultPoint(day(1), null, null), context, day(1)).survives).toBe(false);
  });

  it("keeps the most recent point and the most recent vault copy whatever their expiry", () => {
    expect(recoveryPointSurvival(snapshotOnly(day(10), day(11)), context, day(20))).toEqual({
      survives: true,
      reason: "MostRecent",
    });
    expect(recoveryPointSurvival(vaultPoint(day(9), day(11)), context, day(20))).toEqual({
      survives: true,
      reason: "MostRecentVaultCopy",
    });
    // A snapshot at the vault copy's time isn't a vault copy.
    expect(recoveryPointSurvival(snapshotOnly(day(9), day(11)), context, day(20)).survives).toBe(false);
    // Points at the most recent instant are all kept.
    expect(recoveryPointSurvival(vaultPoint(new Date(day(10)), day(11)), context, day(20)).reason).toBe("MostRecent");
  });

  it("keeps everything while protection is stopped or suspended, and a soft-deleted item's points until its purge", () => {
    const expired = vaultPoint(day(1), day(2));
    expect(recoveryPointSurvival(expired, { ...context, protectionState: "ProtectionStopped" }, day(30))).toEqual({
      survives: true,
      reason: "ProtectionStopped",
    });
    expect(recoveryPointSurvival(expired, { ...context, protectionState: "BackupsSuspended" }, day(30))).toEqual({
      survives: true,
      reason: "BackupsSuspended",
    });
    const softDeleted = { ...context, protectionState: "ProtectionStopped", softDeleted: true, purgeAt: day(30) };
    expect(recoveryPointSurvival(vaultPoint(day(1), day(90)), softDeleted, day(29))).toEqual({
      survives: true,
      reason: "SoftDeleted",
    });
    expect(recoveryPointSurvival(vaultPoint(day(1), day(90)), softDeleted, day(30))).toEqual({
      survives: false,
      reason: "Purged",
    });
    expect(recoveryPointSurvival(expired, { ...softDeleted, purgeAt: null }, day(3000)).survives).toBe(true);
  });

  it("the later of the copies' expiries", () => {
    expect(pointExpiry({ expiresAt: day(3), snapshotExpiresAt: day(6) })).toEqual(day(6));
    expect(pointExpiry({ expiresAt: day(7), snapshotExpiresAt: day(6) })).toEqual(day(7));
    expect(pointExpiry({ expiresAt: null, snapshotExpiresAt: day(6) })).toEqual(day(6));
    expect(pointExpiry({ expiresAt: null, snapshotExpiresAt: null })).toBeNull();
  });
});

/** Random points of one item over 60 days, by whole hours (so some share an instant), in time order. */
function randomPoints(random: () => number): PlannedRecoveryPoint[] {
  const hour = () => Math.floor(random() * 60 * 24) * 3_600_000;
  return Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
    const time = new Date(t0.getTime() + hour());
    const snapshot = random() < 0.6;
    const vault = !snapshot || random() < 0.7;
    const later = () => new Date(time.getTime() + hour());
    return {
      time,
      tiers: [...(snapshot ? ["snapshot" as const] : []), ...(vault ? ["vault" as const] : [])],
      rules: [],
      governingRule: vault ? ("Daily" as const) : null,
      expiresAt: vault ? later() : null,
      snapshotExpiresAt: snapshot ? later() : null,
      onDemand: false,
    };
  }).sort((a, b) => a.time.getTime() - b.time.getTime());
}

describe("survival properties (seeded random items)", () => {
  const random = seededRandom(18);
  const cases = Array.from({ length: 300 }, () => ({
    points: randomPoints(random),
    instants: Array.from({ length: 4 }, () => new Date(t0.getTime() + Math.floor(random() * 130) * 12 * 3_600_000)),
  }));

  it("an active item always keeps its most recent point and most recent vault copy", () => {
    for (const { points, instants } of cases) {
      for (const at of instants) {
        const created = points.filter((point) => point.time <= at);
        const alive = recoveryPointsAt(points, at);
        const last = created.at(-1);
        if (last) expect(alive).toContain(last);
        const lastVault = created.findLast((point) => point.tiers.includes("vault"));
        if (lastVault) expect(alive).toContain(lastVault);
      }
    }
  });

  it("a point alive at a later instant was alive at every earlier one: sweeping more often never removes more", () => {
    for (const { points, instants } of cases) {
      const [earlier, later] = [...instants].sort((a, b) => a.getTime() - b.getTime());
      const aliveEarlier = new Set(recoveryPointsAt(points, earlier));
      for (const point of recoveryPointsAt(points, later))
        if (point.time <= earlier) expect(aliveEarlier.has(point)).toBe(true);
    }
  });

  it("outside active protection nothing goes but a soft-deleted item's data at its purge date", () => {
    for (const { points, instants } of cases) {
      const stored = points.map((point) => ({ ...point, inVaultTier: point.tiers.includes("vault") }));
      const latest = latestTimes(stored);
      for (const at of instants) {
        for (const protectionState of PROTECTION_STATES) {
          for (const softDeleted of [false, true]) {
            const context = { protectionState, softDeleted, purgeAt: instants[0], ...latest };
            const active = !softDeleted && (ACTIVE_PROTECTION_STATES as readonly string[]).includes(protectionState);
            if (active) continue;
            for (const point of stored)
              expect(recoveryPointSurvival(point, context, at).survives).toBe(!softDeleted || at < instants[0]);
          }
        }
      }
    }
  });
});

describe("a policy change's removal warning (policyChangeOf)", () => {
  const rulesKeepingDays = (days: number) => {
    const draft = newPolicyDraft("MAB");
    draft.times = ["00:00"];
    draft.daily = { enabled: true, count: days };
    Object.assign(draft, {
      weekly: { ...draft.weekly, enabled: false },
      monthly: { ...draft.monthly, enabled: false },
      yearly: { ...draft.yearly, enabled: false },
    });
    return policyRulesOf(draftToProperties(draft), "UTC");
  };
  const stored = (time: Date, expiresAt: Date, snapshotExpiresAt: Date | null = null): ExistingRecoveryPoint => ({
    id: time.toISOString(),
    time,
    expiresAt,
    snapshotExpiresAt,
    ruleName: "Daily",
    retentionRules: ["Daily"],
  });
  // Ten daily points kept 30 days; the new policy keeps 1 day. Half a day after the last backup:
  const now = new Date(day(9).getTime() + DAY / 2);
  const points = Array.from({ length: 10 }, (_, n) => stored(day(n), day(n + 30)));

  it("lists every point the change removes within a day, the item's latest vault copy too (a newer backup may replace it by then)", () => {
    const { impact } = policyChangeOf(rulesKeepingDays(1), points, 1, now);
    expect(impact.removedWithinDay.map((point) => point.time)).toEqual(points.map((point) => point.time));
    expect(impact.removedWithinDay.filter((point) => !point.expired).map((point) => point.time)).toEqual([day(9)]);
    expect(impact.expireSooner).toBe(10);
  });

  it("doesn't list a point its snapshot keeps past the day, nor one that went within the day anyway", () => {
    const heldBySnapshot = stored(day(8), day(38), day(12));
    const goingAnyway = stored(day(3), day(10));
    const { impact } = policyChangeOf(rulesKeepingDays(1), [heldBySnapshot, goingAnyway], 1, now);
    expect(impact.expireSooner).toBe(2);
    expect(impact.removedWithinDay).toEqual([]);
  });

  it("lists nothing when the new retention still keeps every point past the day", () => {
    const { impact } = policyChangeOf(rulesKeepingDays(7), points.slice(5), 1, now);
    expect(impact.expireSooner).toBe(5);
    expect(impact.removedWithinDay).toEqual([]);
  });
});
