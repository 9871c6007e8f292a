import { describe, expect, it } from "vitest";
import { tagRecoveryPoint } from "@/lib/domain/retention/tagging";
import { wallTimeOf } from "@/lib/domain/time/zoned";
import type { LongTermRetentionPolicy } from "@/lib/schemas/policy";
import { filesPolicy } from "@/lib/server/seed/demo-policies";

function tag(policy: LongTermRetentionPolicy, instant: string, zone: string) {
  const at = new Date(instant);
  const decision = tagRecoveryPoint(policy, at, wallTimeOf(at, zone), zone);
  return { rules: decision.rules, governingRule: decision.governingRule, expiresAt: decision.expiresAt?.toISOString() };
}

// The worked results of ../shared/notes/azure-backup-semantics.md §4.3.
describe("the seed's Backup Agent policy (UTC)", () => {
  const policy = filesPolicy("UTC", "UTC").retentionPolicy;
  it.each([
    ["a Thursday: daily only", "2024-03-28T00:00:00Z", ["Daily"], "Daily", "2024-04-04T00:00:00.000Z"],
    ["a Thursday evening", "2024-03-28T18:00:00Z", ["Daily"], "Daily", "2024-04-04T18:00:00.000Z"],
    ["a Saturday not in the last week", "2024-03-23T00:00:00Z", ["Daily", "Weekly"], "Weekly", "2024-04-20T00:00:00.000Z"],
    ["the last Saturday of April", "2024-04-27T18:00:00Z", ["Daily", "Weekly", "Monthly"], "Monthly", "2025-04-27T18:00:00.000Z"],
    ["the last Saturday of March", "2024-03-30T00:00:00Z", ["Daily", "Weekly", "Monthly", "Yearly"], "Yearly", "2034-03-30T00:00:00.000Z"],
  ])("%s", (_name, instant, rules, governingRule, expiresAt) => {
    expect(tag(policy, instant, "UTC")).toEqual({ rules, governingRule, expiresAt });
  });

  it("keeps nothing for a backup at a time no rule names", () => {
    expect(tag(policy, "2024-03-28T09:00:00Z", "UTC")).toEqual({ rules: [], governingRule: null, expiresAt: undefined });
  });
});

describe("Azure's REST 'Complex' example (10:00 Pacific Standard Time)", () => {
  const at = (time: string) => [`2018-01-24T${time}:00Z`];
  const policy: LongTermRetentionPolicy = {
    retentionPolicyType: "LongTermRetentionPolicy",
    weeklySchedule: { daysOfTheWeek: ["Monday", "Wednesday", "Thursday"], retentionTimes: at("10:00"), retentionDuration: { count: 1, durationType: "Weeks" } },
    monthlySchedule: {
      retentionScheduleFormatType: "Weekly",
      retentionScheduleWeekly: { daysOfTheWeek: ["Wednesday", "Thursday"], weeksOfTheMonth: ["First", "Third"] },
      retentionTimes: at("10:00"),
      retentionDuration: { count: 2, durationType: "Months" },
    },
    yearlySchedule: {
      retentionScheduleFormatType: "Weekly",
      monthsOfYear: ["February", "November"],
      retentionScheduleWeekly: { daysOfTheWeek: ["Monday", "Thursday"], weeksOfTheMonth: ["Fourth"] },
      retentionTimes: at("10:00"),
      retentionDuration: { count: 4, durationType: "Years" },
    },
  };
  const zone = "America/Los_Angeles";
  it("tags the first Wednesday monthly for 2 months", () => {
    expect(tag(policy, "2024-01-03T18:00:00Z", zone)).toMatchObject({ governingRule: "Monthly", expiresAt: "2024-03-03T18:00:00.000Z" });
  });
  it("tags the fourth Thursday of February yearly for 4 years", () => {
    expect(tag(policy, "2024-02-22T18:00:00Z", zone)).toMatchObject({ governingRule: "Yearly", expiresAt: "2028-02-22T18:00:00.000Z" });
  });
  it("treats a fifth Thursday as weekly only", () => {
    expect(tag(policy, "2024-02-29T18:00:00Z", zone)).toEqual({ rules: ["Weekly"], governingRule: "Weekly", expiresAt: "2024-03-07T18:00:00.000Z" });
  });
  it("counts months on local wall time across a DST change (10:00 PST → 10:00 PDT)", () => {
    // First Wednesday of March 2024; two months later is in daylight time.
    expect(tag(policy, "2024-03-06T18:00:00Z", zone)).toMatchObject({ governingRule: "Monthly", expiresAt: "2024-05-06T17:00:00.000Z" });
  });
});

describe("monthly rules in the Daily format", () => {
  const policy: LongTermRetentionPolicy = {
    retentionPolicyType: "LongTermRetentionPolicy",
    monthlySchedule: {
      retentionScheduleFormatType: "Daily",
      retentionScheduleDaily: { daysOfTheMonth: [{ date: 15, isLast: false }, { date: 0, isLast: true }] },
      retentionDuration: { count: 3, durationType: "Months" },
    },
  };
  it.each([
    ["the 15th", "2024-05-15T01:00:00Z", true],
    ["the last day of a leap February", "2024-02-29T01:00:00Z", true],
    ["the 28th of a leap February", "2024-02-28T01:00:00Z", false],
    ["the 30th of a 31-day month", "2024-05-30T01:00:00Z", false],
  ])("%s", (_name, instant, monthly) => {
    expect(tag(policy, instant, "UTC").rules).toEqual(monthly ? ["Monthly"] : []);
  });
  it("clamps the expiry to the month's end", () => {
    expect(tag(policy, "2024-11-30T01:00:00Z", "UTC").expiresAt).toBe("2025-02-28T01:00:00.000Z");
  });
});
