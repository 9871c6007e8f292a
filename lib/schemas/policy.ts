// Azure REST shapes of a backup policy's schedule and retention (Microsoft.RecoveryServices
// backupPolicies). Stored as JSON so a policy round-trips to Azure's API unchanged.
import { z } from "zod";

export const DAYS_OF_WEEK = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const WEEKS_OF_MONTH = ["First", "Second", "Third", "Fourth", "Last"] as const;
export const MONTHS_OF_YEAR = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export const dayOfWeekSchema = z.enum(DAYS_OF_WEEK);
export type DayOfWeek = z.infer<typeof dayOfWeekSchema>;

/** Only the time of day of these DateTimes matters; it is wall-clock time in the policy's zone. */
const runTimeSchema = z.iso.datetime({ offset: true, local: true });

export const simpleSchedulePolicySchema = z.object({
  schedulePolicyType: z.literal("SimpleSchedulePolicy"),
  scheduleRunFrequency: z.enum(["Daily", "Weekly"]),
  scheduleRunTimes: z.array(runTimeSchema).min(1).max(3),
  scheduleRunDays: z.array(dayOfWeekSchema).optional(),
  scheduleWeeklyFrequency: z.number().int().optional(),
});
export type SimpleSchedulePolicy = z.infer<typeof simpleSchedulePolicySchema>;

const retentionDurationSchema = z.object({
  count: z.number().int().min(1),
  durationType: z.enum(["Days", "Weeks", "Months", "Years"]),
});
export type RetentionDuration = z.infer<typeof retentionDurationSchema>;

const retentionScheduleWeeklySchema = z.object({
  daysOfTheWeek: z.array(dayOfWeekSchema).min(1),
  weeksOfTheMonth: z.array(z.enum(WEEKS_OF_MONTH)).min(1),
});

const retentionScheduleDailySchema = z.object({
  daysOfTheMonth: z.array(z.object({ date: z.number().int().min(0).max(28), isLast: z.boolean() })).min(1),
});

const monthlyFormatSchema = {
  retentionScheduleFormatType: z.enum(["Daily", "Weekly"]),
  retentionScheduleDaily: retentionScheduleDailySchema.optional(),
  retentionScheduleWeekly: retentionScheduleWeeklySchema.optional(),
  retentionTimes: z.array(runTimeSchema).optional(),
  retentionDuration: retentionDurationSchema,
};

export const longTermRetentionPolicySchema = z.object({
  retentionPolicyType: z.literal("LongTermRetentionPolicy"),
  dailySchedule: z.object({ retentionTimes: z.array(runTimeSchema).optional(), retentionDuration: retentionDurationSchema }).optional(),
  weeklySchedule: z
    .object({
      daysOfTheWeek: z.array(dayOfWeekSchema).min(1),
      retentionTimes: z.array(runTimeSchema).optional(),
      retentionDuration: retentionDurationSchema,
    })
    .optional(),
  monthlySchedule: z.object(monthlyFormatSchema).optional(),
  yearlySchedule: z.object({ ...monthlyFormatSchema, monthsOfYear: z.array(z.enum(MONTHS_OF_YEAR)).min(1) }).optional(),
});
export type LongTermRetentionPolicy = z.infer<typeof longTermRetentionPolicySchema>;
