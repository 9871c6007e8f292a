import { describe, expect, it } from "vitest";
import { plannedRecoveryPoints, recoveryPointsAt, retagRecoveryPoint } from "@/lib/domain/retention/recovery-points";
import { tagScheduledBackup } from "@/lib/domain/retention/tagging";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import type { PolicyRules } from "@/lib/domain/policy/rules";
import { defaultVmPolicy } from "@/lib/domain/policy/defaults";
import { filesPolicy, sqlServersPolicy } from "@/lib/server/seed/demo-policies";
import { at, rulesFromAzure } from "./policy-helpers";
import iaasvmComplex from "../fixtures/azure-policy-examples/iaasvm_complex.json";
import iaasvmV2Daily from "../fixtures/azure-policy-examples/iaasvm_v2_daily.json";
import iaasvmV2Hourly from "../fixtures/azure-policy-examples/iaasvm_v2_hourly.json";

/** The decision for the scheduled backup at `instant` (which must be a slot of the policy). */
function tag(policy: PolicyRules, instant: string) {
  const moment = new Date(instant);
  const slot = scheduledSlots(policy.schedule, policy.timeZone, new Date(moment.getTime() - 1), moment).at(-1);
  if (!slot || slot.at.getTime() !== moment.getTime()) throw new Error(`${instant} is not a scheduled slot`);
  const decision = tagScheduledBackup(policy, slot);
  return { rules: decision.rules, governingRule: decision.governingRule, expiresAt: decision.expiresAt?.toISOString() };
}

// The worked results of docs/azure-backup-semantics.md §1.3: the seed's example policy.
describe("the seed's Backup Agent policy (UTC)", () => {
  const policy = rulesFromAzure(filesPolicy("UTC", "UTC"));
  it.each([
    ["a Thursday: daily only", "2024-03-28T00:00:00Z", ["Daily"], "Daily", "2024-04-04T00:00:00.000Z"],
    ["a Thursday evening", "2024-03-28T18:00:00Z", ["Daily"], "Daily", "2024-04-04T18:00:00.000Z"],
    [
      "a Saturday not in the last week",
      "2024-03-23T00:00:00Z",
      ["Daily", "Weekly"],
      "Weekly",
      "2024-04-20T00:00:00.000Z",
    ],
    [
      "the last Saturday of April",
      "2024-04-27T18:00:00Z",
      ["Daily", "Weekly", "Monthly"],
      "Monthly",
      "2025-04-27T18:00:00.000Z",
    ],
    [
      "the last Saturday of March",
      "2024-03-30T00:00:00Z",
      ["Daily", "Weekly", "Monthly", "Yearly"],
      "Yearly",
      "2034-03-30T00:00:00.000Z",
    ],
  ])("%s", (_name, instant, rules, governingRule, expiresAt) => {
    expect(tag(policy, instant)).toEqual({ rules, governingRule, expiresAt });
  });

  it("keeps, on 1 May 2024, 7 days of dailies, 4 weeks of Saturdays, the last Saturdays of March and April", () => {
    const points = plannedRecoveryPoints(policy, new Date("2024-01-01T00:00:00Z"), new Date("2024-05-01T00:00:00Z"));
    const alive = recoveryPointsAt(points, new Date("2024-05-01T00:00:00Z"));
    const byRule = (rule: string) =>
      alive.filter((point) => point.governingRule === rule).map((point) => point.time.toISOString().slice(0, 16));
    expect(byRule("Yearly")).toEqual(["2024-03-30T00:00", "2024-03-30T18:00"]);
    expect(byRule("Monthly")).toEqual([
      "2024-01-27T00:00",
      "2024-01-27T18:00",
      "2024-02-24T00:00",
      "2024-02-24T18:00",
      "2024-04-27T00:00",
      "2024-04-27T18:00",
    ]);
    expect(byRule("Weekly")).toEqual([
      "2024-04-06T00:00",
      "2024-04-06T18:00",
      "2024-04-13T00:00",
      "2024-04-13T18:00",
      "2024-04-20T00:00",
      "2024-04-20T18:00",
    ]);
    expect(byRule("Daily")).toHaveLength(12);
    expect(alive.every((point) => point.tiers.join() === "vault" && point.snapshotExpiresAt === null)).toBe(true);
  });
});

describe("Azure's REST 'Complex' example (10:00 Pacific Standard Time, weekly on Mon, Wed, Thu)", () => {
  const policy = rulesFromAzure(iaasvmComplex);
  it("tags the first Wednesday monthly for 2 months", () => {
    expect(tag(policy, "2024-01-03T18:00:00Z")).toMatchObject({
      governingRule: "Monthly",
      expiresAt: "2024-03-03T18:00:00.000Z",
    });
  });
  it("tags the fourth Thursday of February yearly for 4 years", () => {
    expect(tag(policy, "2024-02-22T18:00:00Z")).toMatchObject({
      governingRule: "Yearly",
      expiresAt: "2028-02-22T18:00:00.000Z",
    });
  });
  it("treats a fifth Thursday as weekly only", () => {
    expect(tag(policy, "2024-02-29T18:00:00Z")).toEqual({
      rules: ["Weekly"],
      governingRule: "Weekly",
      expiresAt: "2024-03-07T18:00:00.000Z",
    });
  });
  it("counts months on local wall time across a DST change (10:00 PST → 10:00 PDT)", () => {
    expect(tag(policy, "2024-03-06T18:00:00Z")).toMatchObject({
      governingRule: "Monthly",
      expiresAt: "2024-05-06T17:00:00.000Z",
    });
  });
  it("keeps weekly snapshots 5 days and never lets the vault copy expire first", () => {
    const [point] = plannedRecoveryPoints(policy, new Date("2024-02-29T18:00:00Z"), new Date("2024-02-29T18:00:00Z"));
    expect(point.tiers).toEqual(["snapshot", "vault"]);
    expect(point.snapshotExpiresAt?.toISOString()).toBe("2024-03-05T18:00:00.000Z");
    expect(point.expiresAt?.toISOString()).toBe("2024-03-07T18:00:00.000Z");
  });
});

const mabDaily = (retentionPolicy: object, times = [at("01:00")]) =>
  rulesFromAzure({
    backupManagementType: "MAB",
    timeZone: "UTC",
    schedulePolicy: {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Daily",
      scheduleRunTimes: times,
    },
    retentionPolicy: { retentionPolicyType: "LongTermRetentionPolicy", ...retentionPolicy },
  });

describe("monthly rules by days of the month", () => {
  const policy = mabDaily({
    monthlySchedule: {
      retentionScheduleFormatType: "Daily",
      retentionScheduleDaily: {
        daysOfTheMonth: [
          { date: 30, isLast: false },
          { date: 0, isLast: true },
        ],
      },
      retentionDuration: { count: 3, durationType: "Months" },
    },
  });
  it.each([
    ["the 30th", "2024-05-30T01:00:00Z", true],
    ["the last day of a leap February", "2024-02-29T01:00:00Z", true],
    ["the 28th of a non-leap February (its last day)", "2023-02-28T01:00:00Z", true],
    ["the 28th of a leap February", "2024-02-28T01:00:00Z", false],
    ["the 29th of a 31-day month", "2024-05-29T01:00:00Z", false],
  ])("%s", (_name, instant, monthly) => {
    expect(tag(policy, instant).rules).toEqual(monthly ? ["Monthly"] : []);
  });
  it("clamps the expiry to the month's end (30 Nov + 3 months = 28 Feb)", () => {
    expect(tag(policy, "2024-11-30T01:00:00Z").expiresAt).toBe("2025-02-28T01:00:00.000Z");
  });
  it("keeps nothing for an agent backup no rule tags", () => {
    expect(plannedRecoveryPoints(policy, new Date("2024-05-10T00:00:00Z"), new Date("2024-05-11T00:00:00Z"))).toEqual(
      [],
    );
  });
});

describe("weeks of the month", () => {
  const policy = (weeks: string[]) =>
    mabDaily({
      monthlySchedule: {
        retentionScheduleFormatType: "Weekly",
        retentionScheduleWeekly: { daysOfTheWeek: ["Sunday"], weeksOfTheMonth: weeks },
        retentionDuration: { count: 1, durationType: "Months" },
      },
    });
  it("a 22 February 2015 Sunday is both Fourth and Last; 29 March 2015 is Last only (a fifth Sunday)", () => {
    expect(tag(policy(["Fourth"]), "2015-02-22T01:00:00Z").rules).toEqual(["Monthly"]);
    expect(tag(policy(["Last"]), "2015-02-22T01:00:00Z").rules).toEqual(["Monthly"]);
    expect(tag(policy(["Fourth"]), "2015-03-29T01:00:00Z").rules).toEqual([]);
    expect(tag(policy(["Last"]), "2015-03-29T01:00:00Z").rules).toEqual(["Monthly"]);
    expect(tag(policy(["First"]), "2015-03-01T01:00:00Z").rules).toEqual(["Monthly"]);
    expect(tag(policy(["Second"]), "2015-03-08T01:00:00Z").rules).toEqual(["Monthly"]);
    expect(tag(policy(["Third"]), "2015-03-15T01:00:00Z").rules).toEqual(["Monthly"]);
  });
});

describe("retention times pick which of the day's backups a rule keeps", () => {
  it("keeps only the named time when it is scheduled", () => {
    const policy = mabDaily(
      { dailySchedule: { retentionTimes: [at("18:00")], retentionDuration: { count: 7, durationType: "Days" } } },
      [at("00:00"), at("18:00")],
    );
    expect(tag(policy, "2024-05-01T00:00:00Z").rules).toEqual([]);
    expect(tag(policy, "2024-05-01T18:00:00Z").rules).toEqual(["Daily"]);
  });
  it("keeps every backup of the day when the times are empty or name no scheduled time (Azure's V2 daily example)", () => {
    const empty = mabDaily(
      { dailySchedule: { retentionTimes: null, retentionDuration: { count: 7, durationType: "Days" } } },
      [at("00:00"), at("18:00")],
    );
    expect(tag(empty, "2024-05-01T00:00:00Z").rules).toEqual(["Daily"]);
    const example = rulesFromAzure(iaasvmV2Daily);
    // Scheduled 10:00 India Standard Time, retention times 08:00.
    expect(tag(example, "2024-05-05T04:30:00Z")).toMatchObject({
      rules: ["Daily", "Weekly", "Monthly"],
      governingRule: "Monthly",
    });
  });
  it("durations are exact for days and weeks, calendar months on local wall time for months and years", () => {
    const policy = mabDaily({
      dailySchedule: { retentionDuration: { count: 1, durationType: "Days" } },
      yearlySchedule: {
        retentionScheduleFormatType: "Daily",
        monthsOfYear: ["February"],
        retentionScheduleDaily: { daysOfTheMonth: [{ date: 0, isLast: true }] },
        retentionDuration: { count: 1, durationType: "Years" },
      },
    });
    expect(tag(policy, "2024-02-29T01:00:00Z")).toEqual({
      rules: ["Daily", "Yearly"],
      governingRule: "Yearly",
      expiresAt: "2025-02-28T01:00:00.000Z",
    });
  });
});

describe("enhanced hourly policies (Azure's IaaS_v2_hourly example: every 4 h from 08:00 for 16 h, India Standard Time)", () => {
  const policy = rulesFromAzure(iaasvmV2Hourly);
  const day = plannedRecoveryPoints(policy, new Date("2024-05-05T02:30:00Z"), new Date("2024-05-05T18:30:00Z"));
  it("snapshots every slot and sends only the window's last slot to the vault", () => {
    expect(day.map((point) => point.tiers.join("+"))).toEqual([
      "snapshot",
      "snapshot",
      "snapshot",
      "snapshot",
      "snapshot+vault",
    ]);
    expect(day.slice(0, 4).every((point) => point.governingRule === null && point.expiresAt === null)).toBe(true);
    expect(day.every((point) => point.snapshotExpiresAt!.getTime() - point.time.getTime() === 30 * 86_400_000)).toBe(
      true,
    );
  });
  it("classifies the last slot (midnight) as a backup of the window's start day, a Sunday", () => {
    const last = day.at(-1)!;
    expect(last.time.toISOString()).toBe("2024-05-05T18:30:00.000Z");
    expect(last.rules).toEqual(["Daily", "Weekly", "Monthly"]);
    expect(last.governingRule).toBe("Monthly");
  });
});

describe("the points that exist at an instant", () => {
  const policy = mabDaily({ dailySchedule: { retentionDuration: { count: 2, durationType: "Days" } } });
  const points = plannedRecoveryPoints(policy, new Date("2024-05-01T00:00:00Z"), new Date("2024-05-10T00:00:00Z"), [
    { at: new Date("2024-05-02T12:00:00Z"), retainUntil: new Date("2024-06-01T00:00:00Z") },
  ]);
  it("keeps live points and on-demand ones until their retain-till date", () => {
    const alive = recoveryPointsAt(points, new Date("2024-05-06T12:00:00Z"));
    expect(alive.map((point) => point.time.toISOString().slice(0, 13))).toEqual([
      "2024-05-02T12",
      "2024-05-05T01",
      "2024-05-06T01",
    ]);
    expect(alive[0]).toMatchObject({ onDemand: true, governingRule: "OnDemand", rules: [] });
  });
  it("never expires the most recent point, even long after its expiry", () => {
    const alive = recoveryPointsAt(points, new Date("2025-01-01T00:00:00Z"));
    expect(alive.map((point) => point.time.toISOString().slice(0, 10))).toEqual(["2024-05-09"]);
  });
});

// A point made under another schedule is matched by its local date: retention times choose only
// among the backups the policy's own schedule makes in a day.
describe("retagging points made under another schedule", () => {
  const DAY = 86_400_000;
  const defaultPolicy = rulesFromAzure(defaultVmPolicy(at("22:30")).properties);
  const sqlPolicy = rulesFromAzure(sqlServersPolicy("UTC", "UTC"));
  // web-02 of the demo: 28 daily points at 22:30 UTC under DefaultPolicy, 1–28 November 2026 (1 Nov is a Sunday).
  const points = plannedRecoveryPoints(
    defaultPolicy,
    new Date("2026-11-01T00:00:00Z"),
    new Date("2026-11-28T23:59:00Z"),
  );
  const switchAt = new Date("2026-11-29T03:45:00Z");

  it("keeps every point that the new policy's rules select by date, counted from the point's own time", () => {
    expect(points).toHaveLength(28);
    const retagged = points.map((point) => ({ time: point.time, ...retagRecoveryPoint(sqlPolicy, point) }));
    const alive = retagged.filter((point) => point.expiresAt > switchAt);
    // 14 days of dailies (15–28 Nov), and the Sundays before them (1 and 8 Nov) for 8 weeks.
    expect(alive.map((point) => point.time.toISOString().slice(0, 10))).toEqual([
      "2026-11-01",
      "2026-11-08",
      ...Array.from({ length: 14 }, (_, index) => `2026-11-${String(15 + index).padStart(2, "0")}`),
    ]);
    const first = retagged[0];
    // 1 November 2026 is the month's first Sunday: Daily, Weekly and Monthly, 12 months from 22:30.
    expect(first).toMatchObject({
      rules: ["Daily", "Weekly", "Monthly"],
      governingRule: "Monthly",
      expiresAt: new Date("2027-11-01T22:30:00Z"),
    });
    expect(retagged[27]).toMatchObject({
      rules: ["Daily"],
      governingRule: "Daily",
      expiresAt: new Date(points[27].time.getTime() + 14 * DAY),
    });
  });

  it("still matches the policy's own slots by time: a rule naming one of two scheduled times keeps only that one", () => {
    const twice = rulesFromAzure({
      backupManagementType: "MAB",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Daily",
        scheduleRunTimes: [at("06:00"), at("18:00")],
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: {
          retentionTimes: [at("06:00"), at("18:00")],
          retentionDuration: { count: 7, durationType: "Days" },
        },
        weeklySchedule: {
          daysOfTheWeek: ["Sunday"],
          retentionTimes: [at("18:00")],
          retentionDuration: { count: 4, durationType: "Weeks" },
        },
      },
    });
    const sunday = (time: string) =>
      retagRecoveryPoint(twice, { time: new Date(`2026-11-01T${time}:00Z`), snapshotExpiresAt: null });
    expect(sunday("06:00").rules).toEqual(["Daily"]);
    expect(sunday("18:00").rules).toEqual(["Daily", "Weekly"]);
    // 12:00 is no slot of this policy: by date, both rules keep it.
    expect(sunday("12:00").rules).toEqual(["Daily", "Weekly"]);
  });

  it("an hourly policy matches a vault copy by date unless it sits on a window's last slot", () => {
    const hourly = rulesFromAzure(iaasvmV2Hourly);
    const day = plannedRecoveryPoints(hourly, new Date("2024-05-05T02:30:00Z"), new Date("2024-05-05T18:30:00Z"));
    // A daily policy's vault copy at the hourly policy's first slot of the day (not the window's last).
    const retagged = retagRecoveryPoint(hourly, { time: day[0].time, snapshotExpiresAt: null });
    expect(retagged.rules).toEqual(["Daily", "Weekly", "Monthly"]);
    expect(retagged.expiresAt.getTime()).toBeGreaterThan(day[0].time.getTime());
    // The window's own vault slot keeps its slot's tagging.
    expect(retagRecoveryPoint(hourly, day[4])).toMatchObject({
      rules: day[4].rules,
      governingRule: day[4].governingRule,
      expiresAt: day[4].expiresAt,
    });
  });

  it("a point no rule selects by date still expires (a weekly policy drops the weekdays)", () => {
    const sundays = rulesFromAzure({
      backupManagementType: "MAB",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunDays: ["Sunday"],
        scheduleRunTimes: [at("01:00")],
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        weeklySchedule: {
          daysOfTheWeek: ["Sunday"],
          retentionTimes: [at("01:00")],
          retentionDuration: { count: 4, durationType: "Weeks" },
        },
      },
    });
    const monday = retagRecoveryPoint(sundays, { time: new Date("2026-11-02T22:30:00Z"), snapshotExpiresAt: null });
    expect(monday).toMatchObject({ rules: [], governingRule: null, expiresAt: new Date("2026-11-02T22:30:00Z") });
  });
});
