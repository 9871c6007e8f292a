// Property tests: random policies and instants (a seeded generator, so failures reproduce).
import { describe, expect, it } from "vitest";
import { draftToProperties, newPolicyDraft, type PolicyDraft } from "@/lib/domain/policy/draft";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import type { PolicyRules, RetentionRule } from "@/lib/domain/policy/rules";
import { expiryOf, ownSlotAt } from "@/lib/domain/retention/tagging";
import { plannedRecoveryPoints, recoveryPointsAt, retagRecoveryPoint } from "@/lib/domain/retention/recovery-points";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { dayOfWeek, daysInMonth, wallTimeOf } from "@/lib/domain/time/zoned";
import { DAYS_OF_WEEK, MONTHS_OF_YEAR, WEEKS_OF_MONTH } from "@/lib/schemas/policy";
import { seededRandom } from "../seeded-random";

const ZONES = [
  "W. Europe Standard Time",
  "Eastern Standard Time",
  "AUS Eastern Standard Time",
  "India Standard Time",
  "UTC",
  "GMT Standard Time",
];

function randomDraft(random: () => number): PolicyDraft {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const some = <T>(values: readonly T[]) => {
    const chosen = values.filter(() => random() < 0.4);
    return chosen.length > 0 ? chosen : [pick(values)];
  };
  const workload = random() < 0.5 ? "MAB" : "AzureIaasVM";
  const draft = newPolicyDraft(workload, workload === "AzureIaasVM" && random() < 0.5 ? "V2" : "V1");
  draft.windowsTimeZone = pick(ZONES);
  if (draft.frequency !== "Hourly") {
    draft.frequency = random() < 0.7 ? "Daily" : "Weekly";
    draft.days = some(DAYS_OF_WEEK);
    const count = workload === "MAB" ? 1 + Math.floor(random() * 3) : 1;
    draft.times = Array.from(
      new Set(
        Array.from(
          { length: count },
          () => `${String(Math.floor(random() * 24)).padStart(2, "0")}:${pick(["00", "30"])}`,
        ),
      ),
    );
  }
  draft.daily = { enabled: draft.frequency !== "Weekly", count: 1 + Math.floor(random() * 60) };
  draft.weekly = {
    enabled: random() < 0.7,
    count: 1 + Math.floor(random() * 20),
    days: draft.frequency === "Weekly" ? some(draft.days) : some(DAYS_OF_WEEK),
  };
  const dayOfMonth = () =>
    random() < 0.5 && draft.frequency !== "Weekly"
      ? {
          format: "Daily" as const,
          dates: [1 + Math.floor(random() * 31)],
          last: random() < 0.5,
          weeks: ["First" as const],
          weekdays: ["Sunday" as const],
        }
      : {
          format: "Weekly" as const,
          dates: [1],
          last: false,
          weeks: some(WEEKS_OF_MONTH),
          weekdays: draft.frequency === "Weekly" ? some(draft.days) : some(DAYS_OF_WEEK),
        };
  draft.monthly = { enabled: random() < 0.6, count: 1 + Math.floor(random() * 24), ...dayOfMonth() };
  draft.yearly = {
    enabled: random() < 0.5,
    count: 1 + Math.floor(random() * 5),
    months: some(MONTHS_OF_YEAR),
    ...dayOfMonth(),
  };
  if (draft.weekly.enabled === false && draft.monthly.enabled === false && draft.yearly.enabled === false)
    draft.daily.enabled = draft.frequency !== "Weekly";
  if (draft.frequency === "Weekly" && !draft.weekly.enabled && !draft.monthly.enabled && !draft.yearly.enabled)
    draft.weekly.enabled = true;
  return draft;
}

/** The wall time a scheduled instant was planned at (a DST gap moves the instant, not the plan). */
function scheduledWallTime(rules: ReturnType<typeof policyRulesOf>, instant: Date) {
  return (
    scheduledSlots(rules.schedule, rules.timeZone, instant, instant, { includeFrom: true })[0]?.local ??
    wallTimeOf(instant, rules.timeZone)
  );
}

describe("retention properties over 200 random policies", () => {
  const random = seededRandom(7);
  const drafts = Array.from({ length: 200 }, () => randomDraft(random));
  // Drawn in the order the checks use them, one case per policy: a failure names its policy.
  const cases = drafts.map((draft, index) => ({
    policy: index + 1,
    draft,
    start: new Date(Date.UTC(2024, Math.floor(random() * 12), 1 + Math.floor(random() * 28))),
  }));
  const aliveCases = cases.slice(0, 60).map(({ policy, draft }) => ({
    policy,
    draft,
    instants: Array.from({ length: 5 }, () => new Date(Date.UTC(2024, 0, 1) + random() * 200 * 86_400_000)),
  }));

  it.each(cases)(
    "policy $policy: valid, and each point's expiry is the latest its rules give, never before its snapshot",
    ({ draft, start }) => {
      const imported = importAzurePolicy(draftToProperties(draft));
      expect(imported.ok, JSON.stringify({ draft, imported })).toBe(true);
      if (!imported.ok) return;
      const rules = policyRulesOf(imported.policy.properties, imported.policy.timeZone);
      const points = plannedRecoveryPoints(rules, start, new Date(start.getTime() + 45 * 86_400_000));
      expect(points.length).toBeGreaterThan(0);
      for (const point of points) {
        expect(point.time >= start).toBe(true);
        if (point.governingRule === null) {
          expect(point.tiers).toEqual(["snapshot"]);
          continue;
        }
        const ruleExpiries = point.rules.map((name) => {
          const rule = rules.rules.find((candidate) => candidate.name === name)!;
          return expiryOf(point.time, scheduledWallTime(rules, point.time), rule.duration, rules.timeZone).getTime();
        });
        expect(point.expiresAt!.getTime()).toBeGreaterThanOrEqual(Math.max(...ruleExpiries));
        expect(point.expiresAt!.getTime()).toBeGreaterThan(point.time.getTime());
        if (point.snapshotExpiresAt)
          expect(point.expiresAt!.getTime()).toBeGreaterThanOrEqual(point.snapshotExpiresAt.getTime());
        // Re-tagging a point under its own policy changes nothing.
        const retagged = retagRecoveryPoint(rules, point);
        expect({ rules: retagged.rules, governingRule: retagged.governingRule, expiresAt: retagged.expiresAt }).toEqual(
          { rules: point.rules, governingRule: point.governingRule, expiresAt: point.expiresAt },
        );
      }
    },
  );

  it.each(aliveCases)(
    "policy $policy: the points alive at an instant were created by then, are live or the most recent, and include the most recent",
    ({ draft, instants }) => {
      const rules = policyRulesOf(draftToProperties(draft), "UTC");
      const start = new Date(Date.UTC(2024, 0, 1));
      const points = plannedRecoveryPoints(rules, start, new Date(Date.UTC(2024, 3, 1)));
      for (const at of instants) {
        const alive = recoveryPointsAt(points, at);
        const created = points.filter((point) => point.time <= at);
        if (created.length > 0) expect(alive).toContain(created.at(-1));
        for (const point of alive) {
          expect(point.time <= at).toBe(true);
          const live =
            (point.expiresAt && point.expiresAt > at) || (point.snapshotExpiresAt && point.snapshotExpiresAt > at);
          expect(
            live ||
              point === created.at(-1) ||
              point === created.findLast((candidate) => candidate.tiers.includes("vault")),
          ).toBeTruthy();
        }
      }
    },
  );
});

/** The test's own reading of "a rule selects a local date" (Azure's semantics notes), kept apart from the domain's. */
function selectsDate(rule: RetentionRule, date: { year: number; month: number; day: number }): boolean {
  const weekday = DAYS_OF_WEEK[dayOfWeek(date.year, date.month, date.day)];
  const monthDay = () => {
    const selector = rule.dayOfMonth!;
    const last = daysInMonth(date.year, date.month);
    if (selector.format === "Daily")
      return selector.days.some((entry) => (entry.isLast ? date.day === last : entry.date === date.day));
    const week = WEEKS_OF_MONTH[Math.floor((date.day - 1) / 7)];
    return (
      selector.daysOfTheWeek.includes(weekday) &&
      (selector.weeksOfTheMonth.includes(week) || (selector.weeksOfTheMonth.includes("Last") && date.day > last - 7))
    );
  };
  if (rule.name === "Daily") return true;
  if (rule.name === "Weekly") return rule.daysOfTheWeek!.includes(weekday);
  if (rule.name === "Monthly") return monthDay();
  return rule.monthsOfYear!.includes(MONTHS_OF_YEAR[date.month - 1]) && monthDay();
}

describe("switching policies never loses what the new policy keeps (100 random pairs A → B)", () => {
  const random = seededRandom(13);
  const rulesOf = (draft: PolicyDraft): PolicyRules => {
    const imported = importAzurePolicy(draftToProperties(draft));
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
    return policyRulesOf(imported.policy.properties, imported.policy.timeZone);
  };
  // Change policy moves an item between policies of one workload.
  const pairs = Array.from({ length: 100 }, () => {
    const a = randomDraft(random);
    let b = randomDraft(random);
    while (b.workload !== a.workload) b = randomDraft(random);
    return [rulesOf(a), rulesOf(b)] as const;
  });
  const cases = pairs.map(([a, b], index) => {
    const start = new Date(Date.UTC(2024, Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
    const switchAt = new Date(start.getTime() + (20 + random() * 40) * 86_400_000);
    const underA = recoveryPointsAt(plannedRecoveryPoints(a, start, switchAt), switchAt).filter(
      (point) => point.tiers.includes("vault") && !point.onDemand,
    );
    return { pair: index + 1, a, b, switchAt, underA };
  });
  const retagAll = <T extends { time: Date; snapshotExpiresAt: Date | null }>(policy: PolicyRules, points: T[]) =>
    points.map((point) => ({ ...point, ...retagRecoveryPoint(policy, point) }));

  it.each(cases)(
    "pair $pair: a point off B's slots is kept by every rule of B that selects its date, for that rule's whole duration",
    ({ b, underA }) => {
      for (const point of underA.filter((candidate) => !ownSlotAt(b, candidate.time))) {
        const local = wallTimeOf(point.time, b.timeZone);
        const retagged = retagRecoveryPoint(b, point);
        for (const rule of b.rules.filter((candidate) => selectsDate(candidate, local))) {
          expect(retagged.rules).toContain(rule.name);
          expect(retagged.expiresAt.getTime()).toBeGreaterThanOrEqual(
            expiryOf(point.time, local, rule.duration, b.timeZone).getTime(),
          );
        }
      }
    },
  );

  it.each(cases)(
    "pair $pair: a point alive under A that B keeps at the switch survives the switch and the sweep after it",
    ({ b, switchAt, underA }) => {
      const survivors = new Set(recoveryPointsAt(retagAll(b, underA), switchAt).map((point) => point.time.getTime()));
      for (const point of underA) {
        const kept = retagRecoveryPoint(b, point).expiresAt > switchAt;
        const local = wallTimeOf(point.time, b.timeZone);
        const keptByDate =
          !ownSlotAt(b, point.time) &&
          b.rules.some(
            (rule) => selectsDate(rule, local) && expiryOf(point.time, local, rule.duration, b.timeZone) > switchAt,
          );
        if (keptByDate) expect(kept).toBe(true);
        if (kept) expect(survivors.has(point.time.getTime())).toBe(true);
      }
    },
  );

  it.each(cases)(
    "pair $pair: switching A → B → A → B at once leaves the same points and expiries as one switch",
    ({ a, b, switchAt, underA }) => {
      const once = retagAll(b, underA);
      const thrice = retagAll(b, retagAll(a, retagAll(b, underA)));
      expect(thrice).toEqual(once);
      expect(recoveryPointsAt(thrice, switchAt)).toEqual(recoveryPointsAt(once, switchAt));
    },
  );
});
