// The engine as a long-running service: started by the web server (instrumentation.ts) or by
// `npm run worker`, driven by node-cron, with the state /api/health reports.
import cron from "node-cron";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { scaledClock, systemClock } from "./clock";
import { simulatedMover } from "./data-mover";
import { createEngine, type Engine } from "./engine";
import { newLease } from "./runner";
import { engineOptionsFromEnv } from "./options";

type EngineService = { engine: Engine; startedAt: Date; lastError: string | null };

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
  const service: EngineService = { engine, startedAt: new Date(), lastError: null };
  state.vaultPortalEngine = service;
  await engine.recover();
  cron.schedule(
    options.tickCron,
    async () => {
      try {
        await engine.tick();
        service.lastError = null;
      } catch (error) {
        service.lastError = (error as Error).message;
        logger.error({ event: "tick", err: error }, "engine tick failed");
      }
    },
    { name: "vault-portal-engine", noOverlap: true },
  );
  logger.info({ event: "engine", engineId: lease.engineId, tickCron: options.tickCron, graceMinutes: options.graceMs / 60_000, concurrency: options.concurrency, leaseSeconds: options.leaseMs / 1000 }, "engine started");
  return service;
}

export function engineStatus() {
  const service = state.vaultPortalEngine;
  if (!service) return { running: false, lastTickAt: null, lastError: null };
  return { running: true, startedAt: service.startedAt, lastTickAt: service.engine.lastTickAt(), lastError: service.lastError };
}

/** Runs pending jobs now when this process runs the engine; otherwise the engine's next tick does. */
export function requestEngineRun(): void {
  const service = state.vaultPortalEngine;
  if (!service) return;
  service.engine.runPending().catch((error) => logger.error({ event: "run-pending", err: error }, "running pending jobs failed"));
}
