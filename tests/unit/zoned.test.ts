import { describe, expect, it } from "vitest";
import { addCalendarMonths, instantOfWallTime, offsetAt, wallTimeOf } from "@/lib/domain/time/zoned";
import { lastDays, localDateKey } from "@/lib/domain/time/days";

const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe("instantOfWallTime (Temporal 'compatible')", () => {
  it.each([
    ["summer time in Berlin", "Europe/Berlin", wall(2026, 7, 1, 10), "2026-07-01T08:00:00.000Z"],
    ["winter time in Berlin", "Europe/Berlin", wall(2026, 1, 15, 10), "2026-01-15T09:00:00.000Z"],
    [
      "spring gap runs at the offset before the gap (02:30 → 03:30 CEST)",
      "Europe/Berlin",
      wall(2026, 3, 29, 2, 30),
      "2026-03-29T01:30:00.000Z",
    ],
    [
      "autumn overlap runs at the first occurrence (CEST)",
      "Europe/Berlin",
      wall(2026, 10, 25, 2, 30),
      "2026-10-25T00:30:00.000Z",
    ],
    ["New York spring gap", "America/New_York", wall(2026, 3, 8, 2, 30), "2026-03-08T07:30:00.000Z"],
    ["New York autumn overlap", "America/New_York", wall(2026, 11, 1, 1, 30), "2026-11-01T05:30:00.000Z"],
    ["a zone with a 30-minute offset", "Asia/Kolkata", wall(2026, 5, 1, 0, 0), "2026-04-30T18:30:00.000Z"],
    ["UTC", "UTC", wall(2024, 2, 29, 23, 59), "2024-02-29T23:59:00.000Z"],
  ])("%s", (_name, zone, local, expected) => {
    expect(instantOfWallTime(local, zone).toISOString()).toBe(expected);
  });

  it.each(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"])(
    "round-trips every half hour of 2026 in %s (second occurrences of repeated times resolve to the first)",
    (zone) => {
      const start = Date.UTC(2026, 0, 1);
      for (let t = start; t < start + 365 * 86_400_000; t += 1_800_000) {
        const instant = new Date(t);
        const local = wallTimeOf(instant, zone);
        const back = instantOfWallTime(local, zone).getTime();
        if (back !== t) {
          // Only an ambiguous local time may resolve elsewhere: to an earlier instant with the same wall time.
          expect(back).toBeLessThan(t);
          expect(wallTimeOf(new Date(back), zone)).toEqual(local);
        }
      }
    },
  );
});

describe("offsets and calendar arithmetic", () => {
  it("reads a zone's offset at an instant", () => {
    expect(offsetAt(new Date("2026-07-01T00:00:00Z"), "Europe/Berlin")).toBe(2 * 3_600_000);
    expect(offsetAt(new Date("2026-01-01T00:00:00Z"), "America/New_York")).toBe(-5 * 3_600_000);
  });

  it("clamps to the month's end when adding months", () => {
    expect(addCalendarMonths(wall(2024, 1, 31, 10), 1)).toEqual(wall(2024, 2, 29, 10));
    expect(addCalendarMonths(wall(2023, 1, 31, 10), 1)).toEqual(wall(2023, 2, 28, 10));
    expect(addCalendarMonths(wall(2024, 2, 29, 0), 12)).toEqual(wall(2025, 2, 28, 0));
    expect(addCalendarMonths(wall(2024, 11, 15, 0), 3)).toEqual(wall(2025, 2, 15, 0));
  });

  it("names local days in the viewer's zone", () => {
    expect(localDateKey(new Date("2026-11-25T23:30:00Z"), "Europe/Berlin")).toBe("2026-11-26");
    expect(localDateKey(new Date("2026-11-25T23:30:00Z"), "UTC")).toBe("2026-11-25");
    const days = lastDays(new Date("2026-11-26T05:00:00Z"), "Europe/Berlin", 7);
    expect(days.keys).toEqual([
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
    ]);
    expect(days.from.toISOString()).toBe("2026-11-19T23:00:00.000Z");
  });
});
