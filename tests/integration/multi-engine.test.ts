// Several engines on one PostgreSQL: three `npm run worker` processes share a clock running 1,440
// times real time (a day a minute); one is killed with SIGKILL while it runs backups. Over the
// simulated day every slot runs exactly once, no job stays InProgress past its lease, and the
// killed engine's jobs are closed as Failed with the reason.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { JOB_ERRORS } from "@/lib/domain/jobs/errors";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { systemActor } from "@/lib/server/auth/authorize";
import { createDb, type Db } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { createPolicyRow } from "@/lib/server/services/policies";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { createVault } from "@/lib/server/services/vaults";
import { createPostgresDatabase } from "./postgres-databases";

const ITEMS = 24;
const SPEED = 1440;
const START = new Date("2026-03-02T00:00:00Z");
const DAY_MS = 86_400_000;
/** 2 virtual hours = 5 real seconds; each engine renews its leases every real second (a progress report). */
const LEASE_SECONDS = 2 * 3600;

/** An enhanced VM policy backing up every 4 hours, around the clock, in UTC: 6 slots a day. */
function everyFourHours() {
  const example = JSON.parse(readFileSync("tests/fixtures/azure-policy-examples/iaasvm_v2_hourly.json", "utf8")) as {
    properties: Record<string, unknown>;
  };
  const properties = structuredClone(example.properties) as {
    timeZone: string;
    schedulePolicy: { hourlySchedule: Record<string, unknown> };
  };
  properties.timeZone = "UTC";
  properties.schedulePolicy.hourlySchedule = {
    interval: 4,
    scheduleWindowStartTime: "2026-01-01T00:00:00Z",
    scheduleWindowDuration: 24,
  };
  const imported = importAzurePolicy(properties);
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  return imported.policy;
}

const virtualNow = (realStart: number) => new Date(START.getTime() + (Date.now() - realStart) * SPEED);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!process.env.TEST_PG_URL)("several engines on one PostgreSQL", () => {
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;
  const workers = new Map<string, ChildProcess>();

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase(process.env.TEST_PG_URL!));
    await migrateDatabase(url);
    db = createDb(url);
  });

  afterAll(async () => {
    await Promise.all(
      [...workers.values()]
        .filter((worker) => worker.exitCode === null && worker.signalCode === null)
        .map(
          (worker) =>
            new Promise((resolve) => {
              worker.once("exit", resolve);
              worker.kill("SIGKILL");
            }),
        ),
    );
    await db?.$disconnect();
    await drop?.();
  });

  it("run every slot of a simulated day once, and close a killed engine's jobs when its lease runs out", async () => {
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-engines",
        name: "vault-engines",
        location: "westeurope",
      },
      systemActor("tester@contoso.com"),
    );
    if (!vault.ok) throw new Error(vault.message);
    const policy = await createPolicyRow(db, vault.data.id, "EveryFourHours", everyFourHours());
    for (let index = 0; index < ITEMS; index++) {
      const name = `vm-engines-${String(index).padStart(2, "0")}`;
      const vm = await db.virtualMachine.create({
        data: {
          subscriptionId: "11111111-2222-4333-8444-555555555555",
          resourceGroup: "rg-engines",
          name,
          location: "westeurope",
          osType: "Linux",
          sizeGb: 64,
          dailyChangeRatePercent: 5,
        },
      });
      await db.protectedItem.create({
        data: {
          vaultId: vault.data.id,
          backupManagementType: "AzureIaasVM",
          virtualMachineId: vm.id,
          friendlyName: name,
          ...virtualMachineBackupNames("rg-engines", name),
          policyId: policy.id,
          createdAt: START,
        },
      });
    }

    // Every worker ticks each real second (24 virtual minutes); a full backup takes ~2 real seconds, an incremental one ~1.
    const realStart = Date.now() + 4000;
    const env = {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: "warn",
      ENGINE_TICK_CRON: "* * * * * *",
      ENGINE_CLOCK_START: START.toISOString(),
      ENGINE_CLOCK_SPEED: String(SPEED),
      ENGINE_CLOCK_REAL_START: String(realStart),
      ENGINE_LEASE_SECONDS: String(LEASE_SECONDS),
      ENGINE_THROUGHPUT_MB_PER_SECOND: "20000",
      ENGINE_CONCURRENCY: "4",
    };
    for (const engineId of ["engine-a", "engine-b", "engine-c"]) {
      // node itself with tsx's loader (not the tsx CLI, which runs the script in a child): SIGKILL must hit the engine.
      workers.set(
        engineId,
        spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
          env: { ...env, ENGINE_ID: engineId },
          stdio: "ignore",
        }),
      );
    }

    // Kill engine-b while it runs backups.
    const running = (engineId: string) => db.job.count({ where: { claimedBy: engineId, status: "InProgress" } });
    for (let waited = 0; (await running("engine-b")) === 0; waited += 100) {
      if (waited > 60_000) throw new Error("engine-b never ran a backup");
      await sleep(100);
    }
    const killed = workers.get("engine-b")!;
    const exited = new Promise((resolve) => killed.once("exit", resolve));
    killed.kill("SIGKILL");
    const killedAt = virtualNow(realStart);
    await exited;
    // A commit the engine sent just before it died lands now or never.
    await sleep(300);
    const killedJobs = await db.job.findMany({
      where: { claimedBy: "engine-b", status: "InProgress" },
      select: { id: true },
    });

    // Let the day (and the killed engine's lease) run out, then check while the others still run.
    const end = new Date(START.getTime() + DAY_MS);
    while (virtualNow(realStart) < new Date(end.getTime() + 2 * 3600_000)) await sleep(500);
    const checkedAt = virtualNow(realStart);

    // No job is InProgress past its lease.
    const overdue = await db.job.count({
      where: {
        status: { in: ["InProgress", "Cancelling"] },
        claimedAt: { not: null },
        leaseUntil: { lt: new Date(checkedAt.getTime() - 30 * 60_000) },
      },
    });
    expect(overdue).toBe(0);

    // The killed engine's jobs: closed with the reason, after it died.
    expect(killedJobs.length).toBeGreaterThan(0);
    const closed = await db.job.findMany({ where: { id: { in: killedJobs.map((job) => job.id) } } });
    for (const job of closed) {
      expect(job).toMatchObject({
        status: "Failed",
        errorCode: JOB_ERRORS.engineStopped.code,
        errorMessage: JOB_ERRORS.engineStopped.message,
      });
      expect(job.endTime!.getTime()).toBeGreaterThanOrEqual(killedAt.getTime());
    }
    expect(await db.recoveryPoint.count({ where: { jobId: { in: killedJobs.map((job) => job.id) } } })).toBe(0);

    // Every slot of the day has exactly one job (the unique key forbids a second), and it ran:
    // Completed, or Failed because its engine was killed.
    const rules = rulesOfStoredPolicy(policy);
    const slots = scheduledSlots(rules.schedule, rules.timeZone, START, end, { includeFrom: false }).map((slot) =>
      slot.at.toISOString(),
    );
    expect(slots).toHaveLength(6);
    const items = await db.protectedItem.findMany({
      select: {
        id: true,
        jobs: {
          where: { scheduledFor: { gt: START, lte: end } },
          select: { scheduledFor: true, status: true, claimedBy: true },
        },
      },
    });
    for (const item of items) {
      expect(item.jobs.map((job) => job.scheduledFor!.toISOString()).sort()).toEqual(slots);
      for (const job of item.jobs) {
        if (job.status === "Failed") expect(job.claimedBy).toBe("engine-b");
        else expect(job.status).toBe("Completed");
      }
    }
    // All three engines took part.
    const engines = await db.job.groupBy({
      by: ["claimedBy"],
      where: { claimedBy: { not: null } },
      _count: { _all: true },
    });
    expect(engines.map((engine) => engine.claimedBy).sort()).toEqual(["engine-a", "engine-b", "engine-c"]);
  });
});
