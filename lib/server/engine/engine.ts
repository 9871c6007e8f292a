// One engine: at each tick it plans due backups and sweeps retention, and starts the pending
// backups on its runners, without waiting for them: backups run in the background, at most
// `concurrency` at once across the engine, so a long backup never holds up the next tick. A job
// that finds no free runner stays queued (InProgress, unclaimed) until a runner frees up; runners
// take the queue oldest first. The clock and the data mover are injected, so tests and
// simulations run it on virtual time: they wait for a tick's backups with `(await tick()).runs`.
import { checkBackupHealth } from "@/lib/server/alerts/health";
import { type DeliveryReport, deliverNotifications } from "@/lib/server/alerts/delivery";
import { type NotificationConfig, notificationConfigFromEnv } from "@/lib/server/alerts/notification-config";
import { createNotificationPlanner } from "@/lib/server/alerts/notifications";
import { logger } from "@/lib/server/logger";
import { failJobsOfOfflineAgents } from "@/lib/server/agents/jobs";
import { planMaintenance, requestPrunes } from "@/lib/server/agents/maintenance";
import type { Db } from "@/lib/server/db";
import { reconcileStorage } from "@/lib/server/vault-storage/reconcile";
import type { RepositoryStore } from "@/lib/server/vault-storage/store";
import { getVaultStorage } from "@/lib/server/vault-storage/storage";
import type { Clock } from "./clock";
import type { DataMover } from "./data-mover";
import type { EngineOptions } from "./options";
import { planBackups } from "./planner";
import { claimJobs, failExpiredLeases, type JobOutcome, type Lease, newLease, runClaimedJob } from "./runner";
import { runClaimedRestore } from "./restore-runner";
import { type SweepResult, sweepRetention } from "./sweep";
import { REAL_AGENT_SERVER } from "@/lib/server/agents/credentials";

export type TickResult = {
  at: Date;
  /** Backup jobs this tick's planning queued to run. */
  planned: number;
  sweep: SweepResult;
  /**
   * Settles when the backups this tick started have finished (with the queued ones their runners
   * took next), with their outcomes; rejects with the first error after they all stopped. The
   * tick doesn't wait for it; callers on a virtual clock do, since that clock stands still while
   * backups run.
   */
  runs: Promise<JobOutcome[]>;
  /**
   * Settles when the notifications due at this tick (those of the alerts planned at its start
   * included) were sent, or attempted; never rejects (errors are logged). The tick doesn't wait
   * for it: a slow webhook doesn't hold up backups.
   */
  notified: Promise<DeliveryReport>;
};

export type Engine = {
  /** Closes jobs whose engine died (their lease ran out); call once before the first tick. Each tick does it too. */
  recover(): Promise<number>;
  /** Closes dead engines' jobs, plans, sweeps, and starts the pending backups on free runners; resolves without waiting for them. */
  tick(): Promise<TickResult>;
  /**
   * Starts the pending jobs (such as an on-demand backup just requested) on free runners without
   * waiting for the tick; the promise is that of the runs it started, as TickResult.runs. With every
   * runner busy, a busy runner takes them when it is done.
   */
  runPending(): Promise<JobOutcome[]>;
  /**
   * Plans the notifications of alerts not yet notified (and the hour's digests, the day's
   * summaries), then sends what is due; never rejects. A tick does it, and so do a tick's runs
   * when a backup or restore failed or completed with warnings, before they settle.
   */
  notify(): Promise<DeliveryReport>;
  /** Backups running now in this engine. */
  running(): number;
  /** The engine-clock instant of the last completed tick. */
  lastTickAt(): Date | null;
};

/** Jobs of items on servers with a real Backup Agent: the agent claims and runs them (lib/server/agents). */
const AGENT_ITEM_JOB = { protectedItem: { fileFolderSource: { server: REAL_AGENT_SERVER } } };

/** Pending job ids read at a time, oldest first; runners claim them one by one. */
const CANDIDATES_PER_READ = 200;
/** Claims in a row that find the job taken (by other engines) before the ids are read afresh. */
const MISSES_BEFORE_READING_AGAIN = 10;

export function createEngine({
  db,
  clock,
  mover,
  storage = getVaultStorage(),
  options,
  lease = newLease(),
  notifications = {},
}: {
  db: Db;
  clock: Clock;
  mover: DataMover;
  storage?: RepositoryStore;
  options: Pick<EngineOptions, "onTimeMs" | "graceMs" | "concurrency">;
  lease?: Lease;
  /** How notifications are sent; by default from the environment (SMTP_URL, MAIL_FROM, PORTAL_URL). */
  notifications?: Partial<NotificationConfig>;
}): Engine {
  const notificationConfig: NotificationConfig = { ...notificationConfigFromEnv(), ...notifications };
  const planner = createNotificationPlanner(db, notificationConfig.portalUrl);
  let lastTick: Date | null = null;
  let runners = 0;
  let busy = 0;
  // Each request to run (a tick, runPending) bumps it: a runner that found the queue empty looks
  // again before it stops if a request came meanwhile, so no pending job waits for the next tick.
  let requests = 0;
  let candidates: string[] = [];
  let misses = 0;
  let reading: Promise<void> | null = null;

  /** The ids of the oldest pending Backup jobs the engine runs; other engines may claim some of them first. */
  function readCandidates(): Promise<void> {
    reading ??= db.job
      .findMany({
        where: { status: "InProgress", claimedAt: null, operation: { in: ["Backup", "Restore"] }, NOT: AGENT_ITEM_JOB },
        orderBy: { startTime: "asc" },
        select: { id: true },
        take: CANDIDATES_PER_READ,
      })
      .then((rows) => {
        candidates = rows.map((row) => row.id);
        misses = 0;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  /** Takes pending jobs, oldest first, and runs them one after another until there is none. */
  async function runner(outcomes: JobOutcome[]): Promise<void> {
    runners++;
    let counted = true;
    try {
      for (;;) {
        if (candidates.length === 0) {
          const seen = requests;
          await readCandidates();
          if (candidates.length === 0) {
            if (seen !== requests) continue;
            // Stopping, in the same step as the check: a request from now on starts a runner of its own.
            runners--;
            counted = false;
            return;
          }
        }
        const [job] = await claimJobs(db, [candidates.shift()!], clock, lease);
        if (!job) {
          // Another engine took it, or it was cancelled; when that keeps happening, the ids are stale.
          if (++misses >= MISSES_BEFORE_READING_AGAIN) candidates = [];
          continue;
        }
        misses = 0;
        busy++;
        try {
          const run = job.operation === "Restore" ? runClaimedRestore : runClaimedJob;
          outcomes.push(await run(db, job, clock, mover, lease));
        } finally {
          busy--;
        }
      }
    } finally {
      if (counted) runners--;
    }
  }

  /** Plans notifications; a failure is logged, never the tick's or the runs' failure. */
  async function planSafely(): Promise<void> {
    try {
      await planner.plan(clock.now());
    } catch (error) {
      logger.error({ event: "notifications", err: error }, "planning notifications failed");
    }
  }

  // One delivery pass at a time in this engine; a request during a pass runs one more after it
  // (which sees what was planned meanwhile). Other engines' passes are kept apart by the claims.
  let delivering: Promise<DeliveryReport> | null = null;
  let deliveringNext: Promise<DeliveryReport> | null = null;
  function deliverSoon(): Promise<DeliveryReport> {
    if (!delivering) {
      delivering = deliverNotifications(db, clock, lease, notificationConfig)
        .catch((error: unknown) => {
          logger.error({ event: "notifications", err: error }, "delivering notifications failed");
          return { attempted: 0, delivered: 0, retrying: 0, failed: 0, claimLost: 0, errors: 1 };
        })
        .finally(() => {
          delivering = null;
        });
      return delivering;
    }
    deliveringNext ??= delivering.then(() => {
      deliveringNext = null;
      return deliverSoon();
    });
    return deliveringNext;
  }

  async function notify(): Promise<DeliveryReport> {
    await planSafely();
    return deliverSoon();
  }

  function runPending(): Promise<JobOutcome[]> {
    requests++;
    const outcomes: JobOutcome[] = [];
    const started = Array.from({ length: Math.max(0, options.concurrency - runners) }, () => runner(outcomes));
    const runs = Promise.allSettled(started).then(async (settled) => {
      // A failure's alert reaches its recipients now rather than at the next tick.
      if (outcomes.some((outcome) => outcome === "Failed" || outcome === "CompletedWithWarnings")) await notify();
      const failed = settled.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      return outcomes;
    });
    // Handled here so that a caller who doesn't wait (the service) doesn't crash the process; one who waits still sees the error.
    runs.catch(() => undefined);
    return runs;
  }

  return {
    recover: () => failExpiredLeases(db, clock.now()),
    async tick() {
      const at = clock.now();
      await failExpiredLeases(db, at);
      await failJobsOfOfflineAgents(db, at, options.graceMs, lease);
      const planned = await planBackups(db, at, options);
      // The sweep runs before this tick's backups start, so what it removes doesn't depend on how
      // fast they run: a point they supersede that has already expired goes at the next tick.
      // (Backups of earlier ticks may still be running; the sweep never removes an item's latest
      // point, so one landing meanwhile changes nothing.)
      const sweep = await sweepRetention(db, clock.now());
      await reconcileStorage(db, storage, undefined, clock.now());
      await requestPrunes(db, sweep.purgedFromServers, clock.now());
      await planMaintenance(db, clock.now());
      await checkBackupHealth(db, clock.now());
      // Planning is the database's work and quick; sending runs on in the background.
      await planSafely();
      const notified = deliverSoon();
      const runs = runPending();
      lastTick = at;
      return { at, planned, sweep, runs, notified };
    },
    runPending,
    notify,
    running: () => busy,
    lastTickAt: () => lastTick,
  };
}
