// Azure REST shapes of a backup policy (Microsoft.RecoveryServices backupPolicies, ProtectionPolicy
// resource): AzureIaasVM with SimpleSchedulePolicy (V1) or SimpleSchedulePolicyV2 (V2), and MAB with
// SimpleSchedulePolicy, both with LongTermRetentionPolicy. The objects are loose and accept Azure's
// nulls, so a policy imported from Azure is stored and exported unchanged. Semantic rules (ranges,
// combinations) live in lib/domain/policy/validate.ts.
import { z } from "zod";

export const DAYS_OF_WEEK = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const WEEKS_OF_MONTH = ["First", "Second", "Third", "Fourth", "Last"] as const;
export const MONTHS_OF_YEAR = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const dayOfWeekSchema = z.enum(DAYS_OF_WEEK);
export type DayOfWeek = z.infer<typeof dayOfWeekSchema>;
export type WeekOfMonth = (typeof WEEKS_OF_MONTH)[number];
export type MonthOfYear = (typeof MONTHS_OF_YEAR)[number];

/** Azure sends times of day as DateTimes ("2018-01-24T10:00:00Z"); only the time of day counts. */
export const azureTimeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/,
    "Use a DateTime such as 2024-01-01T22:30:00Z; only its time of day counts.",
  );

const times = z.array(azureTimeSchema).nullish();
const days = z.array(dayOfWeekSchema).nullish();

export const hourlyScheduleSchema = z.looseObject({
  interval: z.number().int(),
  scheduleWindowStartTime: azureTimeSchema,
  scheduleWindowDuration: z.number().int(),
});

export const simpleSchedulePolicySchema = z.looseObject({
  schedulePolicyType: z.literal("SimpleSchedulePolicy"),
  scheduleRunFrequency: z.enum(["Daily", "Weekly", "Hourly"]),
  scheduleRunTimes: times,
  scheduleRunDays: days,
  /** Weekly schedules: run every N weeks (0, 1 or absent: every week); the range is checked in validate.ts. */
  scheduleWeeklyFrequency: z
    .number({ error: "Use a whole number of weeks, 0 to 4." })
    .int({ error: "Use a whole number of weeks, 0 to 4." })
    .nullish(),
  hourlySchedule: hourlyScheduleSchema.nullish(),
});
export type SimpleSchedulePolicy = z.infer<typeof simpleSchedulePolicySchema>;

export const simpleSchedulePolicyV2Schema = z.looseObject({
  schedulePolicyType: z.literal("SimpleSchedulePolicyV2"),
  scheduleRunFrequency: z.enum(["Daily", "Weekly", "Hourly"]),
  hourlySchedule: hourlyScheduleSchema.nullish(),
  dailySchedule: z.looseObject({ scheduleRunTimes: times }).nullish(),
  weeklySchedule: z.looseObject({ scheduleRunDays: days, scheduleRunTimes: times }).nullish(),
});
export type SimpleSchedulePolicyV2 = z.infer<typeof simpleSchedulePolicyV2Schema>;

export const schedulePolicySchema = z.discriminatedUnion("schedulePolicyType", [
  simpleSchedulePolicySchema,
  simpleSchedulePolicyV2Schema,
]);
export type SchedulePolicy = z.infer<typeof schedulePolicySchema>;

const retentionDurationSchema = z.looseObject({
  count: z.number().int(),
  durationType: z.enum(["Days", "Weeks", "Months", "Years"]),
});
export type RetentionDuration = z.infer<typeof retentionDurationSchema>;

const retentionScheduleWeeklySchema = z.looseObject({
  daysOfTheWeek: z.array(dayOfWeekSchema),
  weeksOfTheMonth: z.array(z.enum(WEEKS_OF_MONTH)),
});

const retentionScheduleDailySchema = z.looseObject({
  daysOfTheMonth: z.array(z.looseObject({ date: z.number().int().nullish(), isLast: z.boolean().nullish() })),
});

const monthlyFields = {
  retentionScheduleFormatType: z.enum(["Daily", "Weekly"]),
  retentionScheduleDaily: retentionScheduleDailySchema.nullish(),
  retentionScheduleWeekly: retentionScheduleWeeklySchema.nullish(),
  retentionTimes: times,
  retentionDuration: retentionDurationSchema,
};

export const longTermRetentionPolicySchema = z.looseObject({
  retentionPolicyType: z.literal("LongTermRetentionPolicy"),
  dailySchedule: z.looseObject({ retentionTimes: times, retentionDuration: retentionDurationSchema }).nullish(),
  weeklySchedule: z
    .looseObject({
      daysOfTheWeek: z.array(dayOfWeekSchema),
      retentionTimes: times,
      retentionDuration: retentionDurationSchema,
    })
    .nullish(),
  monthlySchedule: z.looseObject(monthlyFields).nullish(),
  yearlySchedule: z.looseObject({ ...monthlyFields, monthsOfYear: z.array(z.enum(MONTHS_OF_YEAR)) }).nullish(),
});
export type LongTermRetentionPolicy = z.infer<typeof longTermRetentionPolicySchema>;

/** The `properties` of an Azure ProtectionPolicy resource, for the workloads this portal protects. */
export const azurePolicyPropertiesSchema = z.looseObject({
  backupManagementType: z.enum(["AzureIaasVM", "MAB"], {
    error: "Only AzureIaasVM and MAB (Backup Agent) policies are supported.",
  }),
  timeZone: z.string().nullish(),
  policyType: z.enum(["V1", "V2"]).nullish(),
  instantRpRetentionRangeInDays: z.number().int().nullish(),
  schedulePolicy: schedulePolicySchema,
  retentionPolicy: longTermRetentionPolicySchema,
});
export type AzurePolicyProperties = z.infer<typeof azurePolicyPropertiesSchema>;
