// Which scheduled slots the engine runs at a tick, and which it records as missed.
import type { PolicyRules } from "@/lib/domain/policy/rules";
import { counted } from "@/lib/domain/format/count";
import { type ScheduledSlot, scheduledSlots } from "@/lib/domain/schedule/slots";

export type SkippedSlot = { slot: ScheduledSlot; reason: string };
export type PlanDecision = { run: ScheduledSlot | null; skipped: SkippedSlot[] };

export type PlanningOptions = {
  /** How late a slot may start and still count as on time: about one tick interval. */
  onTimeMs: number;
  /** How late the latest missed slot may still be caught up; 0 = never. */
  graceMs: number;
};

/**
 * The slots due in (lastPlanned, now]. The latest runs when it is on time or within the grace
 * window; every other one is recorded as skipped with the reason, so a downtime or a clock jump
 * shows as a gap instead of firing a burst of backups.
 */
export function planDueSlots(
  policy: PolicyRules,
  lastPlanned: Date,
  now: Date,
  options: PlanningOptions,
): PlanDecision {
  if (now <= lastPlanned) return { run: null, skipped: [] };
  const due = scheduledSlots(policy.schedule, policy.timeZone, lastPlanned, now);
  const latest = due.at(-1);
  if (!latest) return { run: null, skipped: [] };
  const lateness = now.getTime() - latest.at.getTime();
  const runLatest = lateness <= Math.max(options.onTimeMs, options.graceMs);
  const minutes = (ms: number) => Math.round(ms / 60_000);
  const skipped = due.slice(0, -1).map((slot) => ({
    slot,
    reason: `Missed: the engine was not running at the scheduled time; only the latest missed backup is run.`,
  }));
  if (!runLatest) {
    const reason =
      options.graceMs === 0
        ? "Missed: the engine was not running at the scheduled time, and catch-up runs are turned off."
        : `Missed: the engine was not running at the scheduled time, and it is ${counted(minutes(lateness), "minute")} late, beyond the ${minutes(options.graceMs)}-minute catch-up window.`;
    skipped.push({ slot: latest, reason });
  }
  return { run: runLatest ? latest : null, skipped };
}

/** How far ahead the next slot is looked for: a schedule runs at least once every N weeks (N = 1 but for alternate-week schedules), plus a day. */
function nextSlotHorizonMs(policy: PolicyRules): number {
  const weeks = policy.schedule.frequency === "Weekly" ? Math.max(1, policy.schedule.recurrence?.everyWeeks ?? 1) : 1;
  return (weeks * 7 + 1) * 86_400_000;
}

/** The policy's first slot after `after`, or null if it has none within its longest gap (a week, or N weeks) and a day. */
export function nextSlotAfter(policy: PolicyRules, after: Date): Date | null {
  return (
    scheduledSlots(policy.schedule, policy.timeZone, after, new Date(after.getTime() + nextSlotHorizonMs(policy)))[0]
      ?.at ?? null
  );
}
