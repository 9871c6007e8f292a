import { describe, expect, it } from "vitest";
import {
  DEFAULT_THROTTLING,
  describeThrottling,
  formatBandwidth,
  formatWorkDays,
  kbpsOf,
  type Throttling,
  throttlingOf,
  throttlingSchema,
  uploadLimitKiBps,
} from "@/lib/domain/agent/throttling";

const MON = 1;
const FRI = 5;
const SAT = 6;
const SUN = 7;
const at = (isoWeekday: number, time: string) => ({
  isoWeekday,
  minutes: Number(time.slice(0, 2)) * 60 + Number(time.slice(3)),
});

/** Mon–Fri 08:00–18:00 at 1 Mbps (122 KiB/s), else 10 Mbps (1,220 KiB/s). */
const OFFICE: Throttling = {
  enabled: true,
  workDays: [1, 2, 3, 4, 5],
  workStart: "08:00",
  workEnd: "18:00",
  workKbps: 1000,
  nonWorkKbps: 10_000,
};
const WORK_KIBPS = 122;
const OTHER_KIBPS = 1220;

describe("uploadLimitKiBps", () => {
  it("is unlimited without throttling, or with it turned off", () => {
    expect(uploadLimitKiBps(null, at(MON, "10:00"))).toBeNull();
    expect(uploadLimitKiBps({ ...OFFICE, enabled: false }, at(MON, "10:00"))).toBeNull();
  });

  it.each([
    ["the start of work hours (inclusive)", at(MON, "08:00"), WORK_KIBPS],
    ["a minute before they start", at(MON, "07:59"), OTHER_KIBPS],
    ["the last minute of work hours", at(FRI, "17:59"), WORK_KIBPS],
    ["their end (exclusive)", at(FRI, "18:00"), OTHER_KIBPS],
    ["work hours' times on a day off", at(SAT, "10:00"), OTHER_KIBPS],
    ["midnight", at(SUN, "00:00"), OTHER_KIBPS],
  ])("takes the right bandwidth at %s", (_name, local, expected) => {
    expect(uploadLimitKiBps(OFFICE, local)).toBe(expected);
  });

  describe("work hours across midnight (22:00–06:00 on Fridays)", () => {
    const night: Throttling = { ...OFFICE, workDays: [FRI], workStart: "22:00", workEnd: "06:00" };
    it.each([
      ["Friday 21:59", at(FRI, "21:59"), OTHER_KIBPS],
      ["Friday 22:00", at(FRI, "22:00"), WORK_KIBPS],
      ["Friday 23:59", at(FRI, "23:59"), WORK_KIBPS],
      ["Saturday 00:00, the hours after midnight of Friday's", at(SAT, "00:00"), WORK_KIBPS],
      ["Saturday 05:59", at(SAT, "05:59"), WORK_KIBPS],
      ["Saturday 06:00 (the end, exclusive)", at(SAT, "06:00"), OTHER_KIBPS],
      ["Saturday 22:00 (not a work day)", at(SAT, "22:00"), OTHER_KIBPS],
      ["Friday 03:00 (after Thursday, not a work day)", at(FRI, "03:00"), OTHER_KIBPS],
    ])("%s", (_name, local, expected) => {
      expect(uploadLimitKiBps(night, local)).toBe(expected);
    });

    it("wraps the week: Monday's early hours belong to Sunday", () => {
      const sundayNights: Throttling = { ...night, workDays: [SUN] };
      expect(uploadLimitKiBps(sundayNights, at(MON, "02:00"))).toBe(WORK_KIBPS);
      expect(uploadLimitKiBps(sundayNights, at(SUN, "02:00"))).toBe(OTHER_KIBPS);
    });

    it("hours ending at midnight run to the end of the day", () => {
      const evenings: Throttling = { ...OFFICE, workStart: "18:00", workEnd: "00:00" };
      expect(uploadLimitKiBps(evenings, at(MON, "23:59"))).toBe(WORK_KIBPS);
      expect(uploadLimitKiBps(evenings, at(MON, "17:59"))).toBe(OTHER_KIBPS);
      expect(uploadLimitKiBps(evenings, at(SAT, "00:00"))).toBe(OTHER_KIBPS);
    });
  });

  it.each([
    // kilobits (1,000 bits) per second to KiB (1,024 bytes) per second, rounded down: never above the setting.
    [512, 62],
    [1000, 122],
    [8192, 1000],
    [1_023_000, 124_877],
  ])("converts %i Kbps to %i KiB/s", (kbps, kibps) => {
    expect(uploadLimitKiBps({ ...OFFICE, workKbps: kbps }, at(MON, "09:00"))).toBe(kibps);
  });
});

describe("throttlingSchema", () => {
  const issues = (value: unknown) => {
    const parsed = throttlingSchema.safeParse(value);
    return parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  };

  it("accepts the default and a full setting, sorting the work days", () => {
    expect(throttlingSchema.parse(DEFAULT_THROTTLING)).toEqual(DEFAULT_THROTTLING);
    expect(throttlingSchema.parse({ ...OFFICE, workDays: [5, 1, 3] }).workDays).toEqual([1, 3, 5]);
  });

  it.each([
    ["below 512 Kbps", { workKbps: 511 }, "workKbps", "Enter a bandwidth from 512 Kbps to 1,023 Mbps."],
    ["above 1,023 Mbps", { nonWorkKbps: 1_023_001 }, "nonWorkKbps", "Enter a bandwidth from 512 Kbps to 1,023 Mbps."],
    ["not a number", { workKbps: Number.NaN }, "workKbps", "Enter a bandwidth from 512 Kbps to 1,023 Mbps."],
    ["a fraction of a Kbps", { workKbps: 600.5 }, "workKbps", "Enter whole Kbps."],
    ["a time without two-digit hours", { workStart: "8:00" }, "workStart", "Enter a time such as 08:00."],
    ["24:00", { workEnd: "24:00" }, "workEnd", "Enter a time such as 08:00."],
    [
      "hours that end when they start",
      { workEnd: "08:00" },
      "workEnd",
      "Work hours must end at another time than they start.",
    ],
    ["no work day", { workDays: [] }, "workDays", "Choose at least one work day."],
    ["a day twice", { workDays: [1, 1] }, "workDays", "Choose each work day once."],
    ["day 0", { workDays: [0] }, "workDays.0", "Choose days from Monday (1) to Sunday (7)."],
  ])("refuses %s with the field's message", (_name, change, field, message) => {
    expect(issues({ ...OFFICE, ...change })).toMatchObject({ [field]: message });
  });

  it("reads a stored setting, and nothing from a broken one", () => {
    expect(throttlingOf(OFFICE)).toEqual(OFFICE);
    expect(throttlingOf(null)).toBeNull();
    expect(throttlingOf({ enabled: true })).toBeNull();
  });
});

describe("the setting in words and units", () => {
  it.each<[string, Throttling | null, string]>([
    ["none", null, "Not throttled"],
    ["off", { ...OFFICE, enabled: false }, "Not throttled"],
    ["office hours", OFFICE, "Work hours Mon–Fri 08:00–18:00: 1 Mbps; otherwise 10 Mbps"],
    [
      "nights",
      { ...OFFICE, workDays: [5], workStart: "22:00", workEnd: "06:00", workKbps: 512, nonWorkKbps: 1_023_000 },
      "Work hours Fri 22:00–06:00 (next day): 512 Kbps; otherwise 1,023 Mbps",
    ],
  ])("%s", (_name, throttling, expected) => {
    expect(describeThrottling(throttling)).toBe(expected);
  });

  it.each([
    [[1, 2, 3, 4, 5], "Mon–Fri"],
    [[1, 3, 5], "Mon, Wed, Fri"],
    [[1, 2, 3, 6, 7], "Mon–Wed, Sat, Sun"],
    [[1, 2, 3, 4, 5, 6, 7], "every day"],
  ])("names work days %j as %s", (days, expected) => {
    expect(formatWorkDays(days)).toBe(expected);
  });

  it.each([
    [512, "512 Kbps"],
    [1500, "1,500 Kbps"],
    [2000, "2 Mbps"],
    [1_023_000, "1,023 Mbps"],
  ])("shows %i Kbps as %s", (kbps, expected) => {
    expect(formatBandwidth(kbps)).toBe(expected);
  });

  it("reads typed values in their unit, without floating point's noise", () => {
    expect(kbpsOf(1.1, "Mbps")).toBe(1100);
    expect(kbpsOf(1023, "Mbps")).toBe(1_023_000);
    expect(kbpsOf(600.5, "Kbps")).toBe(600.5);
    expect(kbpsOf(0.0005, "Mbps")).toBe(0.5);
  });
});
