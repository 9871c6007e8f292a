import { addDaysToDate, instantOfWallTime, wallTimeOf } from "./zoned";

/** "2026-11-26": the local calendar date of an instant in a zone. */
export function localDateKey(instant: Date, timeZone: string): string {
  const wall = wallTimeOf(instant, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, "0")}-${String(wall.day).padStart(2, "0")}`;
}

/** The last `count` local days up to and including today, the instant the first one starts, and each day's [start, end) instants. */
export function lastDays(
  now: Date,
  timeZone: string,
  count: number,
): { keys: string[]; from: Date; bounds: Array<{ from: Date; to: Date }> } {
  const today = { ...wallTimeOf(now, timeZone), hour: 0, minute: 0 };
  const first = addDaysToDate(today, -(count - 1));
  const keys = Array.from({ length: count }, (_, index) => {
    const day = addDaysToDate(first, index);
    return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
  });
  const starts = Array.from({ length: count + 1 }, (_, index) =>
    instantOfWallTime(addDaysToDate(first, index), timeZone),
  );
  return { keys, from: starts[0], bounds: keys.map((_, index) => ({ from: starts[index], to: starts[index + 1] })) };
}
