import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportAzurePolicy, importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { defaultVmPolicy } from "@/lib/domain/policy/defaults";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import { plannedRecoveryPoints } from "@/lib/domain/retention/recovery-points";
import { ianaZoneOfWindows, windowsZoneOfIana } from "@/lib/domain/time/windows-zones";
import { recoveryPointCapacityIssue } from "@/lib/domain/policy/validate";
import { steadyStateRecoveryPoints } from "@/lib/domain/retention/recovery-points";
import { filesPolicy, sqlServersPolicy } from "@/lib/server/seed/demo-policies";
import { draftToProperties, newPolicyDraft, propertiesToDraft } from "@/lib/domain/policy/draft";
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import { at } from "./policy-helpers";

const EXAMPLES = "tests/fixtures/azure-policy-examples";

describe("Azure's REST examples", () => {
  const files = readdirSync(EXAMPLES).filter((file) => file.endsWith(".json"));
  it("are all here", () =>
    expect(files.sort()).toEqual([
      "iaasvm_complex.json",
      "iaasvm_simple.json",
      "iaasvm_v2_daily.json",
      "iaasvm_v2_hourly.json",
    ]));

  it.each(files)("%s imports, simulates a month and exports unchanged", (file) => {
    const document = JSON.parse(readFileSync(`${EXAMPLES}/${file}`, "utf8"));
    const imported = importAzurePolicy(document);
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    if (!imported.ok) return;
    const points = plannedRecoveryPoints(
      policyRulesOf(imported.policy.properties, imported.policy.timeZone),
      new Date("2024-01-01T00:00:00Z"),
      new Date("2024-01-31T23:59:59Z"),
    );
    expect(points.length).toBeGreaterThan(0);
    const exported = exportAzurePolicy({ id: "id", name: "policy", ...imported.policy });
    expect(exported.properties).toEqual(document.properties);
    // And the export imports again to the same thing.
    expect(importAzurePolicy(exported)).toEqual(imported);
  });

  it("accepts a whole resource, bare properties, or a spec example's parameters", () => {
    const properties = JSON.parse(readFileSync(`${EXAMPLES}/iaasvm_simple.json`, "utf8")).properties;
    for (const document of [{ properties }, properties, { parameters: { parameters: { properties } } }]) {
      expect(importAzurePolicy(document).ok).toBe(true);
    }
  });
});

describe("time zones", () => {
  it("maps Windows ids to IANA zones with CLDR and back", () => {
    expect(ianaZoneOfWindows("Pacific Standard Time")).toBe("America/Los_Angeles");
    expect(ianaZoneOfWindows("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(ianaZoneOfWindows("UTC")).toBe("UTC");
    expect(["Asia/Calcutta", "Asia/Kolkata"]).toContain(ianaZoneOfWindows("India Standard Time"));
    expect(ianaZoneOfWindows("Mars Standard Time")).toBeNull();
    expect(windowsZoneOfIana("Europe/London")).toBe("GMT Standard Time");
  });
  it("keeps the Windows id for export and accepts an IANA zone", () => {
    const imported = importAzurePolicy({ ...defaultVmPolicy().properties, timeZone: "Pacific Standard Time" });
    expect(imported.ok && imported.policy).toMatchObject({
      timeZone: "America/Los_Angeles",
      windowsTimeZone: "Pacific Standard Time",
    });
    const iana = importAzurePolicy({ ...defaultVmPolicy().properties, timeZone: "Europe/Paris" });
    expect(iana.ok && iana.policy.timeZone).toBe("Europe/Paris");
    expect(importAzurePolicy({ ...defaultVmPolicy().properties, timeZone: "Nowhere" })).toEqual({
      ok: false,
      issues: [{ path: "timeZone", message: "'Nowhere' is not a Windows or IANA time zone." }],
    });
  });
});

/** The issues' paths and messages of an invalid policy. */
function issuesOf(document: unknown) {
  const result = importAzurePolicy(document);
  if (result.ok) throw new Error("expected the policy to be invalid");
  return result.issues;
}

const vm = defaultVmPolicy().properties;
const agent = filesPolicy("UTC", "UTC").properties;

describe("validation names the field and why", () => {
  it("reports a bad shape by its path", () => {
    expect(issuesOf({ ...vm, schedulePolicy: { ...vm.schedulePolicy, scheduleRunTimes: ["10 o'clock"] } })).toEqual([
      { path: "schedulePolicy.scheduleRunTimes.0", message: expect.stringContaining("DateTime") },
    ]);
    expect(issuesOf({ ...vm, backupManagementType: "AzureSql" })[0]).toMatchObject({
      path: "backupManagementType",
      message: expect.stringContaining("AzureIaasVM and MAB"),
    });
    expect(issuesOf("not json at all")[0].path).toBe("");
  });

  it.each([
    ["Daily", "dailySchedule", "Days", 9999],
    ["Weekly", "weeklySchedule", "Weeks", 5163],
    ["Monthly", "monthlySchedule", "Months", 1188],
    ["Yearly", "yearlySchedule", "Years", 99],
  ] as const)("%s retention is 1 to its maximum", (_rule, key, unit, max) => {
    const withCount = (count: number) => ({
      ...agent,
      retentionPolicy: {
        ...agent.retentionPolicy,
        [key]: { ...agent.retentionPolicy[key]!, retentionDuration: { count, durationType: unit } },
      },
    });
    expect(importAzurePolicy(withCount(max)).ok).toBe(true);
    expect(importAzurePolicy(withCount(1)).ok).toBe(true);
    for (const count of [0, max + 1]) {
      expect(issuesOf(withCount(count))).toEqual([
        { path: `retentionPolicy.${key}.retentionDuration.count`, message: expect.stringMatching(/^Keep .* 1 to /) },
      ]);
    }
    const wrongUnit = {
      ...agent,
      retentionPolicy: {
        ...agent.retentionPolicy,
        [key]: {
          ...agent.retentionPolicy[key]!,
          retentionDuration: { count: 1, durationType: unit === "Days" ? "Weeks" : "Days" },
        },
      },
    };
    expect(issuesOf(wrongUnit)[0].path).toBe(`retentionPolicy.${key}.retentionDuration.durationType`);
  });

  it("the Backup Agent backs up at most 3 times a day", () => {
    const times = [at("00:00"), at("06:00"), at("12:00"), at("18:00")];
    expect(
      issuesOf({
        ...agent,
        schedulePolicy: { ...agent.schedulePolicy, scheduleRunTimes: times },
        retentionPolicy: {
          retentionPolicyType: "LongTermRetentionPolicy",
          dailySchedule: { retentionDuration: { count: 7, durationType: "Days" } },
        },
      }),
    ).toEqual([
      { path: "schedulePolicy.scheduleRunTimes", message: "The Backup Agent backs up at most 3 times a day." },
    ]);
  });

  it("standard VM policies back up once, on the hour or half hour, and keep snapshots 1 to 5 days", () => {
    expect(
      issuesOf({ ...vm, schedulePolicy: { ...vm.schedulePolicy, scheduleRunTimes: [at("22:30"), at("10:30")] } }),
    ).toContainEqual({
      path: "schedulePolicy.scheduleRunTimes",
      message: "Azure VM policies back up at exactly one time of day.",
    });
    expect(issuesOf({ ...vm, schedulePolicy: { ...vm.schedulePolicy, scheduleRunTimes: [at("22:15")] } })).toEqual([
      { path: "schedulePolicy.scheduleRunTimes", message: "Azure VM backups start on the hour or half hour." },
    ]);
    expect(issuesOf({ ...vm, instantRpRetentionRangeInDays: 6 })).toEqual([
      {
        path: "instantRpRetentionRangeInDays",
        message: "Standard policies keep instant-restore snapshots 1 to 5 days.",
      },
    ]);
  });

  it("enhanced hourly policies use 4, 6, 8 or 12 hours", () => {
    const hourly = JSON.parse(readFileSync(`${EXAMPLES}/iaasvm_v2_hourly.json`, "utf8")).properties;
    const withInterval = (interval: number) => ({
      ...hourly,
      schedulePolicy: {
        ...hourly.schedulePolicy,
        hourlySchedule: { ...hourly.schedulePolicy.hourlySchedule, interval },
      },
    });
    expect(importAzurePolicy(withInterval(6)).ok).toBe(true);
    expect(issuesOf(withInterval(5))).toEqual([
      { path: "schedulePolicy.hourlySchedule.interval", message: "Back up every 4, 6, 8 or 12 hours." },
    ]);
    expect(issuesOf({ ...hourly, instantRpRetentionRangeInDays: 31 })[0].path).toBe("instantRpRetentionRangeInDays");
    expect(issuesOf({ ...agent, schedulePolicy: hourly.schedulePolicy })).toContainEqual({
      path: "schedulePolicy.scheduleRunFrequency",
      message: "Only enhanced Azure VM policies back up hourly.",
    });
  });

  it("weekly retention keeps only days a weekly schedule backs up on, and a weekly schedule has no daily rule", () => {
    const weekly = {
      ...agent,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunDays: ["Sunday"],
        scheduleRunTimes: [at("01:00")],
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: { retentionDuration: { count: 7, durationType: "Days" } },
        weeklySchedule: { daysOfTheWeek: ["Sunday", "Monday"], retentionDuration: { count: 4, durationType: "Weeks" } },
        monthlySchedule: {
          retentionScheduleFormatType: "Daily",
          retentionScheduleDaily: { daysOfTheMonth: [{ date: 1, isLast: false }] },
          retentionDuration: { count: 1, durationType: "Months" },
        },
      },
    };
    expect(issuesOf(weekly).map((issue) => issue.path)).toEqual([
      "retentionPolicy.dailySchedule",
      "retentionPolicy.weeklySchedule.daysOfTheWeek",
      "retentionPolicy.monthlySchedule.retentionScheduleFormatType",
    ]);
  });

  it("needs at least one retention rule, and days of the month 1 to 31 or Last", () => {
    expect(issuesOf({ ...agent, retentionPolicy: { retentionPolicyType: "LongTermRetentionPolicy" } })).toEqual([
      { path: "retentionPolicy", message: "Keep backups with at least one retention rule." },
    ]);
    const monthly = (date: number) => ({
      ...agent,
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        monthlySchedule: {
          retentionScheduleFormatType: "Daily",
          retentionScheduleDaily: { daysOfTheMonth: [{ date, isLast: false }] },
          retentionDuration: { count: 1, durationType: "Months" },
        },
      },
    });
    expect(importAzurePolicy(monthly(31)).ok).toBe(true);
    expect(issuesOf(monthly(32))[0].path).toBe("retentionPolicy.monthlySchedule.retentionScheduleDaily.daysOfTheMonth");
  });

  it("a weekly schedule runs every 0 to 4 weeks (0 and 1: every week); daily ones keep Azure's 0 or nothing", () => {
    const weekly = (scheduleWeeklyFrequency: unknown) => ({
      ...agent,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunDays: ["Sunday", "Wednesday"],
        scheduleRunTimes: [at("01:00"), at("09:30")],
        scheduleWeeklyFrequency,
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        weeklySchedule: { daysOfTheWeek: ["Sunday"], retentionDuration: { count: 12, durationType: "Weeks" } },
      },
    });
    for (const weeks of [0, 1, 2, 3, 4, null, undefined])
      expect(importAzurePolicy(weekly(weeks)).ok, String(weeks)).toBe(true);
    for (const weeks of [5, -1, 52]) {
      expect(issuesOf(weekly(weeks))).toEqual([
        {
          path: "schedulePolicy.scheduleWeeklyFrequency",
          message: "Back up every 1 to 4 weeks (0 or 1 means every week).",
        },
      ]);
    }
    for (const weeks of [1.5, "2"])
      expect(issuesOf(weekly(weeks))).toEqual([
        { path: "schedulePolicy.scheduleWeeklyFrequency", message: "Use a whole number of weeks, 0 to 4." },
      ]);
    const daily = (scheduleWeeklyFrequency: unknown) => ({
      ...agent,
      schedulePolicy: { ...agent.schedulePolicy, scheduleWeeklyFrequency },
    });
    for (const weeks of [0, null, undefined]) expect(importAzurePolicy(daily(weeks)).ok, String(weeks)).toBe(true);
    expect(issuesOf(daily(2))).toEqual([
      {
        path: "schedulePolicy.scheduleWeeklyFrequency",
        message: "Only weekly schedules run every few weeks; a daily schedule takes 0 or none.",
      },
    ]);
    // A standard VM policy's weekly schedule too.
    const vmWeekly = {
      ...weekly(2),
      backupManagementType: "AzureIaasVM",
      policyType: "V1",
      instantRpRetentionRangeInDays: 5,
      schedulePolicy: { ...weekly(2).schedulePolicy, scheduleRunTimes: [at("01:00")] },
    };
    expect(importAzurePolicy(vmWeekly).ok).toBe(true);
    expect(
      issuesOf({ ...vmWeekly, schedulePolicy: { ...vmWeekly.schedulePolicy, scheduleWeeklyFrequency: 6 } })[0].path,
    ).toBe("schedulePolicy.scheduleWeeklyFrequency");
  });

  it("accepts the demo estate's policies", () => {
    for (const policy of [
      filesPolicy("UTC", "UTC"),
      sqlServersPolicy("Europe/Berlin", "W. Europe Standard Time"),
      defaultVmPolicy(),
    ]) {
      expect(importAzurePolicy(policy.properties).ok).toBe(true);
    }
  });
});

describe("Azure's limit of 9,999 recovery points per item", () => {
  it("counts the points a policy holds once it has run for its longest retention", () => {
    const seed = filesPolicy("UTC", "UTC").properties;
    // 7 days × 2 + the Saturdays of 4 weeks + 12 last Saturdays + 10 last Saturdays of March, each twice a day, less overlaps.
    const count = steadyStateRecoveryPoints(policyRulesOf(seed, "UTC"));
    expect(count).toBeGreaterThanOrEqual(55);
    expect(count).toBeLessThanOrEqual(70);
    expect(recoveryPointCapacityIssue(seed)).toBeNull();
  });
  it("counts an every-N-weeks policy by its worst week alignment", () => {
    const threeTimes = ["2024-01-03T01:00:00Z", "2024-01-03T09:30:00Z", "2024-01-03T18:00:00Z"];
    const everyWeeks = (scheduleWeeklyFrequency: number): AzurePolicyProperties => ({
      backupManagementType: "MAB",
      timeZone: "UTC",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunDays: ["Sunday", "Wednesday"],
        scheduleRunTimes: threeTimes,
        scheduleWeeklyFrequency,
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        weeklySchedule: {
          daysOfTheWeek: ["Sunday", "Wednesday"],
          retentionTimes: threeTimes,
          retentionDuration: { count: 5163, durationType: "Weeks" },
        },
      },
    });
    // 6 backups a week kept 5,163 weeks: 30,978 every week, about half every 2 weeks, a quarter every 4.
    expect(recoveryPointCapacityIssue(everyWeeks(1))?.message).toMatch(/up to 30,978 recovery points/);
    expect(recoveryPointCapacityIssue(everyWeeks(2))?.message).toMatch(/up to 15,4\d\d recovery points/);
    expect(recoveryPointCapacityIssue(everyWeeks(4))).toBeNull();
    // Kept 7 weeks every 4 weeks: 1 or 2 runs in the window depending on where the weeks fall; the check takes 2.
    const short = (date: string): AzurePolicyProperties => ({
      ...everyWeeks(4),
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunDays: ["Sunday"],
        scheduleRunTimes: [`${date}T01:00:00Z`],
        scheduleWeeklyFrequency: 4,
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        weeklySchedule: { daysOfTheWeek: ["Sunday"], retentionDuration: { count: 7, durationType: "Weeks" } },
      },
    });
    const counts = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"].map((date) =>
      steadyStateRecoveryPoints(policyRulesOf(short(date), "UTC")),
    );
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(2);
  });

  it("refuses a policy that would exceed it", () => {
    const threeTimes = [at("00:00"), at("12:00"), at("18:00")];
    const greedy = {
      ...agent,
      schedulePolicy: { ...agent.schedulePolicy, scheduleRunTimes: threeTimes },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy" as const,
        dailySchedule: {
          retentionTimes: threeTimes,
          retentionDuration: { count: 9999, durationType: "Days" as const },
        },
      },
    };
    expect(recoveryPointCapacityIssue(greedy)).toEqual({
      path: "retentionPolicy",
      message: expect.stringMatching(/up to 29,99\d recovery points per item; Azure allows 9,999/),
    });
    expect(
      recoveryPointCapacityIssue({
        ...greedy,
        retentionPolicy: {
          ...greedy.retentionPolicy,
          dailySchedule: {
            ...greedy.retentionPolicy.dailySchedule,
            retentionDuration: { count: 3333, durationType: "Days" as const },
          },
        },
      }),
    ).toBeNull();
  });
});

describe("the policy forms' draft and every-N-weeks schedules", () => {
  it("a new draft dates its run times with the current week's Monday, so the first week runs this week", () => {
    const draft = newPolicyDraft("MAB", "V1", "2025-06-05"); // a Thursday
    expect(draft).toMatchObject({ runDate: "2025-06-02", weeklyFrequency: 1 });
    expect(newPolicyDraft("MAB", "V1", "2025-06-01").runDate).toBe("2025-05-26"); // a Sunday ends its Monday-based week
    expect(newPolicyDraft("AzureIaasVM").runDate).toBe("2024-01-01");
    draft.frequency = "Weekly";
    draft.days = ["Sunday", "Wednesday"];
    draft.times = ["09:30", "01:00"];
    draft.weeklyFrequency = 2;
    draft.weekly = { enabled: true, count: 12, days: ["Sunday", "Wednesday"] };
    draft.monthly = { ...draft.monthly, weekdays: ["Sunday"] };
    draft.yearly = { ...draft.yearly, weekdays: ["Sunday"] };
    const properties = draftToProperties(draft);
    expect(properties.schedulePolicy).toEqual({
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Weekly",
      scheduleRunTimes: ["2025-06-02T09:30:00Z", "2025-06-02T01:00:00Z"],
      scheduleRunDays: ["Sunday", "Wednesday"],
      scheduleWeeklyFrequency: 2,
    });
    const imported = importAzurePolicy(properties);
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(policyRulesOf(properties, "UTC").schedule).toMatchObject({
      recurrence: { everyWeeks: 2, anchorMonday: { year: 2025, month: 6, day: 2 } },
    });
    // draft → Azure JSON → draft keeps N and the anchor.
    const again = propertiesToDraft(properties, "UTC");
    expect(again).toMatchObject({
      frequency: "Weekly",
      weeklyFrequency: 2,
      runDate: "2025-06-02",
      days: ["Sunday", "Wednesday"],
      times: ["01:00", "09:30"],
    });
    expect(draftToProperties(again).schedulePolicy).toMatchObject({
      scheduleWeeklyFrequency: 2,
      scheduleRunTimes: ["2025-06-02T01:00:00Z", "2025-06-02T09:30:00Z"],
    });
  });

  it.each([2, 3, 4])(
    "editing a stored every-%i-weeks policy keeps its run times' date, so the alternation doesn't shift",
    (weeks) => {
      const stored: AzurePolicyProperties = {
        backupManagementType: "AzureIaasVM",
        policyType: "V1",
        timeZone: "UTC",
        instantRpRetentionRangeInDays: 5,
        schedulePolicy: {
          schedulePolicyType: "SimpleSchedulePolicy",
          scheduleRunFrequency: "Weekly",
          scheduleRunDays: ["Thursday"],
          scheduleRunTimes: ["2018-01-24T10:00:00Z"],
          scheduleWeeklyFrequency: weeks,
        },
        retentionPolicy: {
          retentionPolicyType: "LongTermRetentionPolicy",
          weeklySchedule: {
            daysOfTheWeek: ["Thursday"],
            retentionTimes: ["2018-01-24T10:00:00Z"],
            retentionDuration: { count: 26, durationType: "Weeks" },
          },
        },
      };
      const draft = propertiesToDraft(stored, "UTC");
      expect(draft).toMatchObject({ weeklyFrequency: weeks, runDate: "2018-01-24" });
      draft.times = ["11:00"];
      const edited = draftToProperties(draft);
      expect(edited.schedulePolicy).toMatchObject({
        scheduleWeeklyFrequency: weeks,
        scheduleRunTimes: ["2018-01-24T11:00:00Z"],
      });
      expect(policyRulesOf(edited, "UTC").schedule).toEqual({
        ...policyRulesOf(stored, "UTC").schedule,
        times: [{ hour: 11, minute: 0 }],
      });
      expect(importAzurePolicy(edited).ok).toBe(true);
    },
  );

  it("every week writes no weekly frequency, and enhanced (V2) weekly policies have none", () => {
    const draft = newPolicyDraft("AzureIaasVM", "V1", "2025-06-05");
    draft.frequency = "Weekly";
    expect(draftToProperties(draft).schedulePolicy).not.toHaveProperty("scheduleWeeklyFrequency");
    const enhanced = newPolicyDraft("AzureIaasVM", "V2", "2025-06-05");
    enhanced.frequency = "Weekly";
    enhanced.weeklyFrequency = 2;
    const properties = draftToProperties(enhanced);
    expect(properties.schedulePolicy).toEqual({
      schedulePolicyType: "SimpleSchedulePolicyV2",
      scheduleRunFrequency: "Weekly",
      weeklySchedule: { scheduleRunDays: ["Sunday"], scheduleRunTimes: ["2025-06-02T08:00:00Z"] },
    });
    expect(propertiesToDraft(properties, "UTC")).toMatchObject({ weeklyFrequency: 1, runDate: "2025-06-02" });
  });
});
