// The policies Azure creates by itself: DefaultPolicy with every vault (daily, 30 days, 2-day
// instant restore: backup-azure-arm-vms-prepare.md).
import type { LongTermRetentionPolicy, SimpleSchedulePolicy } from "@/lib/schemas/policy";

export const DEFAULT_POLICY_NAME = "DefaultPolicy";

export function defaultVmPolicy(runTime = "2024-01-01T22:30:00Z") {
  const schedulePolicy: SimpleSchedulePolicy = {
    schedulePolicyType: "SimpleSchedulePolicy",
    scheduleRunFrequency: "Daily",
    scheduleRunTimes: [runTime],
    scheduleWeeklyFrequency: 0,
  };
  const retentionPolicy: LongTermRetentionPolicy = {
    retentionPolicyType: "LongTermRetentionPolicy",
    dailySchedule: { retentionTimes: [runTime], retentionDuration: { count: 30, durationType: "Days" } },
  };
  return {
    name: DEFAULT_POLICY_NAME,
    backupManagementType: "AzureIaasVM" as const,
    policyType: "V1" as const,
    timeZone: "UTC",
    windowsTimeZone: "UTC",
    instantRpRetentionRangeInDays: 2,
    schedulePolicy,
    retentionPolicy,
  };
}
