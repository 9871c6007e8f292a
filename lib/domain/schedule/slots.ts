import { DAYS_OF_WEEK, type SimpleSchedulePolicy } from "@/lib/schemas/policy";
import { addDaysToDate, dayOfWeek, instantOfWallTime, type WallTime, wallTimeOf } from "@/lib/domain/time/zoned";

/** "2018-01-24T10:00:00Z" → { hour: 10, minute: 0 }: Azure sends times as DateTimes; only the time of day counts. */
export function timeOfDay(azureDateTime: string): { hour: number; minute: number } {
  const match = /T(\d{2}):(\d{2})/.exec(azureDateTime);
  if (!match) throw new Error(`Not an Azure DateTime: ${azureDateTime}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export type ScheduledSlot = { at: Date; local: WallTime };

/** The scheduled instants of a daily or weekly schedule with from < at ≤ to, in order. */
export function scheduledSlots(schedule: SimpleSchedulePolicy, timeZone: string, from: Date, to: Date): ScheduledSlot[] {
  const runDays = new Set((schedule.scheduleRunDays ?? []).map((day) => DAYS_OF_WEEK.indexOf(day)));
  const times = schedule.scheduleRunTimes.map(timeOfDay).sort((a, b) => a.hour - b.hour || a.minute - b.minute);
  // Start a day early: a wall-clock date can begin before `from` in UTC.
  let date = addDaysToDate(wallTimeOf(from, timeZone), -1);
  const last = addDaysToDate(wallTimeOf(to, timeZone), 1);
  const slots: ScheduledSlot[] = [];
  while (Date.UTC(date.year, date.month - 1, date.day) <= Date.UTC(last.year, last.month - 1, last.day)) {
    const weekday = dayOfWeek(date.year, date.month, date.day);
    if (schedule.scheduleRunFrequency === "Daily" || runDays.has(weekday)) {
      for (const time of times) {
        const local = { year: date.year, month: date.month, day: date.day, ...time };
        const at = instantOfWallTime(local, timeZone);
        if (at > from && at <= to) slots.push({ at, local });
      }
    }
    date = addDaysToDate(date, 1);
  }
  return slots;
}
