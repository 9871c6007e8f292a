// Wall-clock arithmetic in IANA time zones, without the host's zone or clock.

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time an instant shows in a zone (month 1–12). */
export function wallTimeOf(instant: Date, timeZone: string): WallTime & { second: number } {
  if (timeZone === "UTC") {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(instant: Date, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const wall = wallTimeOf(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which a wall-clock time occurs in a zone. Follows Temporal's 'compatible'
 * disambiguation: a time skipped by a spring-forward gap runs at the offset in force before the
 * gap (02:30 becomes 03:30), and a time repeated in autumn resolves to its first occurrence.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsetBefore = offsetAt(new Date(naive - DAY_MS), timeZone);
  const offsetAfter = offsetAt(new Date(naive + DAY_MS), timeZone);
  const candidates = [naive - offsetBefore, naive - offsetAfter]
    .filter((candidate) => offsetAt(new Date(candidate), timeZone) === naive - candidate)
    .sort((a, b) => a - b);
  return new Date(candidates.length > 0 ? candidates[0] : naive - offsetBefore);
}

/** Calendar date arithmetic on a wall time; the day is clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(wall: WallTime, months: number): WallTime {
  const monthIndex = wall.year * 12 + (wall.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week of a calendar date, 0 = Sunday. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function addDaysToDate(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The years a request may name (filters, page tokens): both databases store and compare them, where
 * JavaScript's dates reach ±275,760 and PostgreSQL refuses year 0 and six-digit years.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 9999;

const inRange = (value: number, low: number, high: number) => Number.isInteger(value) && value >= low && value <= high;

export function isInstantInRange(instant: Date): boolean {
  return inRange(instant.getUTCFullYear(), FIRST_YEAR, LAST_YEAR);
}

/** Whether a wall time names a real minute of the calendar (no month 99, no February 30, no 25:00) in those years. */
export function isValidWallTime(wall: WallTime): boolean {
  const { year, month, day, hour, minute } = wall;
  return (
    inRange(year, FIRST_YEAR, LAST_YEAR) &&
    inRange(month, 1, 12) &&
    inRange(day, 1, daysInMonth(year, month)) &&
    inRange(hour, 0, 23) &&
    inRange(minute, 0, 59)
  );
}

/** "2026-11-20T08:00" → a wall time. */
export function parseWallTime(value: string): WallTime {
  const [date, time] = value.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return { year, month, day, hour, minute };
}
