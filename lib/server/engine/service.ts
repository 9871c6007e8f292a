// The engine as a long-running service: started by the web server (instrumentation.ts) or by
// `npm run worker`, driven by node-cron, with the state /api/health reports. A tick plans, sweeps
// and starts backups, then returns: the backups run on in the background, so a long one never
// keeps the next tick from running.
import cron from "node-cron";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { onSignal, raiseSignal } from "@/lib/server/process-signals";
import { scaledClock, systemClock } from "./clock";
import { simulatedMover } from "./data-mover";
import { createEngine, type Engine } from "./engine";
import { cronTickIntervalMs, engineHealth } from "./health";
import { newLease } from "./runner";
import { engineOptionsFromEnv } from "./options";

type EngineService = {
  engine: Engine;
  /** Real time, as the last completed tick: health is judged on the real clock, whatever the engine's clock shows. */
  startedAt: Date;
  lastTickCompletedAt: Date | null;
  tickIntervalMs: number;
  lastError: string | null;
};

const state = globalThis as unknown as { vaultPortalEngine?: EngineService };

/** Whether this process runs the engine: on unless ENGINE=off (e.g. web servers when a worker runs it). */
export function engineEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ENGINE !== "off";
}

export async function startEngineService(): Promise<EngineService> {
  if (state.vaultPortalEngine) return state.vaultPortalEngine;
  const options = engineOptionsFromEnv();
  const lease = { ...newLease(options.leaseMs), ...(options.engineId ? { engineId: options.engineId } : {}) };
  const clock = options.scaledClock ? scaledClock(options.scaledClock) : systemClock;
  const engine = createEngine({ db: getDb(), clock, mover: simulatedMover(options.bytesPerSecond), options, lease });
  const service: EngineService = {
    engine,
    startedAt: new Date(),
    lastTickCompletedAt: null,
    tickIntervalMs: cronTickIntervalMs(options.tickCron),
    lastError: null,
  };
  state.vaultPortalEngine = service;
  onSignal("engine-run", () => {
    engine
      .runPending()
      .catch((error) => logger.error({ event: "run-pending", err: error }, "running pending jobs failed"));
  });
  await engine.recover();
  const runFailed = (error: unknown) => {
    service.lastError = (error as Error).message;
    logger.error({ event: "run", err: error }, "running backups failed");
  };
  cron.schedule(
    options.tickCron,
    async () => {
      try {
        const tick = await engine.tick();
        service.lastTickCompletedAt = new Date();
        service.lastError = null;
        tick.runs.catch(runFailed);
      } catch (error) {
        service.lastError = (error as Error).message;
        logger.error({ event: "tick", err: error }, "engine tick failed");
      }
    },
    { name: "vault-portal-engine", noOverlap: true },
  );
  logger.info(
    {
      event: "engine",
      engineId: lease.engineId,
      tickCron: options.tickCron,
      graceMinutes: options.graceMs / 60_000,
      concurrency: options.concurrency,
      leaseSeconds: options.leaseMs / 1000,
    },
    "engine started",
  );
  return service;
}

/** The engine of this process for /api/health: degraded when its last completed tick (or its start) is over two tick intervals ago. */
export function engineStatus(now = new Date()) {
  const service = state.vaultPortalEngine;
  if (!service) return { running: false, status: "ok" as const, lastTickAt: null, lastError: null };
  const health = engineHealth({
    now,
    startedAt: service.startedAt,
    lastTickCompletedAt: service.lastTickCompletedAt,
    tickIntervalMs: service.tickIntervalMs,
  });
  return {
    running: true,
    ...health,
    startedAt: service.startedAt,
    /** The engine clock's instant of the last tick (virtual or scaled when configured so). */
    lastTickAt: service.engine.lastTickAt(),
    lastTickCompletedAt: service.lastTickCompletedAt,
    tickIntervalSeconds: service.tickIntervalMs / 1000,
    backupsRunning: service.engine.running(),
    lastError: service.lastError,
  };
}

/**
 * Runs pending jobs now in the process of the portal's that runs the engine (this one or another:
 * lib/server/process-signals.ts); with the engine in a worker of its own, its next tick does.
 */
export function requestEngineRun(): void {
  raiseSignal("engine-run");
}
