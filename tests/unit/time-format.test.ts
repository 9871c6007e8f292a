import { describe, expect, it } from "vitest";
import { formatCalendarDay, formatDate, formatDateTime, formatTimeZone } from "@/lib/domain/format/time";

// One format for every instant the portal shows (Azure's), in the viewer's zone, with the zone named.
describe("time formats", () => {
  const instant = new Date("2026-11-28T03:46:00Z");

  it("shows an instant as Azure does, in the viewer's zone", () => {
    expect(formatDateTime(instant, "Europe/Berlin")).toBe("11/28/2026, 4:46 AM GMT+1");
    expect(formatDateTime(instant, "America/New_York")).toBe("11/27/2026, 10:46 PM EST");
  });

  it("shows the day of an instant in the viewer's zone, and a calendar day as it is", () => {
    expect(formatDate(instant, "Europe/Berlin")).toBe("11/28/2026");
    expect(formatDate(instant, "America/New_York")).toBe("11/27/2026");
    expect(formatCalendarDay("2027-03-05")).toBe("3/5/2027");
  });

  it("names a zone with its offset at the instant, so summer time shows", () => {
    expect(formatTimeZone("Europe/Berlin", instant)).toBe("(UTC+01:00) Europe/Berlin");
    expect(formatTimeZone("Europe/Berlin", new Date("2026-07-01T12:00:00Z"))).toBe("(UTC+02:00) Europe/Berlin");
    expect(formatTimeZone("Asia/Kolkata", instant)).toBe("(UTC+05:30) Asia/Kolkata");
    expect(formatTimeZone("UTC", instant)).toBe("(UTC+00:00) UTC");
  });
});
