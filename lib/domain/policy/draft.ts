// The policy forms' state, and its conversion to and from Azure's `properties`. The forms edit a
// draft; the server validates the properties it becomes (validate.ts) and answers by Azure path.
import type {
  AzurePolicyProperties,
  DayOfWeek,
  LongTermRetentionPolicy,
  MonthOfYear,
  WeekOfMonth,
} from "@/lib/schemas/policy";
import {
  azureTimeOf,
  type CalendarDate,
  dateOfAzureTime,
  formatTimeOfDay,
  mondayOf,
  retentionRulesOf,
  scheduleOf,
  timeOfDay,
} from "./rules";

export type DayOfMonthDraft = {
  format: "Daily" | "Weekly";
  dates: number[];
  last: boolean;
  weeks: WeekOfMonth[];
  weekdays: DayOfWeek[];
};

export type PolicyDraft = {
  workload: "MAB" | "AzureIaasVM";
  /** Azure VMs: standard (V1) or enhanced (V2). */
  vmPolicyType: "V1" | "V2";
  /** The Windows zone id Azure's JSON carries. */
  windowsTimeZone: string;
  frequency: "Daily" | "Weekly" | "Hourly";
  /** "HH:mm" wall-clock times. */
  times: string[];
  days: DayOfWeek[];
  /** Weekly standard (V1) and Backup Agent schedules: back up every 1 to 4 weeks (scheduleWeeklyFrequency). */
  weeklyFrequency: number;
  /**
   * "YYYY-MM-DD", the date part of the run times Azure's JSON carries: its week is the one an
   * every-N-weeks schedule counts from. A new policy takes the current week's Monday (so the first
   * week runs this week); a stored one keeps its own, so the alternation doesn't shift on edit.
   */
  runDate: string;
  hourly: { intervalHours: number; windowStart: string; windowHours: number };
  instantRestoreDays: number;
  daily: { enabled: boolean; count: number };
  weekly: { enabled: boolean; days: DayOfWeek[]; count: number };
  monthly: { enabled: boolean; count: number } & DayOfMonthDraft;
  yearly: { enabled: boolean; count: number; months: MonthOfYear[] } & DayOfMonthDraft;
};

const lastSaturday: DayOfMonthDraft = {
  format: "Weekly",
  dates: [1],
  last: false,
  weeks: ["Last"],
  weekdays: ["Saturday"],
};
const firstSunday: DayOfMonthDraft = {
  format: "Weekly",
  dates: [1],
  last: false,
  weeks: ["First"],
  weekdays: ["Sunday"],
};

/** The date run times carry when nothing else says: the date of Azure's examples. */
export const DEFAULT_RUN_DATE = "2024-01-01";

const validRunDate = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : DEFAULT_RUN_DATE);
const isoDate = (date: CalendarDate) =>
  `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;

/** The Monday of the week holding `today` ("YYYY-MM-DD"), as "YYYY-MM-DD". */
export function mondayOfWeek(today: string): string {
  return isoDate(mondayOf(dateOfAzureTime(today)));
}

/** The Monday of the week an every-N-weeks draft counts from. */
export function anchorWeekOfDraft(draft: Pick<PolicyDraft, "runDate">): CalendarDate {
  return mondayOf(dateOfAzureTime(validRunDate(draft.runDate)));
}

/**
 * Azure's defaults for a new policy of each kind. `today` ("YYYY-MM-DD") dates the run times with
 * the current week's Monday, the week an every-N-weeks schedule first runs.
 */
export function newPolicyDraft(
  workload: PolicyDraft["workload"],
  vmPolicyType: PolicyDraft["vmPolicyType"] = "V1",
  today?: string,
): PolicyDraft {
  return {
    ...defaultsOf(workload, vmPolicyType),
    weeklyFrequency: 1,
    runDate: today ? mondayOfWeek(today) : DEFAULT_RUN_DATE,
  };
}

function defaultsOf(
  workload: PolicyDraft["workload"],
  vmPolicyType: PolicyDraft["vmPolicyType"],
): Omit<PolicyDraft, "weeklyFrequency" | "runDate"> {
  if (workload === "MAB") {
    // The seed page's example: midnight and 6 PM; 7 days; Saturdays 4 weeks; last Saturday 12 months; last Saturday of March 10 years.
    return {
      workload,
      vmPolicyType: "V1",
      windowsTimeZone: "UTC",
      frequency: "Daily",
      times: ["00:00", "18:00"],
      days: ["Saturday"],
      hourly: { intervalHours: 4, windowStart: "08:00", windowHours: 24 },
      instantRestoreDays: 2,
      daily: { enabled: true, count: 7 },
      weekly: { enabled: true, days: ["Saturday"], count: 4 },
      monthly: { enabled: true, count: 12, ...lastSaturday },
      yearly: { enabled: true, count: 10, months: ["March"], ...lastSaturday },
    };
  }
  if (vmPolicyType === "V2") {
    // Enhanced defaults: every 4 h from 08:00 for 24 h; daily 180 days, weekly 12 weeks, monthly 60 months, yearly 10 years.
    return {
      workload,
      vmPolicyType,
      windowsTimeZone: "UTC",
      frequency: "Hourly",
      times: ["08:00"],
      days: ["Sunday"],
      hourly: { intervalHours: 4, windowStart: "08:00", windowHours: 24 },
      instantRestoreDays: 7,
      daily: { enabled: true, count: 180 },
      weekly: { enabled: true, days: ["Sunday"], count: 12 },
      monthly: { enabled: true, count: 60, ...firstSunday },
      yearly: { enabled: true, count: 10, months: ["January"], ...firstSunday },
    };
  }
  // DefaultPolicy: daily, 30 days, snapshots 2 days.
  return {
    workload,
    vmPolicyType,
    windowsTimeZone: "UTC",
    frequency: "Daily",
    times: ["22:30"],
    days: ["Sunday"],
    hourly: { intervalHours: 4, windowStart: "08:00", windowHours: 24 },
    instantRestoreDays: 2,
    daily: { enabled: true, count: 30 },
    weekly: { enabled: false, days: ["Sunday"], count: 12 },
    monthly: { enabled: false, count: 60, ...firstSunday },
    yearly: { enabled: false, count: 10, months: ["January"], ...firstSunday },
  };
}

function dayOfMonthProperties(draft: DayOfMonthDraft) {
  if (draft.format === "Daily") {
    const days = [
      ...draft.dates.map((date) => ({ date, isLast: false })),
      ...(draft.last ? [{ date: 0, isLast: true }] : []),
    ];
    return { retentionScheduleFormatType: "Daily" as const, retentionScheduleDaily: { daysOfTheMonth: days } };
  }
  return {
    retentionScheduleFormatType: "Weekly" as const,
    retentionScheduleWeekly: { daysOfTheWeek: draft.weekdays, weeksOfTheMonth: draft.weeks },
  };
}

/** The Azure `properties` a draft stands for. Retention times follow the schedule's times. */
export function draftToProperties(draft: PolicyDraft): AzurePolicyProperties {
  const hourly = draft.frequency === "Hourly";
  const runDate = validRunDate(draft.runDate);
  const times = draft.times.map((time) => `${runDate}T${formatTimeOfDay(timeOfDay(`T${time}`))}:00Z`);
  // Azure's V1 field; its V2 weekly schedule has none. 1 (every week) is left out, as Azure's examples do.
  const weeklyFrequency =
    draft.frequency === "Weekly" && draft.weeklyFrequency >= 2
      ? { scheduleWeeklyFrequency: draft.weeklyFrequency }
      : {};
  const retentionTimes = hourly ? undefined : times;
  const retentionPolicy: LongTermRetentionPolicy = { retentionPolicyType: "LongTermRetentionPolicy" };
  // A weekly schedule has no daily retention, so the form hides (and drops) it.
  if (draft.daily.enabled && draft.frequency !== "Weekly")
    retentionPolicy.dailySchedule = {
      retentionTimes,
      retentionDuration: { count: draft.daily.count, durationType: "Days" },
    };
  if (draft.weekly.enabled) {
    retentionPolicy.weeklySchedule = {
      daysOfTheWeek: draft.weekly.days,
      retentionTimes,
      retentionDuration: { count: draft.weekly.count, durationType: "Weeks" },
    };
  }
  if (draft.monthly.enabled) {
    retentionPolicy.monthlySchedule = {
      ...dayOfMonthProperties(draft.monthly),
      retentionTimes,
      retentionDuration: { count: draft.monthly.count, durationType: "Months" },
    };
  }
  if (draft.yearly.enabled) {
    retentionPolicy.yearlySchedule = {
      ...dayOfMonthProperties(draft.yearly),
      monthsOfYear: draft.yearly.months,
      retentionTimes,
      retentionDuration: { count: draft.yearly.count, durationType: "Years" },
    };
  }
  const hourlySchedule = {
    interval: draft.hourly.intervalHours,
    scheduleWindowStartTime: azureTimeOf(timeOfDay(`T${draft.hourly.windowStart}`)),
    scheduleWindowDuration: draft.hourly.windowHours,
  };
  if (draft.workload === "MAB") {
    return {
      backupManagementType: "MAB",
      timeZone: draft.windowsTimeZone,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: draft.frequency,
        scheduleRunTimes: times,
        ...(draft.frequency === "Weekly" ? { scheduleRunDays: draft.days } : {}),
        ...weeklyFrequency,
        ...(hourly ? { hourlySchedule } : {}),
      },
      retentionPolicy,
    };
  }
  if (draft.vmPolicyType === "V2") {
    const schedule = hourly
      ? { hourlySchedule }
      : draft.frequency === "Weekly"
        ? { weeklySchedule: { scheduleRunDays: draft.days, scheduleRunTimes: times } }
        : { dailySchedule: { scheduleRunTimes: times } };
    return {
      backupManagementType: "AzureIaasVM",
      policyType: "V2",
      timeZone: draft.windowsTimeZone,
      instantRpRetentionRangeInDays: draft.instantRestoreDays,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicyV2",
        scheduleRunFrequency: draft.frequency,
        ...schedule,
      },
      retentionPolicy,
    };
  }
  return {
    backupManagementType: "AzureIaasVM",
    policyType: "V1",
    timeZone: draft.windowsTimeZone,
    instantRpRetentionRangeInDays: draft.frequency === "Weekly" ? 5 : draft.instantRestoreDays,
    schedulePolicy: {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: draft.frequency,
      scheduleRunTimes: times,
      ...(draft.frequency === "Weekly" ? { scheduleRunDays: draft.days } : {}),
      ...weeklyFrequency,
      ...(hourly ? { hourlySchedule } : {}),
    },
    retentionPolicy,
  };
}

/** The draft of a stored policy, for the modify form. */
export function propertiesToDraft(properties: AzurePolicyProperties, windowsTimeZone: string): PolicyDraft {
  const workload = properties.backupManagementType;
  const vmPolicyType = properties.policyType === "V2" ? "V2" : "V1";
  const draft = newPolicyDraft(workload, vmPolicyType);
  draft.windowsTimeZone = windowsTimeZone;
  const schedule = scheduleOf(properties.schedulePolicy);
  draft.frequency = schedule.frequency;
  const policy = properties.schedulePolicy;
  const [firstRunTime] =
    (policy.schedulePolicyType === "SimpleSchedulePolicyV2"
      ? (policy.scheduleRunFrequency === "Weekly" ? policy.weeklySchedule : policy.dailySchedule)?.scheduleRunTimes
      : policy.scheduleRunTimes) ?? [];
  if (firstRunTime) draft.runDate = isoDate(dateOfAzureTime(firstRunTime));
  if (schedule.frequency === "Hourly") {
    draft.hourly = {
      intervalHours: schedule.intervalHours,
      windowStart: formatTimeOfDay(schedule.windowStart),
      windowHours: schedule.windowHours,
    };
  } else {
    draft.times = schedule.times.map(formatTimeOfDay);
    if (schedule.frequency === "Weekly") {
      draft.days = schedule.days;
      draft.weeklyFrequency = schedule.recurrence?.everyWeeks ?? 1;
    }
  }
  draft.instantRestoreDays = properties.instantRpRetentionRangeInDays ?? draft.instantRestoreDays;
  for (const key of ["daily", "weekly", "monthly", "yearly"] as const) draft[key].enabled = false;
  for (const rule of retentionRulesOf(properties.retentionPolicy)) {
    const count = rule.duration.count;
    if (rule.name === "Daily") draft.daily = { enabled: true, count };
    if (rule.name === "Weekly") draft.weekly = { enabled: true, count, days: rule.daysOfTheWeek ?? [] };
    if (rule.name === "Monthly" || rule.name === "Yearly") {
      const selector = rule.dayOfMonth!;
      const dayOfMonth: DayOfMonthDraft =
        selector.format === "Daily"
          ? {
              format: "Daily",
              dates: selector.days.filter((day) => !day.isLast).map((day) => day.date),
              last: selector.days.some((day) => day.isLast),
              weeks: ["First"],
              weekdays: ["Sunday"],
            }
          : {
              format: "Weekly",
              dates: [1],
              last: false,
              weeks: selector.weeksOfTheMonth,
              weekdays: selector.daysOfTheWeek,
            };
      if (rule.name === "Monthly") draft.monthly = { enabled: true, count, ...dayOfMonth };
      else draft.yearly = { enabled: true, count, months: rule.monthsOfYear ?? [], ...dayOfMonth };
    }
  }
  return draft;
}
