// Which retention rules tag a scheduled backup, and when its vault copy expires.
// See ../shared/notes/azure-backup-semantics.md §4 for the sources of each rule.
import { DAYS_OF_WEEK, MONTHS_OF_YEAR, type RetentionDuration } from "@/lib/schemas/policy";
import type { PolicyRules, RetentionRule, RuleName, TimeOfDay } from "@/lib/domain/policy/rules";
import type { LocalDate, ScheduledSlot } from "@/lib/domain/schedule/slots";
import { addCalendarMonths, dayOfWeek, daysInMonth, instantOfWallTime, type WallTime } from "@/lib/domain/time/zoned";

export type RetentionDecision = {
  /** Every rule that tags the backup, shortest-term first. */
  rules: RuleName[];
  /** The rule whose expiry is the latest (ties go to the longer-term rule); null if none tags it. */
  governingRule: RuleName | null;
  expiresAt: Date | null;
};

const sameTime = (a: TimeOfDay, b: TimeOfDay) => a.hour === b.hour && a.minute === b.minute;

/** 'Last' is the last seven days of the month, so a date can be both Fourth and Last. */
function weeksOfMonthOf(date: LocalDate): string[] {
  const weeks = [["First", "Second", "Third", "Fourth", "Fifth"][Math.floor((date.day - 1) / 7)]];
  if (date.day > daysInMonth(date.year, date.month) - 7) weeks.push("Last");
  return weeks;
}

function dayOfMonthMatches(rule: RetentionRule, date: LocalDate): boolean {
  const selector = rule.dayOfMonth;
  if (!selector) return false;
  if (selector.format === "Daily") {
    // A month without the named date (the 30th in February) has no point for it.
    const isLastDay = date.day === daysInMonth(date.year, date.month);
    return selector.days.some((entry) => (entry.isLast ? isLastDay : entry.date === date.day));
  }
  const weekday = DAYS_OF_WEEK[dayOfWeek(date.year, date.month, date.day)];
  const weeks = weeksOfMonthOf(date);
  return selector.daysOfTheWeek.includes(weekday) && selector.weeksOfTheMonth.some((week) => weeks.includes(week));
}

/**
 * A rule's retention times pick which of a day's scheduled backups it keeps; when they are empty or
 * name no scheduled time (Azure's own V2 example schedules 10:00 and retains "08:00"), it keeps all.
 */
function timeMatches(rule: RetentionRule, policy: PolicyRules, slot: ScheduledSlot): boolean {
  const schedule = policy.schedule;
  if (schedule.frequency === "Hourly") return slot.lastOfWindow;
  const named = rule.times.filter((time) => schedule.times.some((scheduled) => sameTime(scheduled, time)));
  return named.length === 0 || named.some((time) => sameTime(time, slot.local));
}

function ruleApplies(rule: RetentionRule, policy: PolicyRules, slot: ScheduledSlot): boolean {
  if (!timeMatches(rule, policy, slot)) return false;
  switch (rule.name) {
    case "Daily":
      return true;
    case "Weekly":
      return (rule.daysOfTheWeek ?? []).includes(DAYS_OF_WEEK[dayOfWeek(slot.day.year, slot.day.month, slot.day.day)]);
    case "Monthly":
      return dayOfMonthMatches(rule, slot.day);
    case "Yearly":
      return (rule.monthsOfYear ?? []).includes(MONTHS_OF_YEAR[slot.day.month - 1]) && dayOfMonthMatches(rule, slot.day);
  }
}

/** Days and weeks are exact; months and years go by the calendar on local wall time, clamped to the month's end. */
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

/** Tags a scheduled backup with the rules that keep it and the expiry they give. */
export function tagScheduledBackup(policy: PolicyRules, slot: ScheduledSlot): RetentionDecision {
  const rules: RuleName[] = [];
  let governingRule: RuleName | null = null;
  let expiresAt: Date | null = null;
  for (const rule of policy.rules) {
    if (!ruleApplies(rule, policy, slot)) continue;
    rules.push(rule.name);
    const expiry = expiryOf(slot.at, slot.local, rule.duration, policy.timeZone);
    if (!expiresAt || expiry >= expiresAt) {
      governingRule = rule.name;
      expiresAt = expiry;
    }
  }
  return { rules, governingRule, expiresAt };
}
