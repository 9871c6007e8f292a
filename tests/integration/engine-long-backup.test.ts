// The engine never stalls behind a long backup (#13): while a first backup of a 2,000 GB folder
// runs for 70 virtual minutes, the engine ticks every minute, plans and runs the other items'
// slots on its other runner, and sweeps retention.
import { beforeAll, expect, it } from "vitest";
import { fileFolderBackupNames } from "@/lib/domain/azure/resources";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { type DataMover, instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import type { JobOutcome } from "@/lib/server/engine/runner";
import { createPolicyRow } from "@/lib/server/services/policies";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const MINUTE = 60_000;
const LONG_BACKUP_MS = 70 * MINUTE;
const OTHER_ITEMS = 20;

/** A Backup Agent policy in UTC at the given times of day (the agent allows up to three a day). */
function agentPolicy(times: string[]) {
  const imported = importAzurePolicy({
    backupManagementType: "MAB",
    timeZone: "UTC",
    schedulePolicy: {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Daily",
      scheduleRunTimes: times.map((time) => `2024-01-01T${time}:00Z`),
    },
    retentionPolicy: {
      retentionPolicyType: "LongTermRetentionPolicy",
      dailySchedule: {
        retentionTimes: times.map((time) => `2024-01-01T${time}:00Z`),
        retentionDuration: { count: 30, durationType: "Days" },
      },
    },
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  return imported.policy;
}

async function protectFolder(db: Db, vaultId: string, policyId: string, name: string, sizeGb: number, since: Date) {
  const server = await db.backupAgentServer.create({
    data: { name: `${name}.contoso.com`, osType: "Windows Server 2022", vaultId },
  });
  const folder = await db.fileFolderSource.create({
    data: { serverId: server.id, path: "D:\\Data", sizeGb, dailyChangeRatePercent: 2 },
  });
  return db.protectedItem.create({
    data: {
      vaultId,
      backupManagementType: "MAB",
      fileFolderSourceId: folder.id,
      friendlyName: folder.path,
      ...fileFolderBackupNames(server.name, folder.path),
      policyId,
      createdAt: since,
    },
  });
}

describeOnDatabases("the engine beside a long backup", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("ticks every minute during a 70-minute backup: the other items' slots run on time (none Skipped), the sweep runs, and only the big item's own next slot is Skipped", async () => {
    const since = new Date("2024-06-01T23:50:00Z");
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-long",
        name: "vault-long-backup",
        location: "westeurope",
      },
      systemActor("tester@contoso.com"),
    );
    if (!vault.ok) throw new Error(vault.message);
    const vaultId = vault.data.id;
    // The big folder backs up at 00:00 and 00:40; the other items three times in its first hour, every 20 minutes.
    const daily = await createPolicyRow(db, vaultId, "twice-after-midnight", agentPolicy(["00:00", "00:40"]));
    const often = await createPolicyRow(db, vaultId, "every-20-minutes", agentPolicy(["00:20", "00:40", "01:00"]));
    const big = await protectFolder(db, vaultId, daily.id, "big", 2000, since);
    const others = [];
    for (let index = 0; index < OTHER_ITEMS; index++)
      others.push(await protectFolder(db, vaultId, often.id, `small-${index}`, 1, since));
    // An old point of one item expires at 00:30, while the big backup runs; a newer one stays.
    const expiring = await db.recoveryPoint.create({
      data: {
        protectedItemId: others[0].id,
        time: new Date("2024-05-01T00:20:00Z"),
        type: "Full",
        inSnapshotTier: false,
        inVaultTier: true,
        retentionRules: ["Daily"],
        ruleName: "Daily",
        expiresAt: new Date("2024-06-02T00:30:00Z"),
        sizeBytes: 1n,
      },
    });
    await db.recoveryPoint.create({
      data: {
        protectedItemId: others[0].id,
        time: new Date("2024-06-01T01:00:00Z"),
        type: "Full",
        inSnapshotTier: false,
        inVaultTier: true,
        retentionRules: ["Daily"],
        ruleName: "Daily",
        expiresAt: new Date("2024-07-01T01:00:00Z"),
        sizeBytes: 1n,
      },
    });

    const clock = new VirtualClock(new Date("2024-06-01T23:59:00Z"));
    // The test moves the clock a minute at a time; the big folder's transfer reports progress at
    // each minute (renewing its lease) and ends 70 minutes after it started. The test waits for
    // each report before the next minute, so a slow database cannot make the transfer miss one.
    let wake = () => {};
    let minutePassed = new Promise<void>((resolve) => (wake = resolve));
    let reported = () => {};
    let bigReported = Promise.resolve();
    const nextMinute = () => {
      clock.advance(MINUTE);
      const woken = wake;
      minutePassed = new Promise<void>((resolve) => (wake = resolve));
      bigReported = new Promise<void>((resolve) => (reported = resolve));
      woken();
    };
    let bigTransfers = 0;
    let bigStarted = () => {};
    const bigTransferStarted = new Promise<void>((resolve) => (bigStarted = resolve));
    const mover: DataMover = {
      snapshot: instantMover.snapshot,
      async transfer(request) {
        if (request.backup.itemName !== big.itemName) return instantMover.transfer(request);
        bigTransfers++;
        const start = clock.now().getTime();
        bigStarted();
        while (clock.now().getTime() < start + LONG_BACKUP_MS) {
          await minutePassed;
          await request.onProgress(request.bytes * Math.min(1, (clock.now().getTime() - start) / LONG_BACKUP_MS));
          reported();
        }
        return "completed";
      },
    };
    const engine = createEngine({
      db,
      clock,
      mover,
      options: { onTimeMs: 90_000, graceMs: 60 * MINUTE, concurrency: 2 },
    });

    let bigRuns: Promise<JobOutcome[]> | null = null;
    let bigEnded = false;
    const bigEnd = new Date("2024-06-02T01:10:00Z");
    let sweptDuringBigBackup = false;
    const end = new Date("2024-06-02T01:30:00Z");
    while (clock.now() < end) {
      nextMinute();
      const tick = await engine.tick();
      expect(engine.lastTickAt()).toEqual(clock.now());
      const bigJob = await db.job.findFirst({
        where: { protectedItemId: big.id, scheduledFor: new Date("2024-06-02T00:00:00Z") },
      });
      const bigRunning = bigRuns !== null;
      if (!bigRuns && bigJob) {
        // The runs of the tick that started the big backup end with it; the other ticks' end at once.
        bigRuns = tick.runs;
        await bigTransferStarted;
      } else {
        await tick.runs;
        if (bigRunning && !bigEnded) {
          await bigReported;
          // At 01:10 the transfer ends: its job completes before the clock moves on.
          if (clock.now() >= bigEnd) {
            await bigRuns;
            bigEnded = true;
          }
        }
      }
      expect(engine.running()).toBeLessThanOrEqual(2);
      if (tick.sweep.deletedPoints > 0) {
        sweptDuringBigBackup = bigJob?.status === "InProgress";
        expect(await db.recoveryPoint.findUnique({ where: { id: expiring.id } })).toBeNull();
        expect(clock.now()).toEqual(new Date("2024-06-02T00:30:00Z"));
      }
      if (clock.now() < bigEnd && bigRunning) {
        // Still running (since the tick before), its lease renewed by its progress.
        expect(bigJob).toMatchObject({ status: "InProgress", progressPercent: expect.any(Number) });
        expect(bigJob!.leaseUntil!.getTime()).toBeGreaterThanOrEqual(clock.now().getTime());
      }
    }
    expect(await bigRuns).toEqual(["Completed"]);
    expect(bigTransfers).toBe(1);
    expect(sweptDuringBigBackup).toBe(true);

    // The big item's own 00:40 slot came while its backup ran: Skipped with the reason, as in Azure.
    const bigJobs = await db.job.findMany({ where: { protectedItemId: big.id }, orderBy: { scheduledFor: "asc" } });
    expect(bigJobs).toHaveLength(2);
    expect(bigJobs[0]).toMatchObject({
      status: "Completed",
      scheduledFor: new Date("2024-06-02T00:00:00Z"),
      endTime: new Date("2024-06-02T01:10:00Z"),
    });
    expect(bigJobs[1]).toMatchObject({
      status: "Skipped",
      scheduledFor: new Date("2024-06-02T00:40:00Z"),
      errorMessage: "Skipped: another backup of this item was still running.",
    });
    expect(await db.recoveryPoint.findFirstOrThrow({ where: { jobId: bigJobs[0].id } })).toMatchObject({
      type: "Full",
      sizeBytes: BigInt(2000 * 1024 ** 3),
    });

    // Every slot of the other items ran at its time, during the big backup; none was Skipped.
    const slots = ["00:20", "00:40", "01:00"].map((time) => `2024-06-02T${time}:00.000Z`);
    for (const item of others) {
      const jobs = await db.job.findMany({
        where: { protectedItemId: item.id },
        orderBy: { scheduledFor: "asc" },
        include: { recoveryPoint: { select: { time: true } } },
      });
      expect(jobs.map((job) => `${job.scheduledFor!.toISOString()} ${job.status}`)).toEqual(
        slots.map((slot) => `${slot} Completed`),
      );
      for (const job of jobs) {
        expect(job.startTime).toEqual(job.scheduledFor);
        expect(job.recoveryPoint?.time).toEqual(job.scheduledFor);
      }
    }
    expect(await db.job.count({ where: { vaultId, status: "Skipped" } })).toBe(1);
  });
});
