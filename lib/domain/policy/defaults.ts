// The policies Azure creates or proposes by itself, as Azure REST `properties`.
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import type { ImportedPolicy } from "./azure-json";

export const DEFAULT_POLICY_NAME = "DefaultPolicy";

/** DefaultPolicy, created with every vault: daily, kept 30 days, snapshots 2 days (backup-azure-arm-vms-prepare.md). */
export function defaultVmPolicy(runTime = "2024-01-01T22:30:00Z"): ImportedPolicy {
  const properties: AzurePolicyProperties = {
    backupManagementType: "AzureIaasVM",
    policyType: "V1",
    timeZone: "UTC",
    instantRpRetentionRangeInDays: 2,
    schedulePolicy: {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Daily",
      scheduleRunTimes: [runTime],
      scheduleWeeklyFrequency: 0,
    },
    retentionPolicy: {
      retentionPolicyType: "LongTermRetentionPolicy",
      dailySchedule: { retentionTimes: [runTime], retentionDuration: { count: 30, durationType: "Days" } },
    },
  };
  return { properties, timeZone: "UTC", windowsTimeZone: "UTC" };
}
