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
  };
}
