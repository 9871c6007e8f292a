// A backup policy as the domain computes with it: the schedule and retention rules read out of
// Azure's REST shapes once, with times of day parsed and Azure's nulls gone.
import type {
  AzurePolicyProperties,
  DayOfWeek,
  LongTermRetentionPolicy,
  MonthOfYear,
  RetentionDuration,
  SchedulePolicy,
  WeekOfMonth,
} from "@/lib/schemas/policy";

export type TimeOfDay = { hour: number; minute: number };

/** A calendar date in the policy's zone (month 1–12). */
export type CalendarDate = { year: number; month: number; day: number };

/**
 * A weekly schedule that runs every N weeks (Azure's scheduleWeeklyFrequency 2–4, V1 only): weeks
 * go Monday to Sunday in the policy's zone, and a week runs when the number of whole weeks between
 * its Monday and `anchorMonday` (the Monday of the week holding the date part of
 * scheduleRunTimes[0]) is a multiple of N, before the anchor week as after it.
 */
export type WeekRecurrence = { everyWeeks: number; anchorMonday: CalendarDate };

export type Schedule =
  | { frequency: "Daily"; times: TimeOfDay[] }
  | {
      frequency: "Weekly";
      days: DayOfWeek[];
      times: TimeOfDay[];
      /** Absent: every week. */ recurrence?: WeekRecurrence;
    }
  | { frequency: "Hourly"; intervalHours: number; windowStart: TimeOfDay; windowHours: number };

export const RULE_NAMES = ["Daily", "Weekly", "Monthly", "Yearly"] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export type DayOfMonthSelector =
  | { format: "Daily"; days: Array<{ date: number; isLast: boolean }> }
  | { format: "Weekly"; daysOfTheWeek: DayOfWeek[]; weeksOfTheMonth: WeekOfMonth[] };

export type RetentionRule = {
  name: RuleName;
  /** The rule's retention times; empty means every scheduled backup of a matching day. */
  times: TimeOfDay[];
  duration: RetentionDuration;
  /** Weekly rules: the weekdays they keep. */
  daysOfTheWeek?: DayOfWeek[];
  /** Monthly and yearly rules: which days of the month they keep. */
  dayOfMonth?: DayOfMonthSelector;
  /** Yearly rules: the months they keep. */
  monthsOfYear?: MonthOfYear[];
};

export type Workload = "AzureIaasVM" | "MAB";

export type PolicyRules = {
  workload: Workload;
  /** IANA zone in which every time of day is wall-clock time. */
  timeZone: string;
  schedule: Schedule;
  rules: RetentionRule[];
  /** Days an Azure VM backup's snapshot is kept (instant restore); null for the Backup Agent. */
  instantRestoreDays: number | null;
};

/** "2018-01-24T10:00:00Z" → { hour: 10, minute: 0 }. */
export function timeOfDay(azureDateTime: string): TimeOfDay {
  const match = /T(\d{2}):(\d{2})/.exec(azureDateTime);
  if (!match) throw new Error(`Not an Azure DateTime: ${azureDateTime}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** { hour: 10, minute: 0 } → "2024-01-01T10:00:00Z", the form Azure's examples use. */
export function azureTimeOf(time: TimeOfDay): string {
  return `2024-01-01T${formatTimeOfDay(time)}:00Z`;
}

export function formatTimeOfDay(time: TimeOfDay): string {
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}

export function compareTimes(a: TimeOfDay, b: TimeOfDay): number {
  return a.hour - b.hour || a.minute - b.minute;
}

const parseTimes = (values: string[] | null | undefined) => (values ?? []).map(timeOfDay).sort(compareTimes);

/** "2018-01-24T10:00:00Z" → 2018-01-24: the date part as written, like the time of day. */
export function dateOfAzureTime(azureDateTime: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(azureDateTime);
  if (!match) throw new Error(`Not an Azure DateTime: ${azureDateTime}`);
  // Date.UTC normalises an impossible date (2024-02-30) the way the rest of the domain would.
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The Monday of the (Monday to Sunday) week holding a date. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
  utc.setUTCDate(utc.getUTCDate() - ((utc.getUTCDay() + 6) % 7));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** Weeks between runs of a V1 weekly schedule: scheduleWeeklyFrequency, where 0, 1 and absent mean every week. */
export function weeklyRecurrenceOf(
  runTimes: string[] | null | undefined,
  scheduleWeeklyFrequency: number | null | undefined,
): WeekRecurrence | undefined {
  const everyWeeks = scheduleWeeklyFrequency ?? 0;
  const first = runTimes?.[0];
  if (everyWeeks < 2 || !first) return undefined;
  return { everyWeeks, anchorMonday: mondayOf(dateOfAzureTime(first)) };
}

export function scheduleOf(schedule: SchedulePolicy): Schedule {
  const hourly = schedule.hourlySchedule;
  if (schedule.scheduleRunFrequency === "Hourly") {
    if (!hourly) throw new Error("An hourly schedule needs hourlySchedule.");
    return {
      frequency: "Hourly",
      intervalHours: hourly.interval,
      windowStart: timeOfDay(hourly.scheduleWindowStartTime),
      windowHours: hourly.scheduleWindowDuration,
    };
  }
  if (schedule.schedulePolicyType === "SimpleSchedulePolicyV2") {
    // Azure's V2 weekly schedule (scheduleRunDays, scheduleRunTimes) has no weekly frequency: every week.
    if (schedule.scheduleRunFrequency === "Weekly") {
      return {
        frequency: "Weekly",
        days: schedule.weeklySchedule?.scheduleRunDays ?? [],
        times: parseTimes(schedule.weeklySchedule?.scheduleRunTimes),
      };
    }
    return { frequency: "Daily", times: parseTimes(schedule.dailySchedule?.scheduleRunTimes) };
  }
  if (schedule.scheduleRunFrequency === "Weekly") {
    const recurrence = weeklyRecurrenceOf(schedule.scheduleRunTimes, schedule.scheduleWeeklyFrequency);
    return {
      frequency: "Weekly",
      days: schedule.scheduleRunDays ?? [],
      times: parseTimes(schedule.scheduleRunTimes),
      ...(recurrence ? { recurrence } : {}),
    };
  }
  return { frequency: "Daily", times: parseTimes(schedule.scheduleRunTimes) };
}

type MonthlyShape = NonNullable<LongTermRetentionPolicy["monthlySchedule"]>;

function dayOfMonthOf(shape: MonthlyShape): DayOfMonthSelector {
  if (shape.retentionScheduleFormatType === "Daily") {
    return {
      format: "Daily",
      days: (shape.retentionScheduleDaily?.daysOfTheMonth ?? []).map((day) => ({
        date: day.date ?? 0,
        isLast: day.isLast ?? false,
      })),
    };
  }
  return {
    format: "Weekly",
    daysOfTheWeek: shape.retentionScheduleWeekly?.daysOfTheWeek ?? [],
    weeksOfTheMonth: shape.retentionScheduleWeekly?.weeksOfTheMonth ?? [],
  };
}

export function retentionRulesOf(retention: LongTermRetentionPolicy): RetentionRule[] {
  const rules: RetentionRule[] = [];
  const { dailySchedule, weeklySchedule, monthlySchedule, yearlySchedule } = retention;
  if (dailySchedule)
    rules.push({
      name: "Daily",
      times: parseTimes(dailySchedule.retentionTimes),
      duration: dailySchedule.retentionDuration,
    });
  if (weeklySchedule) {
    rules.push({
      name: "Weekly",
      times: parseTimes(weeklySchedule.retentionTimes),
      duration: weeklySchedule.retentionDuration,
      daysOfTheWeek: weeklySchedule.daysOfTheWeek,
    });
  }
  if (monthlySchedule) {
    rules.push({
      name: "Monthly",
      times: parseTimes(monthlySchedule.retentionTimes),
      duration: monthlySchedule.retentionDuration,
      dayOfMonth: dayOfMonthOf(monthlySchedule),
    });
  }
  if (yearlySchedule) {
    rules.push({
      name: "Yearly",
      times: parseTimes(yearlySchedule.retentionTimes),
      duration: yearlySchedule.retentionDuration,
      dayOfMonth: dayOfMonthOf(yearlySchedule),
      monthsOfYear: yearlySchedule.monthsOfYear,
    });
  }
  return rules;
}

/** Azure VM standard (V1) weekly policies keep snapshots 5 days whatever the setting. */
export const WEEKLY_V1_INSTANT_RESTORE_DAYS = 5;

export function instantRestoreDaysOf(
  properties: Pick<
    AzurePolicyProperties,
    "backupManagementType" | "policyType" | "instantRpRetentionRangeInDays" | "schedulePolicy"
  >,
): number | null {
  if (properties.backupManagementType !== "AzureIaasVM") return null;
  const v2 =
    properties.policyType === "V2" || properties.schedulePolicy.schedulePolicyType === "SimpleSchedulePolicyV2";
  if (!v2 && properties.schedulePolicy.scheduleRunFrequency === "Weekly") return WEEKLY_V1_INSTANT_RESTORE_DAYS;
  return properties.instantRpRetentionRangeInDays ?? (v2 ? 7 : 2);
}

/** The domain's view of a policy stored in Azure's shapes, computing in the IANA zone `timeZone`. */
export function policyRulesOf(
  properties: Pick<
    AzurePolicyProperties,
    "backupManagementType" | "policyType" | "instantRpRetentionRangeInDays" | "schedulePolicy" | "retentionPolicy"
  >,
  timeZone: string,
): PolicyRules {
  return {
    workload: properties.backupManagementType,
    timeZone,
    schedule: scheduleOf(properties.schedulePolicy),
    rules: retentionRulesOf(properties.retentionPolicy),
    instantRestoreDays: instantRestoreDaysOf(properties),
  };
}

/**
 * The rules of a policy as stored (a BackupPolicy row): its `properties` column holds Azure's
 * properties as validated when the policy was saved, and `timeZone` its IANA zone.
 */
export function rulesOfStoredPolicy(policy: { properties: unknown; timeZone: string }): PolicyRules {
  return policyRulesOf(policy.properties as AzurePolicyProperties, policy.timeZone);
}
