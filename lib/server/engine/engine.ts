// One engine: plans due backups, runs them with bounded concurrency, and sweeps retention, at each
// tick. The clock and the data mover are injected, so tests and simulations run it on virtual time.
import type { Db } from "@/lib/server/db";
import type { Clock } from "./clock";
import type { DataMover } from "./data-mover";
import type { EngineOptions } from "./options";
import { planBackups } from "./planner";
import { type JobOutcome, failInterruptedJobs, runBackupJob } from "./runner";
import { type SweepResult, sweepRetention } from "./sweep";

export type TickResult = { at: Date; planned: number; outcomes: JobOutcome[]; sweep: SweepResult };

export type Engine = {
  /** Closes jobs a previous run left InProgress; call once before the first tick. */
  recover(): Promise<number>;
  /** Plans, runs (waiting for the jobs) and sweeps. */
  tick(): Promise<TickResult>;
  lastTickAt(): Date | null;
};

export function createEngine({ db, clock, mover, options }: { db: Db; clock: Clock; mover: DataMover; options: Pick<EngineOptions, "onTimeMs" | "graceMs" | "concurrency"> }): Engine {
  let lastTick: Date | null = null;
  return {
    recover: () => failInterruptedJobs(db, clock.now()),
    async tick() {
      const at = clock.now();
      const jobIds = await planBackups(db, at, options);
      const outcomes: JobOutcome[] = [];
      const queue = [...jobIds];
      const worker = async () => {
        for (let jobId = queue.shift(); jobId; jobId = queue.shift()) outcomes.push(await runBackupJob(db, jobId, clock, mover));
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));
      const sweep = await sweepRetention(db, clock.now());
      lastTick = at;
      return { at, planned: jobIds.length, outcomes, sweep };
    },
    lastTickAt: () => lastTick,
  };
}
