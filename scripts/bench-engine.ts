// npm run bench:engine: a benchmark, not a test. Prints the engine's tick time with 2,000 and
// 20,000 protected items, completed jobs per second with the instant data mover (2,000 items due at
// once), the retention sweep's time over 1,000,000 recovery points (bulk-inserted), and a tick at
// which 20,000 items are due at once: the planning's time, and planning and running them all
// (jobs per second), on a fresh SQLite file (or BENCH_DATABASE_URL, an empty database).
import { systemActor } from "@/lib/server/auth/authorize";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileFolderBackupNames } from "@/lib/domain/azure/resources";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { createDb, type Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { planBackups } from "@/lib/server/engine/planner";
import { sweepRetention } from "@/lib/server/engine/sweep";
import { migrateDatabase } from "@/lib/server/migrations";
import { bulkInserter } from "@/lib/server/seed/bulk-insert";
import { createPolicyRow } from "@/lib/server/services/policies";
import { createVault } from "@/lib/server/services/vaults";

const OPTIONS = { onTimeMs: 90_000, graceMs: 3_600_000, concurrency: 4 };
const DAY = 86_400_000;

async function freshDatabase(): Promise<{ db: Db; url: string }> {
  const url =
    process.env.BENCH_DATABASE_URL ?? `file:${path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "bench.db")}`;
  await migrateDatabase(url);
  return { db: createDb(url), url };
}

async function estate(db: Db, items: number, since: Date) {
  const vault = await createVault(
    db,
    {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-bench",
      name: `vault-bench-${items}`,
      location: "westeurope",
    },
    systemActor("bench"),
  );
  if (!vault.ok) throw new Error(vault.message);
  const imported = importAzurePolicy({
    backupManagementType: "MAB",
    timeZone: "UTC",
    schedulePolicy: {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Daily",
      scheduleRunTimes: ["2024-01-01T00:00:00Z"],
    },
    retentionPolicy: {
      retentionPolicyType: "LongTermRetentionPolicy",
      dailySchedule: { retentionDuration: { count: 30, durationType: "Days" } },
    },
  });
  if (!imported.ok) throw new Error("policy");
  const policy = await createPolicyRow(db, vault.data.id, "bench", imported.policy);
  const server = await db.backupAgentServer.create({
    data: { name: `bench-${items}.contoso.com`, osType: "Windows Server 2022", vaultId: vault.data.id },
  });
  const ids = Array.from({ length: items }, (_, index) => index);
  for (let start = 0; start < items; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    await db.fileFolderSource.createMany({
      data: chunk.map((index) => ({
        id: `folder-${items}-${index}`,
        serverId: server.id,
        path: `D:\\Data\\${index}`,
        sizeGb: 1,
        dailyChangeRatePercent: 1,
      })),
    });
    await db.protectedItem.createMany({
      data: chunk.map((index) => ({
        id: `item-${items}-${index}`,
        vaultId: vault.data.id,
        backupManagementType: "MAB" as const,
        fileFolderSourceId: `folder-${items}-${index}`,
        friendlyName: `D:\\Data\\${index}`,
        ...fileFolderBackupNames(server.name, `D:\\Data\\${index}`),
        policyId: policy.id,
        createdAt: since,
        protectionState: "Protected" as const,
      })),
    });
  }
  return ids.map((index) => `item-${items}-${index}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

const { db, url } = await freshDatabase();
const figures: Record<string, number> = {};
try {
  const since = new Date("2024-06-01T00:00:00Z");
  for (const count of [2000, 20000]) {
    await estate(db, count, since);
    const clock = new VirtualClock(new Date("2024-06-01T12:00:00Z"));
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    await engine.tick(); // warm-up
    clock.advance(60_000);
    figures[`tickMs_${count}Items`] = Math.round((await timed(() => engine.tick())).ms);
  }
  // Every item of the 2,000-item vault is due at midnight: plan and run them all.
  await db.protectedItem.updateMany({
    where: { id: { startsWith: "item-20000-" } },
    data: { protectionState: "ProtectionStopped" },
  });
  const clock = new VirtualClock(new Date("2024-06-02T00:00:30Z"));
  // The tick returns once it has planned, swept and started the backups; they run on until `runs` settles.
  const due = await timed(
    async () => (await createEngine({ db, clock, mover: instantMover, options: OPTIONS }).tick()).runs,
  );
  figures.completedJobsPerSecond = Math.round(
    due.result.filter((outcome) => outcome === "Completed").length / (due.ms / 1000),
  );

  // 1,000,000 recovery points: 500 on each of the 2,000 items, half of them expired.
  const items = Array.from({ length: 2000 }, (_, index) => `item-2000-${index}`);
  const created = await timed(async () => {
    const bulk = await bulkInserter(url);
    for (let point = 0; point < 500; point++) {
      const time = new Date(since.getTime() - (500 - point) * DAY);
      const expiresAt = new Date(time.getTime() + (point < 250 ? DAY : 1000 * DAY));
      await bulk.insert(
        "RecoveryPoint",
        {
          id: "text",
          protectedItemId: "text",
          time: "timestamp",
          type: { enum: "RecoveryPointType" },
          inSnapshotTier: "bool",
          inVaultTier: "bool",
          retentionRules: "json",
          ruleName: "text",
          expiresAt: "timestamp",
          isOnDemand: "bool",
          sizeBytes: "bigint",
        },
        // Ids in creation order, as Prisma's cuids are (random ids would scatter the deletes over the table).
        items.map((protectedItemId, index) => ({
          id: `rp${String(point).padStart(3, "0")}${String(index).padStart(4, "0")}`,
          protectedItemId,
          time,
          type: "Incremental",
          inSnapshotTier: false,
          inVaultTier: true,
          retentionRules: ["Daily"],
          ruleName: "Daily",
          expiresAt,
          isOnDemand: false,
          sizeBytes: 1,
        })),
      );
    }
    await bulk.close();
  });
  figures.insertMillionPointsMs = Math.round(created.ms);
  const sweep = await timed(() => sweepRetention(db, new Date("2024-06-02T01:00:00Z")));
  figures.sweepMillionPointsMs = Math.round(sweep.ms);
  figures.sweptPoints = sweep.result.deletedPoints;

  // Every item of the 20,000-item vault is due at once (one daily policy): plan them, then run them all.
  await db.protectedItem.updateMany({
    where: { id: { startsWith: "item-2000-" } },
    data: { protectionState: "ProtectionStopped" },
  });
  await db.protectedItem.updateMany({
    where: { id: { startsWith: "item-20000-" } },
    data: { protectionState: "Protected" },
  });
  const dueAt = new Date("2024-06-02T00:00:30Z");
  const bigEngine = createEngine({ db, clock: new VirtualClock(dueAt), mover: instantMover, options: OPTIONS });
  const started = performance.now();
  const plan = await timed(() => planBackups(db, dueAt, OPTIONS));
  const outcomes = await bigEngine.runPending();
  const planAndRunMs = performance.now() - started;
  figures.due20000_planned = plan.result;
  figures.due20000_planMs = Math.round(plan.ms);
  figures.due20000_planAndRunMs = Math.round(planAndRunMs);
  figures.due20000_completedJobsPerSecond = Math.round(
    outcomes.filter((outcome) => outcome === "Completed").length / (planAndRunMs / 1000),
  );
} finally {
  await db.$disconnect();
}
for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(28)} ${value}`);
console.log(JSON.stringify(figures));
