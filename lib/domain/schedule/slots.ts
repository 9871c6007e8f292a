// When a policy's scheduled backups run: instants of wall-clock times in the policy's zone
// (DST handled by instantOfWallTime's 'compatible' rule).
import { DAYS_OF_WEEK } from "@/lib/schemas/policy";
import { mondayOf, type Schedule } from "@/lib/domain/policy/rules";
import { addDaysToDate, dayOfWeek, instantOfWallTime, type WallTime, wallTimeOf } from "@/lib/domain/time/zoned";

export type LocalDate = { year: number; month: number; day: number };

export type ScheduledSlot = {
  at: Date;
  local: WallTime;
  /** The local day the backup counts for in retention rules: for hourly schedules, the window's start day. */
  day: LocalDate;
  /** Whether the slot is the last of its hourly window, the one that goes to the vault; true for daily and weekly slots. */
  lastOfWindow: boolean;
};

/** Hours after an hourly window's start at which it runs: start + k × interval up to the window's end, but not on the next window's start. */
export function windowOffsets(schedule: Extract<Schedule, { frequency: "Hourly" }>): number[] {
  const offsets: number[] = [];
  for (let hours = 0; hours <= schedule.windowHours && hours < 24; hours += schedule.intervalHours) offsets.push(hours);
  return offsets;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Whether a weekly schedule runs in the week (Monday to Sunday) holding a local date: always,
 * unless it runs every N weeks; then when the whole weeks between that week's Monday and the
 * anchor week's Monday are a multiple of N (weeks before the anchor count by the same modulo).
 */
export function runsInWeekOf(schedule: Schedule, date: LocalDate): boolean {
  if (schedule.frequency !== "Weekly" || !schedule.recurrence || schedule.recurrence.everyWeeks < 2) return true;
  const { everyWeeks, anchorMonday } = schedule.recurrence;
  const monday = mondayOf(date);
  const weeks = Math.round(
    (Date.UTC(monday.year, monday.month - 1, monday.day) -
      Date.UTC(anchorMonday.year, anchorMonday.month - 1, anchorMonday.day)) /
      WEEK_MS,
  );
  return ((weeks % everyWeeks) + everyWeeks) % everyWeeks === 0;
}

function slotsOfDay(schedule: Schedule, date: WallTime, timeZone: string): ScheduledSlot[] {
  const day = { year: date.year, month: date.month, day: date.day };
  if (schedule.frequency === "Hourly") {
    const offsets = windowOffsets(schedule);
    return offsets.map((hours, index) => {
      const minutes = schedule.windowStart.hour * 60 + schedule.windowStart.minute + hours * 60;
      const onDate = addDaysToDate(date, Math.floor(minutes / 1440));
      const local = {
        year: onDate.year,
        month: onDate.month,
        day: onDate.day,
        hour: Math.floor((minutes % 1440) / 60),
        minute: minutes % 60,
      };
      return { at: instantOfWallTime(local, timeZone), local, day, lastOfWindow: index === offsets.length - 1 };
    });
  }
  if (
    schedule.frequency === "Weekly" &&
    (!schedule.days.includes(DAYS_OF_WEEK[dayOfWeek(date.year, date.month, date.day)]) || !runsInWeekOf(schedule, day))
  )
    return [];
  return schedule.times.map((time) => {
    const local = { ...day, ...time };
    return { at: instantOfWallTime(local, timeZone), local, day, lastOfWindow: true };
  });
}

/** The scheduled slots with from < at ≤ to (or from ≤ at with `includeFrom`), in time order. */
export function scheduledSlots(
  schedule: Schedule,
  timeZone: string,
  from: Date,
  to: Date,
  options: { includeFrom?: boolean } = {},
): ScheduledSlot[] {
  // Start two days early: a local date (and an hourly window that crosses midnight) can begin before `from` in UTC.
  let date = addDaysToDate(wallTimeOf(from, timeZone), -2);
  const last = addDaysToDate(wallTimeOf(to, timeZone), 1);
  const lastKey = Date.UTC(last.year, last.month - 1, last.day);
  const slots: ScheduledSlot[] = [];
  while (Date.UTC(date.year, date.month - 1, date.day) <= lastKey) {
    for (const slot of slotsOfDay(schedule, date, timeZone)) {
      const afterFrom = options.includeFrom ? slot.at >= from : slot.at > from;
      if (afterFrom && slot.at <= to) slots.push(slot);
    }
    date = addDaysToDate(date, 1);
  }
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime());
}
