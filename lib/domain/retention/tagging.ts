// Which retention rules tag a scheduled backup, and when its vault copy expires.
// docs/azure-backup-semantics.md §1 gives the sources of each rule and the choices where Azure is silent.
import { DAYS_OF_WEEK, MONTHS_OF_YEAR, type RetentionDuration } from "@/lib/schemas/policy";
import type { PolicyRules, RetentionRule, RuleName, TimeOfDay } from "@/lib/domain/policy/rules";
import { type LocalDate, type ScheduledSlot, scheduledSlots } from "@/lib/domain/schedule/slots";
import {
  addCalendarMonths,
  dayOfWeek,
  daysInMonth,
  instantOfWallTime,
  type WallTime,
  wallTimeOf,
} from "@/lib/domain/time/zoned";

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

/** Whether the rule keeps backups of this local date, times of day aside. */
function ruleSelectsDay(rule: RetentionRule, day: LocalDate): boolean {
  switch (rule.name) {
    case "Daily":
      return true;
    case "Weekly":
      return (rule.daysOfTheWeek ?? []).includes(DAYS_OF_WEEK[dayOfWeek(day.year, day.month, day.day)]);
    case "Monthly":
      return dayOfMonthMatches(rule, day);
    case "Yearly":
      return (rule.monthsOfYear ?? []).includes(MONTHS_OF_YEAR[day.month - 1]) && dayOfMonthMatches(rule, day);
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

/** The rules that keep a backup made at `at` (local wall time `local`), and the latest expiry among them. */
function decide(policy: PolicyRules, keeping: RetentionRule[], at: Date, local: WallTime): RetentionDecision {
  const rules: RuleName[] = [];
  let governingRule: RuleName | null = null;
  let expiresAt: Date | null = null;
  for (const rule of keeping) {
    rules.push(rule.name);
    const expiry = expiryOf(at, local, rule.duration, policy.timeZone);
    if (!expiresAt || expiry >= expiresAt) {
      governingRule = rule.name;
      expiresAt = expiry;
    }
  }
  return { rules, governingRule, expiresAt };
}

/** Tags a backup made at one of the policy's own scheduled slots: a rule keeps it when its day and its time match. */
export function tagScheduledBackup(policy: PolicyRules, slot: ScheduledSlot): RetentionDecision {
  return decide(
    policy,
    policy.rules.filter((rule) => timeMatches(rule, policy, slot) && ruleSelectsDay(rule, slot.day)),
    slot.at,
    slot.local,
  );
}

/**
 * Tags a backup whose time is none of the policy's slots: one made under another policy, another
 * schedule, or this policy before its times changed. Retention times only choose among the backups
 * the policy's own schedule makes in a day, so such a point is matched by its local date alone:
 * every rule that selects the date keeps it, counted from the point's own time. Matching it by
 * time instead would tag it with no rule and expire it at once.
 */
function tagBackupByDate(policy: PolicyRules, at: Date): RetentionDecision {
  const local = wallTimeOf(at, policy.timeZone);
  const day = { year: local.year, month: local.month, day: local.day };
  return decide(
    policy,
    policy.rules.filter((rule) => ruleSelectsDay(rule, day)),
    at,
    local,
  );
}

/** The policy's own slot at exactly `at`, if its schedule has one. */
export function ownSlotAt(policy: PolicyRules, at: Date): ScheduledSlot | null {
  return scheduledSlots(policy.schedule, policy.timeZone, at, at, { includeFrom: true })[0] ?? null;
}

/**
 * Tags a scheduled backup at `at` under the policy's current rules: by its slot when the schedule
 * has one then, else by date. An existing vault copy is matched by slot only when that slot sends a
 * copy to the vault (an hourly window's last); elsewhere it was made under another schedule.
 */
export function tagBackupAt(policy: PolicyRules, at: Date, backup: "new" | "vaultCopy" = "new"): RetentionDecision {
  const slot = ownSlotAt(policy, at);
  return slot && (backup === "new" || slot.lastOfWindow)
    ? tagScheduledBackup(policy, slot)
    : tagBackupByDate(policy, at);
}
