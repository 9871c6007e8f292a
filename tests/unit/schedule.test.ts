import { describe, expect, it } from "vitest";
import { describeSchedule } from "@/lib/domain/schedule/describe";
import { scheduledSlots, timeOfDay } from "@/lib/domain/schedule/slots";
import type { SimpleSchedulePolicy } from "@/lib/schemas/policy";

const daily = (...times: string[]): SimpleSchedulePolicy => ({
  schedulePolicyType: "SimpleSchedulePolicy",
  scheduleRunFrequency: "Daily",
  scheduleRunTimes: times.map((time) => `2024-01-01T${time}:00Z`),
});

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("scheduledSlots", () => {
  it("keeps the local time across the spring change (02:30 on the gap day runs at 03:30 local)", () => {
    const slots = scheduledSlots(daily("02:30"), "Europe/Berlin", new Date("2026-03-27T12:00:00Z"), new Date("2026-03-30T12:00:00Z"));
    expect(iso(slots.map((slot) => slot.at))).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"]);
  });

  it("runs a repeated autumn time once", () => {
    const slots = scheduledSlots(daily("02:30"), "Europe/Berlin", new Date("2026-10-24T12:00:00Z"), new Date("2026-10-26T12:00:00Z"));
    expect(iso(slots.map((slot) => slot.at))).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });

  it("lists several daily times in order and respects the half-open window (from, to]", () => {
    const slots = scheduledSlots(daily("18:00", "00:00"), "UTC", new Date("2024-03-28T00:00:00Z"), new Date("2024-03-29T00:00:00Z"));
    expect(iso(slots.map((slot) => slot.at))).toEqual(["2024-03-28T18:00:00.000Z", "2024-03-29T00:00:00.000Z"]);
    expect(slots[0].local).toEqual({ year: 2024, month: 3, day: 28, hour: 18, minute: 0 });
  });

  it("runs weekly schedules only on their days", () => {
    const weekly: SimpleSchedulePolicy = { ...daily("10:00"), scheduleRunFrequency: "Weekly", scheduleRunDays: ["Monday", "Thursday"] };
    const slots = scheduledSlots(weekly, "America/Los_Angeles", new Date("2024-01-01T00:00:00Z"), new Date("2024-01-08T00:00:00Z"));
    expect(iso(slots.map((slot) => slot.at))).toEqual(["2024-01-01T18:00:00.000Z", "2024-01-04T18:00:00.000Z"]);
  });

  it("reads only the time of day of Azure's DateTimes and describes schedules", () => {
    expect(timeOfDay("2018-01-24T10:30:00Z")).toEqual({ hour: 10, minute: 30 });
    expect(() => timeOfDay("10:30")).toThrow();
    expect(describeSchedule(daily("00:00", "18:00"))).toBe("Daily at 00:00, 18:00");
  });
});
