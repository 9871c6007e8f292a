// Network throttling of a Backup Agent server, as Azure's MARS agent has it (Change Properties →
// Throttling): one bandwidth for the work hours of the work days, another for the rest of the week,
// each from 512 Kbps to 1,023 Mbps. restic's upload limit (`--limit-upload`, KiB/s) at a local time
// of the server follows from it (uploadLimitKiBps).
import { z } from "zod";

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** Kilobits per second in each unit the portal shows (SI: 1 Kbps = 1,000 bits per second). */
export const KBPS_PER_UNIT = { Kbps: 1, Mbps: 1000 } as const;
export type BandwidthUnit = keyof typeof KBPS_PER_UNIT;

export const MIN_BANDWIDTH_KBPS = 512;
export const MAX_BANDWIDTH_KBPS = 1023 * KBPS_PER_UNIT.Mbps;

/** "HH:mm", 00:00 to 23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const BANDWIDTH_RANGE = "Enter a bandwidth from 512 Kbps to 1,023 Mbps.";

const bandwidthSchema = z
  .number({ error: BANDWIDTH_RANGE })
  .int("Enter whole Kbps.")
  .min(MIN_BANDWIDTH_KBPS, BANDWIDTH_RANGE)
  .max(MAX_BANDWIDTH_KBPS, BANDWIDTH_RANGE);
const timeOfDaySchema = z
  .string({ error: "Enter a time such as 08:00." })
  .regex(TIME_OF_DAY_PATTERN, "Enter a time such as 08:00.");
const WEEKDAY_RANGE = "Choose days from Monday (1) to Sunday (7).";
const weekdaySchema = z.number({ error: WEEKDAY_RANGE }).int(WEEKDAY_RANGE).min(1, WEEKDAY_RANGE).max(7, WEEKDAY_RANGE);

export const throttlingSchema = z
  .object({
    enabled: z.boolean({ error: "Choose whether to throttle." }),
    workDays: z
      .array(weekdaySchema, { error: "Choose the work days." })
      .max(7, { error: "Choose each work day once.", abort: true })
      .min(1, "Choose at least one work day.")
      .refine((days) => new Set(days).size === days.length, "Choose each work day once.")
      .transform((days) => [...days].sort((a, b) => a - b)),
    workStart: timeOfDaySchema,
    workEnd: timeOfDaySchema,
    workKbps: bandwidthSchema,
    nonWorkKbps: bandwidthSchema,
  })
  .refine((throttling) => throttling.workStart !== throttling.workEnd, {
    path: ["workEnd"],
    error: "Work hours must end at another time than they start.",
  });

export type Throttling = z.output<typeof throttlingSchema>;

/** Where the setting starts for a server that has none: off; Mon–Fri 08:00–18:00 at the lowest bandwidth, otherwise the highest. */
export const DEFAULT_THROTTLING: Throttling = {
  enabled: false,
  workDays: [1, 2, 3, 4, 5],
  workStart: "08:00",
  workEnd: "18:00",
  workKbps: MIN_BANDWIDTH_KBPS,
  nonWorkKbps: MAX_BANDWIDTH_KBPS,
};

/** The stored setting (a JSON column), or null when there is none or it isn't one. */
export function throttlingOf(stored: unknown): Throttling | null {
  const parsed = throttlingSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Whether a local time is in work hours: from the start (inclusive) to the end (exclusive) on a
 * work day. Hours that end before they start run past midnight: the hours after midnight belong to
 * the work day before (22:00–06:00 on Fridays covers Saturday 03:00).
 */
function inWorkHours(throttling: Throttling, local: { isoWeekday: number; minutes: number }): boolean {
  const start = minutesOf(throttling.workStart);
  const end = minutesOf(throttling.workEnd);
  const isWorkDay = (isoWeekday: number) => throttling.workDays.includes(isoWeekday);
  if (start < end) return isWorkDay(local.isoWeekday) && local.minutes >= start && local.minutes < end;
  const previousDay = local.isoWeekday === 1 ? 7 : local.isoWeekday - 1;
  return (local.minutes >= start && isWorkDay(local.isoWeekday)) || (local.minutes < end && isWorkDay(previousDay));
}

/**
 * restic's `--limit-upload` (KiB/s) at a local time of the server (`minutes` since its midnight), or
 * null for no limit. Rounded down, so the upload never exceeds the bandwidth set.
 */
export function uploadLimitKiBps(
  throttling: Throttling | null,
  local: { isoWeekday: number; minutes: number },
): number | null {
  if (!throttling?.enabled) return null;
  const kbps = inWorkHours(throttling, local) ? throttling.workKbps : throttling.nonWorkKbps;
  return Math.floor((kbps * 1000) / 8 / 1024);
}

/** A bandwidth in the largest unit that shows it exactly: 2000 → 2 Mbps, 1500 → 1,500 Kbps. */
export function bandwidthInUnit(kbps: number): { value: number; unit: BandwidthUnit } {
  return kbps >= KBPS_PER_UNIT.Mbps && kbps % KBPS_PER_UNIT.Mbps === 0
    ? { value: kbps / KBPS_PER_UNIT.Mbps, unit: "Mbps" }
    : { value: kbps, unit: "Kbps" };
}

/** Kbps of a value typed in a unit; 1.1 Mbps is 1,100 Kbps despite floating point, 600.5 Kbps stays a fraction (refused). */
export function kbpsOf(value: number, unit: BandwidthUnit): number {
  return Number((value * KBPS_PER_UNIT[unit]).toFixed(3));
}

export function formatBandwidth(kbps: number): string {
  const { value, unit } = bandwidthInUnit(kbps);
  return `${value.toLocaleString("en-US")} ${unit}`;
}

/** "Mon–Fri", "Mon, Wed, Fri", "Mon–Wed, Sat, Sun", "every day". */
export function formatWorkDays(workDays: number[]): string {
  if (workDays.length === 7) return "every day";
  const runs: number[][] = [];
  for (const day of workDays) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number) => WEEKDAY_NAMES[day - 1];
  return runs
    .map((run) => (run.length >= 3 ? `${name(run[0])}–${name(run.at(-1)!)}` : run.map(name).join(", ")))
    .join(", ");
}

/** The setting in one line: "Work hours Mon–Fri 08:00–18:00: 1 Mbps; otherwise 10 Mbps". */
export function describeThrottling(throttling: Throttling | null): string {
  if (!throttling?.enabled) return "Not throttled";
  const overnight = minutesOf(throttling.workEnd) < minutesOf(throttling.workStart) ? " (next day)" : "";
  return `Work hours ${formatWorkDays(throttling.workDays)} ${throttling.workStart}–${throttling.workEnd}${overnight}: ${formatBandwidth(throttling.workKbps)}; otherwise ${formatBandwidth(throttling.nonWorkKbps)}`;
}
