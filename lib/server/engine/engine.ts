// One engine: plans due backups, runs them with bounded concurrency, and sweeps retention, at each
// tick. The clock and the data mover are injected, so tests and simulations run it on virtual time.
import type { Db } from "@/lib/server/db";
import type { Clock } from "./clock";
import type { DataMover } from "./data-mover";
import type { EngineOptions } from "./options";
import { planBackups } from "./planner";
import { type JobOutcome, failExpiredLeases, type Lease, newLease, runBackupJob } from "./runner";
import { type SweepResult, sweepRetention } from "./sweep";

export type TickResult = { at: Date; planned: number; outcomes: JobOutcome[]; sweep: SweepResult };

export type Engine = {
  /** Closes jobs whose engine died (their lease ran out); call once before the first tick. Each tick does it too. */
  recover(): Promise<number>;
  /** Closes dead engines' jobs, plans, runs (waiting for the jobs) and sweeps. */
  tick(): Promise<TickResult>;
  /** Runs the pending jobs (such as an on-demand backup just requested) without waiting for the tick. */
  runPending(): Promise<JobOutcome[]>;
  lastTickAt(): Date | null;
};

export function createEngine({ db, clock, mover, options, lease = newLease() }: { db: Db; clock: Clock; mover: DataMover; options: Pick<EngineOptions, "onTimeMs" | "graceMs" | "concurrency">; lease?: Lease }): Engine {
  let lastTick: Date | null = null;

  /** Runs every pending Backup job, oldest first, at most `concurrency` at once. */
  async function drainOnce(): Promise<JobOutcome[]> {
    const pending = await db.job.findMany({ where: { status: "InProgress", claimedAt: null, operation: "Backup" }, orderBy: { startTime: "asc" }, select: { id: true } });
    const queue = pending.map((job) => job.id);
    const outcomes: JobOutcome[] = [];
    const worker = async () => {
      for (let jobId = queue.shift(); jobId; jobId = queue.shift()) outcomes.push(await runBackupJob(db, jobId, clock, mover, lease));
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));
    return outcomes;
  }

  // One drain at a time keeps the concurrency bound; a request during a drain makes it look again.
  let draining: Promise<JobOutcome[]> | null = null;
  let lookAgain = false;
  function runPending(): Promise<JobOutcome[]> {
    if (draining) {
      lookAgain = true;
      return draining;
    }
    draining = (async () => {
      const outcomes: JobOutcome[] = [];
      do {
        lookAgain = false;
        outcomes.push(...(await drainOnce()));
      } while (lookAgain);
      return outcomes;
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  return {
    recover: () => failExpiredLeases(db, clock.now()),
    async tick() {
      const at = clock.now();
      await failExpiredLeases(db, at);
      const planned = await planBackups(db, at, options);
      const outcomes = await runPending();
      const sweep = await sweepRetention(db, clock.now());
      lastTick = at;
      return { at, planned, outcomes, sweep };
    },
    runPending,
    lastTickAt: () => lastTick,
  };
}
