// "Retain Backup Till" of Backup now: a calendar date in the user's time zone. The recovery point
// is kept to the end of that day. Azure's default is 30 days; the earliest pick is tomorrow, and
// the latest 99 years ahead (Azure documents 99 years for on-demand points of file shares; we
// apply it to every workload).
import { addDaysToDate, instantOfWallTime, wallTimeOf } from "@/lib/domain/time/zoned";

export const RETAIN_TILL_DEFAULT_DAYS = 30;
export const RETAIN_TILL_MAX_YEARS = 99;
const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateKey(wall: { year: number; month: number; day: number }): string {
  return `${String(wall.year).padStart(4, "0")}-${String(wall.month).padStart(2, "0")}-${String(wall.day).padStart(2, "0")}`;
}

/** The picker's bounds and default as "YYYY-MM-DD" dates in the zone; they compare as strings. */
export function retainTillBounds(now: Date, timeZone: string) {
  const today = { ...wallTimeOf(now, timeZone), hour: 0, minute: 0 };
  return {
    today: dateKey(today),
    earliest: dateKey(addDaysToDate(today, 1)),
    defaultDate: dateKey(addDaysToDate(today, RETAIN_TILL_DEFAULT_DAYS)),
    latest: dateKey({ ...today, year: today.year + RETAIN_TILL_MAX_YEARS }),
  };
}

/** Why a picked date can't be used, or null. */
export function retainTillIssue(date: string, now: Date, timeZone: string): string | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return "Pick a date.";
  const [year, month, day] = match.slice(1).map(Number);
  const normalized = new Date(Date.UTC(year, month - 1, day));
  if (normalized.getUTCMonth() !== month - 1 || normalized.getUTCDate() !== day) return "Pick a date that exists.";
  const bounds = retainTillBounds(now, timeZone);
  if (date < bounds.earliest) return "Retain Backup Till must be tomorrow or later.";
  if (date > bounds.latest) return `Retain Backup Till can be at most ${RETAIN_TILL_MAX_YEARS} years ahead.`;
  return null;
}

/** The instant a recovery point kept till `date` expires: the last second of that day in the zone. */
export function retainUntilOf(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  const nextDay = addDaysToDate({ year, month, day, hour: 0, minute: 0 }, 1);
  return new Date(instantOfWallTime(nextDay, timeZone).getTime() - 1000);
}

/** Until when an on-demand point is kept when the request names no time (the REST API's Backup now): the default days from now. */
export function defaultRetainUntil(now: Date): Date {
  return new Date(now.getTime() + RETAIN_TILL_DEFAULT_DAYS * DAY_MS);
}

/**
 * Why an on-demand point can't be kept until `retainUntil` (and what to pick instead), or null: it
 * must be after `now` and at most 99 years ahead. Two days more than 99 years let the picker's
 * latest date end in any zone.
 */
export function retainUntilIssue(retainUntil: Date, now: Date): { message: string; hint: string } | null {
  if (retainUntil <= now)
    return { message: "Retain Backup Till must be in the future.", hint: "Pick a date after today." };
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + RETAIN_TILL_MAX_YEARS);
  if (retainUntil.getTime() <= latest.getTime() + 2 * DAY_MS) return null;
  return {
    message: `Retain Backup Till can be at most ${RETAIN_TILL_MAX_YEARS} years ahead.`,
    hint: `Pick a date at most ${RETAIN_TILL_MAX_YEARS} years ahead.`,
  };
}
