import cron from "node-cron";

/** The engine's settings, from the environment (see README, "The engine"). */
export type EngineOptions = {
  /** node-cron expression of the tick. */
  tickCron: string;
  /** A slot found this late is still on time (about one tick). */
  onTimeMs: number;
  /** How late the latest missed slot may be caught up; 0 = never. */
  graceMs: number;
  /** Backups running at once, across items. */
  concurrency: number;
  /** The simulated data mover's throughput. */
  bytesPerSecond: number;
  /** How long an engine's claim on a running job holds without renewal (renewed at each progress report). */
  leaseMs: number;
  /** This engine's name in the jobs it claims (default: a random id per start). */
  engineId: string | null;
  /**
   * A clock running `speed` times real time from `start` (ENGINE_CLOCK_START, ENGINE_CLOCK_SPEED),
   * shared by every process given the same values: for rehearsing days of schedules in minutes.
   */
  scaledClock: { start: Date; speed: number; realStart: number } | null;
};

function numberFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const tickCron = env.ENGINE_TICK_CRON || "* * * * *";
  if (!cron.validate(tickCron)) throw new Error(`ENGINE_TICK_CRON "${tickCron}" is not a valid cron expression.`);
  return {
    tickCron,
    onTimeMs: 90_000,
    graceMs: numberFrom(env.ENGINE_GRACE_MINUTES, 60) * 60_000,
    concurrency: Math.max(1, numberFrom(env.ENGINE_CONCURRENCY, 4)),
    bytesPerSecond: numberFrom(env.ENGINE_THROUGHPUT_MB_PER_SECOND, 500) * 1024 * 1024,
    leaseMs: Math.max(1, numberFrom(env.ENGINE_LEASE_SECONDS, 120)) * 1000,
    engineId: env.ENGINE_ID || null,
    scaledClock: scaledClockFrom(env),
  };
}

function scaledClockFrom(env: NodeJS.ProcessEnv): EngineOptions["scaledClock"] {
  if (!env.ENGINE_CLOCK_START) return null;
  const start = new Date(env.ENGINE_CLOCK_START);
  if (Number.isNaN(start.getTime()))
    throw new Error(`ENGINE_CLOCK_START "${env.ENGINE_CLOCK_START}" is not a date-time.`);
  // ENGINE_CLOCK_REAL_START: the real instant (ms) the clock shows `start`, so several processes agree.
  return {
    start,
    speed: Math.max(1, numberFrom(env.ENGINE_CLOCK_SPEED, 1)),
    realStart: numberFrom(env.ENGINE_CLOCK_REAL_START, Date.now()),
  };
}
