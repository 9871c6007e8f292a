// Policies in words, as the portal's policy list and wizard summarise them.
import { DAYS_OF_WEEK, MONTHS_OF_YEAR } from "@/lib/schemas/policy";
import { dayOfWeek } from "@/lib/domain/time/zoned";
import { counted } from "@/lib/domain/format/count";
import { type BackupManagementType, MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import type { CalendarDate, DayOfMonthSelector, RetentionRule, Schedule, TimeOfDay } from "./rules";

/** "12:00 AM", "6:30 PM". */
export function formatClockTime(time: TimeOfDay): string {
  const hour12 = time.hour % 12 === 0 ? 12 : time.hour % 12;
  return `${hour12}:${String(time.minute).padStart(2, "0")} ${time.hour < 12 ? "AM" : "PM"}`;
}

/** "Monday 1 January 2024". */
export function formatCalendarDate(date: CalendarDate): string {
  return `${DAYS_OF_WEEK[dayOfWeek(date.year, date.month, date.day)]} ${date.day} ${MONTHS_OF_YEAR[date.month - 1]} ${date.year}`;
}

/** "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function ordinal(value: number): string {
  const suffix = value % 100 >= 11 && value % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][value % 10] ?? "th");
  return `${value}${suffix}`;
}

/** "Daily at 12:00 AM and 6:00 PM (UTC)", "Every 2 weeks on Sunday and Wednesday at 1:00 AM and 9:30 AM (UTC), counted from the week of Monday 1 January 2024", "Every 4 hours from 8:00 AM for 24 hours (India Standard Time)". */
export function describeSchedule(schedule: Schedule, zoneLabel: string): string {
  const times = () => listInWords((schedule as { times: TimeOfDay[] }).times.map(formatClockTime));
  switch (schedule.frequency) {
    case "Daily":
      return `Daily at ${times()} (${zoneLabel})`;
    case "Weekly": {
      const recurrence = schedule.recurrence && schedule.recurrence.everyWeeks >= 2 ? schedule.recurrence : null;
      if (!recurrence) return `Weekly on ${listInWords(schedule.days)} at ${times()} (${zoneLabel})`;
      return `Every ${recurrence.everyWeeks} weeks on ${listInWords(schedule.days)} at ${times()} (${zoneLabel}), counted from the week of ${formatCalendarDate(recurrence.anchorMonday)}`;
    }
    case "Hourly":
      return `Every ${schedule.intervalHours} hours from ${formatClockTime(schedule.windowStart)} for ${schedule.windowHours} hours (${zoneLabel})`;
  }
}

function describeDayOfMonth(selector: DayOfMonthSelector): string {
  if (selector.format === "Daily") {
    return listInWords(selector.days.map((day) => (day.isLast ? "the last day" : `the ${ordinal(day.date)}`)));
  }
  return `the ${listInWords(selector.weeksOfTheMonth.map((week) => week.toLowerCase()))} ${listInWords(selector.daysOfTheWeek)}`;
}

function describeDuration(rule: RetentionRule): string {
  const unit = rule.duration.durationType.toLowerCase().replace(/s$/, "");
  return counted(rule.duration.count, unit);
}

/** One phrase per rule: "Daily backups kept 7 days", "Saturday's kept 4 weeks", … */
export function describeRetention(rules: RetentionRule[]): string[] {
  return rules.map((rule) => {
    switch (rule.name) {
      case "Daily":
        return `Daily backups kept ${describeDuration(rule)}`;
      case "Weekly":
        return `${listInWords(rule.daysOfTheWeek ?? [])} backups kept ${describeDuration(rule)}`;
      case "Monthly":
        return `Backups of ${describeDayOfMonth(rule.dayOfMonth!)} of the month kept ${describeDuration(rule)}`;
      case "Yearly":
        return `Backups of ${describeDayOfMonth(rule.dayOfMonth!)} of ${listInWords(rule.monthsOfYear ?? [])} kept ${describeDuration(rule)}`;
    }
  });
}

/** A policy's Type as the policy blades show it: "Azure Virtual Machine (Enhanced)", "Azure Backup Agent". */
export function policyTypeLabel(backupManagementType: BackupManagementType, policyType: "V1" | "V2" | null): string {
  const version = policyType === "V2" ? " (Enhanced)" : policyType === "V1" ? " (Standard)" : "";
  return `${MANAGEMENT_TYPE_LABELS[backupManagementType]}${version}`;
}
