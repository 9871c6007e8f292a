// Policies of the demo estate, in Azure's REST shapes.
import type { ImportedPolicy } from "@/lib/domain/policy/azure-json";

const at = (time: string) => `2024-01-01T${time}:00Z`;

/** The Backup Agent policy of the seed page: midnight and 6 PM kept 7 days, Saturdays 4 weeks,
 * the last Saturday of the month 12 months, the last Saturday of March 10 years. */
export function filesPolicy(timeZone: string, windowsTimeZone: string): ImportedPolicy & { name: string } {
  const times = [at("00:00"), at("18:00")];
  const lastSaturday = { daysOfTheWeek: ["Saturday" as const], weeksOfTheMonth: ["Last" as const] };
  return {
    name: "FilesDailyPolicy",
    timeZone,
    windowsTimeZone,
    properties: {
      backupManagementType: "MAB",
      timeZone: windowsTimeZone,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Daily",
        scheduleRunTimes: times,
        scheduleWeeklyFrequency: 0,
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: { retentionTimes: times, retentionDuration: { count: 7, durationType: "Days" } },
        weeklySchedule: {
          daysOfTheWeek: ["Saturday"],
          retentionTimes: times,
          retentionDuration: { count: 4, durationType: "Weeks" },
        },
        monthlySchedule: {
          retentionScheduleFormatType: "Weekly",
          retentionScheduleWeekly: lastSaturday,
          retentionTimes: times,
          retentionDuration: { count: 12, durationType: "Months" },
        },
        yearlySchedule: {
          retentionScheduleFormatType: "Weekly",
          monthsOfYear: ["March"],
          retentionScheduleWeekly: lastSaturday,
          retentionTimes: times,
          retentionDuration: { count: 10, durationType: "Years" },
        },
      },
    },
  };
}

/** A standard VM policy for database servers: daily at 01:00, 14 days; Sundays 8 weeks; the first Sunday 12 months. */
export function sqlServersPolicy(timeZone: string, windowsTimeZone: string): ImportedPolicy & { name: string } {
  const times = [at("01:00")];
  return {
    name: "SqlServersPolicy",
    timeZone,
    windowsTimeZone,
    properties: {
      backupManagementType: "AzureIaasVM",
      policyType: "V1",
      timeZone: windowsTimeZone,
      instantRpRetentionRangeInDays: 3,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Daily",
        scheduleRunTimes: times,
        scheduleWeeklyFrequency: 0,
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: { retentionTimes: times, retentionDuration: { count: 14, durationType: "Days" } },
        weeklySchedule: {
          daysOfTheWeek: ["Sunday"],
          retentionTimes: times,
          retentionDuration: { count: 8, durationType: "Weeks" },
        },
        monthlySchedule: {
          retentionScheduleFormatType: "Weekly",
          retentionScheduleWeekly: { daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["First"] },
          retentionTimes: times,
          retentionDuration: { count: 12, durationType: "Months" },
        },
      },
    },
  };
}
