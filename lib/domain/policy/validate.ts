// Azure's rules for a policy beyond its JSON shape: ranges, and which settings go together.
// Each issue names the offending field by its path in Azure's `properties` object.
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import { MAX_RECOVERY_POINTS_PER_ITEM, steadyStateRecoveryPoints } from "@/lib/domain/retention/recovery-points";
import { type PolicyRules, policyRulesOf, retentionRulesOf, type RuleName, scheduleOf, type Schedule } from "./rules";

export type PolicyIssue = { path: string; message: string };

/** Retention ranges (Azure PowerShell's PolicyConstants) and the unit each rule must use. */
export const RETENTION_LIMITS: Record<RuleName, { unit: "Days" | "Weeks" | "Months" | "Years"; max: number }> = {
  Daily: { unit: "Days", max: 9999 },
  Weekly: { unit: "Weeks", max: 5163 },
  Monthly: { unit: "Months", max: 1188 },
  Yearly: { unit: "Years", max: 99 },
};

export const HOURLY_INTERVALS = [4, 6, 8, 12];
export const MAX_AGENT_TIMES_PER_DAY = 3;

const RULE_PATHS: Record<RuleName, string> = {
  Daily: "retentionPolicy.dailySchedule",
  Weekly: "retentionPolicy.weeklySchedule",
  Monthly: "retentionPolicy.monthlySchedule",
  Yearly: "retentionPolicy.yearlySchedule",
};

function schedulePaths(properties: AzurePolicyProperties) {
  const schedule = properties.schedulePolicy;
  if (schedule.schedulePolicyType === "SimpleSchedulePolicyV2") {
    return {
      times:
        schedule.scheduleRunFrequency === "Weekly"
          ? "schedulePolicy.weeklySchedule.scheduleRunTimes"
          : "schedulePolicy.dailySchedule.scheduleRunTimes",
      days: "schedulePolicy.weeklySchedule.scheduleRunDays",
    };
  }
  return { times: "schedulePolicy.scheduleRunTimes", days: "schedulePolicy.scheduleRunDays" };
}

export const MAX_WEEKLY_FREQUENCY = 4;

/**
 * scheduleWeeklyFrequency (SimpleSchedulePolicy only; Azure's V2 weekly schedule has no such field):
 * a weekly schedule runs every 1 to 4 weeks, 0 and absent meaning every week; daily and hourly
 * schedules carry 0 (or nothing), as Azure sends them, or 1.
 */
function validateWeeklyFrequency(properties: AzurePolicyProperties, issues: PolicyIssue[]) {
  const schedule = properties.schedulePolicy;
  if (schedule.schedulePolicyType !== "SimpleSchedulePolicy") return;
  const value = schedule.scheduleWeeklyFrequency;
  if (value === null || value === undefined) return;
  const path = "schedulePolicy.scheduleWeeklyFrequency";
  if (schedule.scheduleRunFrequency === "Weekly") {
    if (value < 0 || value > MAX_WEEKLY_FREQUENCY)
      issues.push({ path, message: "Back up every 1 to 4 weeks (0 or 1 means every week)." });
  } else if (value !== 0 && value !== 1) {
    issues.push({
      path,
      message: `Only weekly schedules run every few weeks; a ${schedule.scheduleRunFrequency.toLowerCase()} schedule takes 0 or none.`,
    });
  }
}

function validateSchedule(properties: AzurePolicyProperties, schedule: Schedule, issues: PolicyIssue[]) {
  const paths = schedulePaths(properties);
  const isVm = properties.backupManagementType === "AzureIaasVM";
  const isV2 = properties.schedulePolicy.schedulePolicyType === "SimpleSchedulePolicyV2";
  if (isVm && (properties.policyType === "V2") !== isV2) {
    issues.push({
      path: "policyType",
      message: "Enhanced (V2) policies use SimpleSchedulePolicyV2; standard (V1) policies use SimpleSchedulePolicy.",
    });
  }
  if (schedule.frequency === "Hourly") {
    if (!isVm || !isV2) {
      issues.push({
        path: "schedulePolicy.scheduleRunFrequency",
        message: "Only enhanced Azure VM policies back up hourly.",
      });
      return;
    }
    if (!HOURLY_INTERVALS.includes(schedule.intervalHours)) {
      issues.push({ path: "schedulePolicy.hourlySchedule.interval", message: "Back up every 4, 6, 8 or 12 hours." });
    }
    if (
      schedule.windowStart.minute % 30 !== 0 ||
      schedule.windowStart.hour * 60 + schedule.windowStart.minute > 19 * 60 + 30
    ) {
      issues.push({
        path: "schedulePolicy.hourlySchedule.scheduleWindowStartTime",
        message: "The window starts on the hour or half hour, from 12:00 AM to 7:30 PM.",
      });
    }
    if (schedule.windowHours < 4 || schedule.windowHours > 24) {
      issues.push({
        path: "schedulePolicy.hourlySchedule.scheduleWindowDuration",
        message: "The window lasts 4 to 24 hours.",
      });
    }
    return;
  }
  validateWeeklyFrequency(properties, issues);
  if (schedule.frequency === "Weekly" && schedule.days.length === 0) {
    issues.push({ path: paths.days, message: "Choose at least one day of the week." });
  }
  if (schedule.times.length === 0) {
    issues.push({ path: paths.times, message: "Choose a backup time." });
  } else if (isVm && schedule.times.length !== 1) {
    issues.push({ path: paths.times, message: "Azure VM policies back up at exactly one time of day." });
  } else if (!isVm && schedule.times.length > MAX_AGENT_TIMES_PER_DAY) {
    issues.push({ path: paths.times, message: "The Backup Agent backs up at most 3 times a day." });
  }
  if (new Set(schedule.times.map((time) => time.hour * 60 + time.minute)).size !== schedule.times.length) {
    issues.push({ path: paths.times, message: "Each backup time appears once." });
  }
  if (isVm && schedule.times.some((time) => time.minute % 30 !== 0)) {
    issues.push({ path: paths.times, message: "Azure VM backups start on the hour or half hour." });
  }
}

function validateInstantRestore(properties: AzurePolicyProperties, schedule: Schedule, issues: PolicyIssue[]) {
  const days = properties.instantRpRetentionRangeInDays;
  if (properties.backupManagementType !== "AzureIaasVM" || days === null || days === undefined) return;
  const isV2 = properties.schedulePolicy.schedulePolicyType === "SimpleSchedulePolicyV2";
  const path = "instantRpRetentionRangeInDays";
  if (isV2 && (days < 1 || days > 30))
    issues.push({ path, message: "Enhanced policies keep instant-restore snapshots 1 to 30 days." });
  if (!isV2 && schedule.frequency === "Weekly" && days !== 5)
    issues.push({ path, message: "Weekly standard policies keep instant-restore snapshots 5 days." });
  else if (!isV2 && (days < 1 || days > 5))
    issues.push({ path, message: "Standard policies keep instant-restore snapshots 1 to 5 days." });
}

function validateRetention(properties: AzurePolicyProperties, schedule: Schedule, issues: PolicyIssue[]) {
  const rules = retentionRulesOf(properties.retentionPolicy);
  if (rules.length === 0)
    issues.push({ path: "retentionPolicy", message: "Keep backups with at least one retention rule." });
  for (const rule of rules) {
    const path = RULE_PATHS[rule.name];
    const limits = RETENTION_LIMITS[rule.name];
    if (rule.duration.durationType !== limits.unit) {
      issues.push({
        path: `${path}.retentionDuration.durationType`,
        message: `${rule.name} retention is counted in ${limits.unit.toLowerCase()}.`,
      });
    }
    if (rule.duration.count < 1 || rule.duration.count > limits.max) {
      issues.push({
        path: `${path}.retentionDuration.count`,
        message: `Keep ${rule.name.toLowerCase()} backups 1 to ${limits.max.toLocaleString("en-US")} ${limits.unit.toLowerCase()}.`,
      });
    }
    if (rule.name === "Daily" && schedule.frequency === "Weekly") {
      issues.push({ path, message: "A weekly schedule has no daily retention; use weekly retention." });
    }
    if (rule.name === "Weekly") {
      if ((rule.daysOfTheWeek ?? []).length === 0)
        issues.push({ path: `${path}.daysOfTheWeek`, message: "Choose the days of the week to keep." });
      if (schedule.frequency === "Weekly" && rule.daysOfTheWeek?.some((day) => !schedule.days.includes(day))) {
        issues.push({ path: `${path}.daysOfTheWeek`, message: "Keep only days the schedule backs up on." });
      }
    }
    if (rule.name === "Yearly" && (rule.monthsOfYear ?? []).length === 0) {
      issues.push({ path: `${path}.monthsOfYear`, message: "Choose the months of the year to keep." });
    }
    const selector = rule.dayOfMonth;
    if (!selector) continue;
    if (selector.format === "Daily") {
      if (schedule.frequency === "Weekly") {
        issues.push({
          path: `${path}.retentionScheduleFormatType`,
          message: "Days of the month need a daily schedule; with a weekly one, choose weeks of the month.",
        });
      }
      if (selector.days.length === 0)
        issues.push({
          path: `${path}.retentionScheduleDaily.daysOfTheMonth`,
          message: "Choose the days of the month to keep.",
        });
      if (selector.days.some((day) => !day.isLast && (day.date < 1 || day.date > 31))) {
        issues.push({
          path: `${path}.retentionScheduleDaily.daysOfTheMonth`,
          message: "Days of the month are 1 to 31, or Last.",
        });
      }
    } else {
      if (selector.daysOfTheWeek.length === 0)
        issues.push({
          path: `${path}.retentionScheduleWeekly.daysOfTheWeek`,
          message: "Choose the days of the week to keep.",
        });
      if (selector.weeksOfTheMonth.length === 0)
        issues.push({
          path: `${path}.retentionScheduleWeekly.weeksOfTheMonth`,
          message: "Choose the weeks of the month to keep.",
        });
      if (schedule.frequency === "Weekly" && selector.daysOfTheWeek.some((day) => !schedule.days.includes(day))) {
        issues.push({
          path: `${path}.retentionScheduleWeekly.daysOfTheWeek`,
          message: "Keep only days the schedule backs up on.",
        });
      }
    }
  }
}

/** Every rule the policy breaks; empty when Azure would accept it. */
export function validatePolicy(properties: AzurePolicyProperties): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  let schedule: Schedule;
  try {
    schedule = scheduleOf(properties.schedulePolicy);
  } catch {
    return [
      {
        path: "schedulePolicy.hourlySchedule",
        message: "An hourly schedule needs its interval, window start and duration.",
      },
    ];
  }
  validateSchedule(properties, schedule, issues);
  validateInstantRestore(properties, schedule, issues);
  validateRetention(properties, schedule, issues);
  return issues;
}

/**
 * A policy with each of its possible week alignments: an every-N-weeks schedule holds a few more
 * points when the weeks that run fall at the ends of the retention window, so the count takes the
 * worst of the N (the anchor moved by 0 to N − 1 weeks); any other schedule is itself alone.
 */
function phasesOf(policy: PolicyRules): PolicyRules[] {
  const schedule = policy.schedule;
  if (schedule.frequency !== "Weekly" || !schedule.recurrence || schedule.recurrence.everyWeeks < 2) return [policy];
  const { everyWeeks, anchorMonday } = schedule.recurrence;
  return Array.from({ length: Math.min(everyWeeks, MAX_WEEKLY_FREQUENCY) }, (_, shift) => {
    const monday = new Date(Date.UTC(anchorMonday.year, anchorMonday.month - 1, anchorMonday.day + 7 * shift));
    const shifted = { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
    return { ...policy, schedule: { ...schedule, recurrence: { everyWeeks, anchorMonday: shifted } } };
  });
}

/**
 * Azure's limit of recovery points per item, checked by simulating the policy over its longest
 * retention (up to a second for century-long policies, so the server does it on save, not the forms on each edit).
 */
export function recoveryPointCapacityIssue(properties: AzurePolicyProperties): PolicyIssue | null {
  const points = Math.max(...phasesOf(policyRulesOf(properties, "UTC")).map(steadyStateRecoveryPoints));
  if (points <= MAX_RECOVERY_POINTS_PER_ITEM) return null;
  return {
    path: "retentionPolicy",
    message: `This policy would keep up to ${points.toLocaleString("en-US")} recovery points per item; Azure allows ${MAX_RECOVERY_POINTS_PER_ITEM.toLocaleString("en-US")}. Shorten a retention range.`,
  };
}
