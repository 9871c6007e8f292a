// Whether the engine of this process is keeping up: /api/health reports it degraded when its last
// completed tick (or its start, before the first tick) is more than two tick intervals ago, in
// real time. The engine's own clock may be virtual or scaled, so it isn't used here.
import cron from "node-cron";
import { counted } from "@/lib/domain/format/count";

/** The longest gap between consecutive instants (in order): a schedule's tick interval, the longest one for an irregular schedule. */
export function longestGapMs(runs: Date[]): number {
  let longest = 0;
  for (let index = 1; index < runs.length; index++)
    longest = Math.max(longest, runs[index].getTime() - runs[index - 1].getTime());
  return longest;
}

/**
 * The tick interval of a node-cron expression: the longest gap between its next runs, so that a
 * schedule such as "0 9,17 * * *" isn't reported late between its two daily ticks.
 */
export function cronTickIntervalMs(expression: string, runs = 8): number {
  const task = cron.createTask(expression, () => undefined);
  try {
    return longestGapMs(task.getNextRuns(runs));
  } finally {
    void task.destroy();
  }
}

export type EngineHealth = { status: "ok" } | { status: "degraded"; reason: string };

function duration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1000, "second"],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return counted(ms / size, name);
  }
  return `${ms / 1000} seconds`;
}

/**
 * Degraded when the engine's last completed tick, or its start before the first tick, is older than
 * two tick intervals at `now` (all real time).
 */
export function engineHealth({
  now,
  startedAt,
  lastTickCompletedAt,
  tickIntervalMs,
}: {
  now: Date;
  startedAt: Date;
  lastTickCompletedAt: Date | null;
  tickIntervalMs: number;
}): EngineHealth {
  const since = lastTickCompletedAt ?? startedAt;
  if (now.getTime() - since.getTime() <= 2 * tickIntervalMs) return { status: "ok" };
  const interval = `over two tick intervals (${duration(tickIntervalMs)} each) ago`;
  return {
    status: "degraded",
    reason: lastTickCompletedAt
      ? `The engine's last tick was at ${lastTickCompletedAt.toISOString()}, ${interval}.`
      : `The engine started at ${startedAt.toISOString()} and hasn't completed a tick since, ${interval}.`,
  };
}
