// Which retention rules tag a scheduled recovery point, and when it expires.
// Rules follow Azure's LongTermRetentionPolicy; see ../shared/notes/azure-backup-semantics.md §4.
import { DAYS_OF_WEEK, type LongTermRetentionPolicy, MONTHS_OF_YEAR, type RetentionDuration } from "@/lib/schemas/policy";
import { timeOfDay } from "@/lib/domain/schedule/slots";
import { addCalendarMonths, dayOfWeek, daysInMonth, instantOfWallTime, type WallTime } from "@/lib/domain/time/zoned";

export const RULE_NAMES = ["Daily", "Weekly", "Monthly", "Yearly"] as const;
export type RuleName = (typeof RULE_NAMES)[number];
export const ON_DEMAND_RULE = "On-Demand";

export type RetentionDecision = {
  /** Every rule that tags the point, shortest-term first. */
  rules: RuleName[];
  /** The rule whose expiry is the latest (ties go to the longer-term rule); null if no rule tags it. */
  governingRule: RuleName | null;
  expiresAt: Date | null;
};

type MonthlyFormat = NonNullable<LongTermRetentionPolicy["monthlySchedule"]>;

function timeMatches(local: WallTime, retentionTimes: string[] | undefined): boolean {
  if (!retentionTimes || retentionTimes.length === 0) return true;
  return retentionTimes.some((time) => {
    const { hour, minute } = timeOfDay(time);
    return hour === local.hour && minute === local.minute;
  });
}

/** 'Last' is the last seven days of the month, so a date can be both Fourth and Last. */
function weeksOfMonthOf(local: WallTime): string[] {
  const weeks = [["First", "Second", "Third", "Fourth", "Fifth"][Math.floor((local.day - 1) / 7)]];
  if (local.day > daysInMonth(local.year, local.month) - 7) weeks.push("Last");
  return weeks;
}

function dayOfMonthMatches(local: WallTime, format: MonthlyFormat): boolean {
  if (format.retentionScheduleFormatType === "Daily") {
    const isLastDay = local.day === daysInMonth(local.year, local.month);
    return (format.retentionScheduleDaily?.daysOfTheMonth ?? []).some((entry) =>
      entry.isLast ? isLastDay : entry.date === local.day,
    );
  }
  const weekly = format.retentionScheduleWeekly;
  if (!weekly) return false;
  const weekday = DAYS_OF_WEEK[dayOfWeek(local.year, local.month, local.day)];
  const weeks = weeksOfMonthOf(local);
  return weekly.daysOfTheWeek.includes(weekday) && weekly.weeksOfTheMonth.some((week) => weeks.includes(week));
}

export function expiryOf(createdAt: Date, local: WallTime, duration: RetentionDuration, timeZone: string): Date {
  switch (duration.durationType) {
    case "Days":
      return new Date(createdAt.getTime() + duration.count * 86_400_000);
    case "Weeks":
      return new Date(createdAt.getTime() + duration.count * 7 * 86_400_000);
    case "Months":
      return instantOfWallTime(addCalendarMonths(local, duration.count), timeZone);
    case "Years":
      return instantOfWallTime(addCalendarMonths(local, duration.count * 12), timeZone);
  }
}

/** Tags a scheduled backup taken at `createdAt` (local wall time `local` in `timeZone`). */
export function tagRecoveryPoint(
  retention: LongTermRetentionPolicy,
  createdAt: Date,
  local: WallTime,
  timeZone: string,
): RetentionDecision {
  const weekday = DAYS_OF_WEEK[dayOfWeek(local.year, local.month, local.day)];
  const matches: Array<[RuleName, RetentionDuration]> = [];
  const { dailySchedule, weeklySchedule, monthlySchedule, yearlySchedule } = retention;
  if (dailySchedule && timeMatches(local, dailySchedule.retentionTimes)) matches.push(["Daily", dailySchedule.retentionDuration]);
  if (weeklySchedule && weeklySchedule.daysOfTheWeek.includes(weekday) && timeMatches(local, weeklySchedule.retentionTimes)) {
    matches.push(["Weekly", weeklySchedule.retentionDuration]);
  }
  if (monthlySchedule && timeMatches(local, monthlySchedule.retentionTimes) && dayOfMonthMatches(local, monthlySchedule)) {
    matches.push(["Monthly", monthlySchedule.retentionDuration]);
  }
  if (
    yearlySchedule &&
    yearlySchedule.monthsOfYear.includes(MONTHS_OF_YEAR[local.month - 1]) &&
    timeMatches(local, yearlySchedule.retentionTimes) &&
    dayOfMonthMatches(local, yearlySchedule)
  ) {
    matches.push(["Yearly", yearlySchedule.retentionDuration]);
  }
  let governingRule: RuleName | null = null;
  let expiresAt: Date | null = null;
  for (const [rule, duration] of matches) {
    const expiry = expiryOf(createdAt, local, duration, timeZone);
    if (!expiresAt || expiry >= expiresAt) {
      governingRule = rule;
      expiresAt = expiry;
    }
  }
  return { rules: matches.map(([rule]) => rule), governingRule, expiresAt };
}
