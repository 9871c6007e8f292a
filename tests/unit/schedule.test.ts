import { describe, expect, it } from "vitest";
import { describeRetention, describeSchedule, formatClockTime } from "@/lib/domain/policy/describe";
import { type Schedule, scheduleOf, timeOfDay } from "@/lib/domain/policy/rules";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import type { DayOfWeek } from "@/lib/schemas/policy";

const t = (value: string) => timeOfDay(`2024-01-01T${value}:00Z`);
const daily = (...times: string[]): Schedule => ({ frequency: "Daily", times: times.map(t) });
const hourly = (intervalHours: number, start: string, windowHours: number): Schedule => ({
  frequency: "Hourly",
  intervalHours,
  windowStart: t(start),
  windowHours,
});
const iso = (from: string, to: string, schedule: Schedule, zone: string) =>
  scheduledSlots(schedule, zone, new Date(from), new Date(to)).map((slot) => slot.at.toISOString());

describe("daily and weekly slots keep their local time across DST (Temporal 'compatible')", () => {
  it.each([
    // zone, local time, window, expected instants
    [
      "America/New_York",
      "02:30",
      "2026-03-07T12:00:00Z",
      "2026-03-09T12:00:00Z",
      ["2026-03-08T07:30:00.000Z", "2026-03-09T06:30:00.000Z"],
    ],
    [
      "America/New_York",
      "01:30",
      "2026-10-31T12:00:00Z",
      "2026-11-02T12:00:00Z",
      ["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"],
    ],
    [
      "Europe/London",
      "01:30",
      "2026-03-28T12:00:00Z",
      "2026-03-30T12:00:00Z",
      ["2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"],
    ],
    [
      "Europe/London",
      "01:30",
      "2026-10-24T12:00:00Z",
      "2026-10-26T12:00:00Z",
      ["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"],
    ],
    [
      "Australia/Sydney",
      "02:30",
      "2026-10-03T00:00:00Z",
      "2026-10-05T00:00:00Z",
      ["2026-10-03T16:30:00.000Z", "2026-10-04T15:30:00.000Z"],
    ],
    [
      "Australia/Sydney",
      "02:30",
      "2026-04-03T12:00:00Z",
      "2026-04-05T12:00:00Z",
      ["2026-04-03T15:30:00.000Z", "2026-04-04T15:30:00.000Z"],
    ],
    [
      "Europe/Berlin",
      "02:30",
      "2026-03-27T12:00:00Z",
      "2026-03-30T12:00:00Z",
      ["2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"],
    ],
  ])("%s at %s", (zone, time, from, to, expected) => {
    expect(iso(from, to, daily(time), zone)).toEqual(expected);
  });

  it("lists several daily times in order within (from, to]; includeFrom makes it [from, to]", () => {
    const schedule = daily("18:00", "00:00");
    expect(iso("2024-03-28T00:00:00Z", "2024-03-29T00:00:00Z", schedule, "UTC")).toEqual([
      "2024-03-28T18:00:00.000Z",
      "2024-03-29T00:00:00.000Z",
    ]);
    const inclusive = scheduledSlots(
      schedule,
      "UTC",
      new Date("2024-03-28T00:00:00Z"),
      new Date("2024-03-29T00:00:00Z"),
      { includeFrom: true },
    );
    expect(inclusive.map((slot) => slot.at.toISOString())).toEqual([
      "2024-03-28T00:00:00.000Z",
      "2024-03-28T18:00:00.000Z",
      "2024-03-29T00:00:00.000Z",
    ]);
  });

  it("runs weekly schedules only on their days", () => {
    const weekly: Schedule = { frequency: "Weekly", days: ["Monday", "Thursday"], times: [t("10:00")] };
    expect(iso("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z", weekly, "America/Los_Angeles")).toEqual([
      "2024-01-01T18:00:00.000Z",
      "2024-01-04T18:00:00.000Z",
    ]);
  });
});

/** A V1 weekly schedule as Azure's JSON gives it: run times dated `date`, every `weeks` weeks. */
const everyWeeks = (weeks: number | null, days: DayOfWeek[], date: string, ...times: string[]) =>
  scheduleOf({
    schedulePolicyType: "SimpleSchedulePolicy",
    scheduleRunFrequency: "Weekly",
    scheduleRunDays: days,
    scheduleRunTimes: times.map((time) => `${date}T${time}:00Z`),
    scheduleWeeklyFrequency: weeks,
  });
const dates = (from: string, to: string, schedule: Schedule, zone = "UTC") => [
  ...new Set(
    scheduledSlots(schedule, zone, new Date(from), new Date(to)).map(
      (slot) => `${slot.day.year}-${String(slot.day.month).padStart(2, "0")}-${String(slot.day.day).padStart(2, "0")}`,
    ),
  ),
];
const DAY_MS = 86_400_000;

describe("weekly schedules every N weeks (scheduleWeeklyFrequency), counted in Monday-based weeks from the run times' date", () => {
  it("reads N and the anchor week (the Monday of the run times' date, even a Sunday's) out of Azure's JSON; 0, 1 and absent mean every week", () => {
    expect(everyWeeks(2, ["Sunday"], "2024-01-07", "01:00")).toMatchObject({
      frequency: "Weekly",
      recurrence: { everyWeeks: 2, anchorMonday: { year: 2024, month: 1, day: 1 } },
    });
    expect(everyWeeks(3, ["Sunday"], "2018-01-24", "10:00")).toMatchObject({
      recurrence: { everyWeeks: 3, anchorMonday: { year: 2018, month: 1, day: 22 } },
    });
    for (const weeks of [0, 1, null])
      expect(everyWeeks(weeks, ["Sunday"], "2024-01-03", "01:00")).not.toHaveProperty("recurrence");
    // Azure's V2 weekly schedule has no weekly frequency.
    const v2 = scheduleOf({
      schedulePolicyType: "SimpleSchedulePolicyV2",
      scheduleRunFrequency: "Weekly",
      weeklySchedule: { scheduleRunDays: ["Sunday"], scheduleRunTimes: ["2024-01-03T01:00:00Z"] },
      scheduleWeeklyFrequency: 2,
    });
    expect(v2).not.toHaveProperty("recurrence");
  });

  it("every 2 weeks: the anchor week runs, the week after doesn't, and weeks before the anchor follow the same parity (the seed page's Sunday and Wednesday)", () => {
    const schedule = everyWeeks(2, ["Sunday", "Wednesday"], "2024-01-03", "09:30", "01:00");
    expect(iso("2023-12-17T00:00:00Z", "2024-01-22T00:00:00Z", schedule, "UTC")).toEqual([
      "2023-12-20T01:00:00.000Z",
      "2023-12-20T09:30:00.000Z",
      "2023-12-24T01:00:00.000Z",
      "2023-12-24T09:30:00.000Z", // two weeks before
      "2024-01-03T01:00:00.000Z",
      "2024-01-03T09:30:00.000Z",
      "2024-01-07T01:00:00.000Z",
      "2024-01-07T09:30:00.000Z", // the anchor week
      "2024-01-17T01:00:00.000Z",
      "2024-01-17T09:30:00.000Z",
      "2024-01-21T01:00:00.000Z",
      "2024-01-21T09:30:00.000Z", // two weeks after
    ]);
  });

  it.each([2, 3, 4])(
    "every %i weeks runs exactly the weeks a multiple of N away from the anchor week, over a year either side",
    (weeks) => {
      const schedule = everyWeeks(weeks, ["Monday", "Sunday"], "2024-01-04", "12:00");
      const anchor = Date.UTC(2024, 0, 1); // the Monday of 4 January 2024
      const expected: string[] = [];
      for (let day = Date.UTC(2023, 0, 2); day <= Date.UTC(2025, 0, 31); day += DAY_MS) {
        const weekday = new Date(day).getUTCDay();
        const week = Math.floor((day - anchor) / (7 * DAY_MS));
        if ((weekday === 1 || weekday === 0) && ((week % weeks) + weeks) % weeks === 0)
          expected.push(new Date(day).toISOString().slice(0, 10));
      }
      expect(dates("2023-01-01T00:00:00Z", "2025-01-31T23:59:00Z", schedule)).toEqual(expected);
      expect(expected).toContain("2024-01-01");
      expect(expected).toContain("2024-01-07");
      expect(expected).not.toContain("2024-01-08");
      expect(expected).toContain(new Date(anchor - weeks * 7 * DAY_MS).toISOString().slice(0, 10));
      expect(expected).not.toContain(new Date(anchor - 7 * DAY_MS).toISOString().slice(0, 10));
    },
  );

  it("counts local weeks in Europe/Berlin and keeps the local time across both DST changes", () => {
    // Week of 25 March 2024 is 12 weeks after the anchor week and runs; its Sunday 02:30 falls in the spring gap.
    const schedule = everyWeeks(2, ["Sunday"], "2024-01-01", "02:30");
    expect(iso("2024-03-10T00:00:00Z", "2024-04-15T00:00:00Z", schedule, "Europe/Berlin")).toEqual([
      "2024-03-17T01:30:00.000Z", // CET
      "2024-03-31T01:30:00.000Z", // 02:30 doesn't exist: runs at 03:30 CEST
      "2024-04-14T00:30:00.000Z", // CEST
    ]);
    // Week of 21 October 2024 is 42 weeks after it: the repeated 02:30 runs once, at its first occurrence.
    expect(iso("2024-10-14T00:00:00Z", "2024-11-11T00:00:00Z", schedule, "Europe/Berlin")).toEqual([
      "2024-10-27T00:30:00.000Z",
      "2024-11-10T01:30:00.000Z",
    ]);
  });

  it("takes the week from the local date, not UTC's (Tokyo's Monday 00:30 is Sunday in UTC; Los Angeles' Sunday 23:30 is Monday)", () => {
    expect(
      iso(
        "2023-12-25T00:00:00Z",
        "2024-01-22T00:00:00Z",
        everyWeeks(2, ["Monday"], "2024-01-01", "00:30"),
        "Asia/Tokyo",
      ),
    ).toEqual(["2023-12-31T15:30:00.000Z", "2024-01-14T15:30:00.000Z"]);
    expect(
      iso(
        "2023-12-26T00:00:00Z",
        "2024-01-23T00:00:00Z",
        everyWeeks(2, ["Sunday"], "2024-01-01", "23:30"),
        "America/Los_Angeles",
      ),
    ).toEqual(["2024-01-08T07:30:00.000Z", "2024-01-22T07:30:00.000Z"]);
  });
});

describe("hourly windows (enhanced policy)", () => {
  it("every 4 hours for 24 hours gives 6 slots a day; the next window's start is not one of them", () => {
    const slots = scheduledSlots(
      hourly(4, "08:00", 24),
      "UTC",
      new Date("2024-05-01T00:00:00Z"),
      new Date("2024-05-01T23:59:00Z"),
    );
    expect(slots.map((slot) => `${slot.local.hour}:${slot.day.day}:${slot.lastOfWindow}`)).toEqual([
      "4:30:true", // 04:00 on 1 May is the last slot of 30 April's window
      "8:1:false",
      "12:1:false",
      "16:1:false",
      "20:1:false",
    ]);
    const fullDay = scheduledSlots(
      hourly(4, "08:00", 24),
      "UTC",
      new Date("2024-05-01T07:59:00Z"),
      new Date("2024-05-02T07:59:00Z"),
    );
    expect(fullDay).toHaveLength(6);
    expect(fullDay.filter((slot) => slot.lastOfWindow).map((slot) => slot.at.toISOString())).toEqual([
      "2024-05-02T04:00:00.000Z",
    ]);
  });

  it("includes the window's end when it is not the next start (08:00 + 16 h every 4 h: 5 slots, the last at midnight)", () => {
    const slots = scheduledSlots(
      hourly(4, "08:00", 16),
      "Asia/Kolkata",
      new Date("2024-05-01T00:00:00Z"),
      new Date("2024-05-02T00:00:00Z"),
    );
    const window = slots.filter((slot) => slot.day.day === 1);
    expect(window.map((slot) => `${slot.local.day} ${slot.local.hour}:00`)).toEqual([
      "1 8:00",
      "1 12:00",
      "1 16:00",
      "1 20:00",
      "2 0:00",
    ]);
    expect(window.at(-1)?.lastOfWindow).toBe(true);
    expect(window.at(-1)?.at.toISOString()).toBe("2024-05-01T18:30:00.000Z");
  });

  it.each([
    [6, 24, 4],
    [8, 24, 3],
    [12, 24, 2],
    [12, 12, 2],
    [4, 4, 2],
  ])("every %i h for %i h gives %i slots", (interval, duration, count) => {
    const slots = scheduledSlots(
      hourly(interval, "00:00", duration),
      "UTC",
      new Date("2024-05-01T00:00:00Z"),
      new Date("2024-05-01T23:59:00Z"),
      { includeFrom: true },
    );
    expect(slots.filter((slot) => slot.day.day === 1)).toHaveLength(count);
  });
});

describe("policies in words", () => {
  it("describes schedules and retention", () => {
    expect(formatClockTime(t("00:00"))).toBe("12:00 AM");
    expect(formatClockTime(t("18:30"))).toBe("6:30 PM");
    expect(describeSchedule(daily("00:00", "18:00"), "UTC")).toBe("Daily at 12:00 AM and 6:00 PM (UTC)");
    expect(
      describeSchedule({ frequency: "Weekly", days: ["Sunday", "Wednesday"], times: [t("09:30"), t("01:00")] }, "UTC"),
    ).toBe("Weekly on Sunday and Wednesday at 9:30 AM and 1:00 AM (UTC)");
    expect(describeSchedule(everyWeeks(2, ["Sunday", "Wednesday"], "2024-01-03", "09:30", "01:00"), "UTC")).toBe(
      "Every 2 weeks on Sunday and Wednesday at 1:00 AM and 9:30 AM (UTC), counted from the week of Monday 1 January 2024",
    );
    expect(describeSchedule(everyWeeks(1, ["Sunday"], "2024-01-03", "01:00"), "UTC")).toBe(
      "Weekly on Sunday at 1:00 AM (UTC)",
    );
    expect(describeSchedule(hourly(4, "08:00", 24), "India Standard Time")).toBe(
      "Every 4 hours from 8:00 AM for 24 hours (India Standard Time)",
    );
    expect(
      describeRetention([
        { name: "Daily", times: [], duration: { count: 7, durationType: "Days" } },
        {
          name: "Monthly",
          times: [],
          duration: { count: 1, durationType: "Months" },
          dayOfMonth: {
            format: "Daily",
            days: [
              { date: 30, isLast: false },
              { date: 0, isLast: true },
            ],
          },
        },
        {
          name: "Yearly",
          times: [],
          duration: { count: 10, durationType: "Years" },
          monthsOfYear: ["March"],
          dayOfMonth: { format: "Weekly", daysOfTheWeek: ["Saturday"], weeksOfTheMonth: ["Last"] },
        },
      ]),
    ).toEqual([
      "Daily backups kept 7 days",
      "Backups of the 30th and the last day of the month kept 1 month",
      "Backups of the last Saturday of March kept 10 years",
    ]);
  });
});
