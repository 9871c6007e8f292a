// The engine as a long-running service: started by the web server (instrumentation.ts) or by
// `npm run worker`, driven by node-cron, with the state /api/health reports.
import cron from "node-cron";
import { getDb } from "@/lib/server/db";
import { systemClock } from "./clock";
import { simulatedMover } from "./data-mover";
import { createEngine, type Engine } from "./engine";
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
  const engine = createEngine({ db: getDb(), clock: systemClock, mover: simulatedMover(options.bytesPerSecond), options });
  const service: EngineService = { engine, startedAt: new Date(), lastError: null };
  state.vaultPortalEngine = service;
  const closed = await engine.recover();
  if (closed > 0) console.log(`[engine] closed ${closed} job(s) left running by an earlier stop`);
  cron.schedule(
    options.tickCron,
    async () => {
      try {
        await engine.tick();
        service.lastError = null;
      } catch (error) {
        service.lastError = (error as Error).message;
        console.error("[engine] tick failed:", error);
      }
    },
    { name: "vault-portal-engine", noOverlap: true },
  );
  console.log(`[engine] started: tick "${options.tickCron}", catch-up window ${options.graceMs / 60_000} min, ${options.concurrency} concurrent backups`);
  return service;
}

export function engineStatus() {
  const service = state.vaultPortalEngine;
  if (!service) return { running: false, lastTickAt: null, lastError: null };
  return { running: true, startedAt: service.startedAt, lastTickAt: service.engine.lastTickAt(), lastError: service.lastError };
}
