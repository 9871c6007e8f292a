import { beforeAll, expect, it } from "vitest";
import { plannedRecoveryPoints, recoveryPointsAt } from "@/lib/domain/retention/recovery-points";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { fileFolderBackupNames, virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { JOB_ERRORS } from "@/lib/domain/jobs/errors";
import { type DataMover, instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { runBackupJob } from "@/lib/server/engine/runner";
import { filesPolicy } from "@/lib/server/seed/demo-policies";
import { createPolicyRow } from "@/lib/server/services/policies";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { createVault } from "@/lib/server/services/vaults";
import { cancelJob } from "@/lib/server/services/jobs";
import { backupNow } from "@/lib/server/services/protection";
import { systemActor } from "@/lib/server/auth/authorize";
import { describeOnDatabases } from "./databases";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";

const OPTIONS = { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 2 };
let vaultSeq = 0;

async function vaultWithPolicy(db: Db, policyDocument: unknown) {
  const vault = await createVault(
    db,
    {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-engine",
      name: `vault-engine-${++vaultSeq}`,
      location: "westeurope",
    },
    systemActor("tester@contoso.com"),
  );
  if (!vault.ok) throw new Error(vault.message);
  const imported = importAzurePolicy(policyDocument);
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  const policy = await createPolicyRow(db, vault.data.id, `policy-${vaultSeq}`, imported.policy);
  return { vaultId: vault.data.id, policy };
}

async function protectFolder(db: Db, vaultId: string, policyId: string, since: Date) {
  const server = await db.backupAgentServer.create({
    data: { name: `srv${++vaultSeq}.contoso.com`, osType: "Windows Server 2022", vaultId },
  });
  const folder = await db.fileFolderSource.create({
    data: { serverId: server.id, path: "D:\\Data", sizeGb: 10, dailyChangeRatePercent: 2 },
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

async function protectVm(db: Db, vaultId: string, policyId: string, since: Date) {
  const name = `vm-${++vaultSeq}`;
  const vm = await db.virtualMachine.create({
    data: {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-engine",
      name,
      location: "westeurope",
      osType: "Linux",
      sizeGb: 32,
      dailyChangeRatePercent: 3,
    },
  });
  const item = await db.protectedItem.create({
    data: {
      vaultId,
      backupManagementType: "AzureIaasVM",
      virtualMachineId: vm.id,
      friendlyName: name,
      ...virtualMachineBackupNames("rg-engine", name),
      policyId,
      createdAt: since,
    },
  });
  return { vm, item };
}

const summary = (
  points: Array<{ time: Date; ruleName?: string | null; governingRule?: string | null; expiresAt: Date | null }>,
) =>
  points
    .map(
      (point) =>
        `${point.time.toISOString()} ${point.ruleName ?? point.governingRule ?? "snapshot"} ${point.expiresAt?.toISOString() ?? "-"}`,
    )
    .sort();

describeOnDatabases("the engine", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("a Backup Agent policy over 400 days yields exactly the domain's points, and the database holds the --at set as it goes", async () => {
    const start = new Date("2024-01-01T00:00:00Z");
    const end = new Date("2025-02-04T00:00:00Z");
    const { vaultId, policy } = await vaultWithPolicy(db, filesPolicy("UTC", "UTC").properties);
    const item = await protectFolder(db, vaultId, policy.id, new Date(start.getTime() - 60_000));
    const rules = rulesOfStoredPolicy(policy);
    const planned = plannedRecoveryPoints(rules, start, end);
    const clock = new VirtualClock(start);
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    const checkpoints = new Set([100, 400, 799]);
    const slots = scheduledSlots(rules.schedule, rules.timeZone, start, end, { includeFrom: true });
    for (const [index, slot] of slots.entries()) {
      clock.set(new Date(slot.at.getTime() + 30_000));
      await (
        await engine.tick()
      ).runs;
      if (checkpoints.has(index)) {
        const now = clock.now();
        const stored = await db.recoveryPoint.findMany({
          where: { protectedItemId: item.id },
          select: { time: true, ruleName: true, expiresAt: true },
        });
        expect(summary(stored)).toEqual(
          summary(
            recoveryPointsAt(
              planned.filter((point) => point.time <= now),
              now,
            ),
          ),
        );
      }
    }
    const jobs = await db.job.groupBy({ by: ["status"], where: { protectedItemId: item.id }, _count: { _all: true } });
    expect(jobs).toEqual([{ status: "Completed", _count: { _all: slots.length } }]);
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      protectionState: "Protected",
      lastBackupStatus: "Completed",
    });
    const first = await db.recoveryPoint.findFirst({ where: { protectedItemId: item.id }, orderBy: { time: "asc" } });
    expect(first?.time.getFullYear()).toBe(2024);
    // 400 days of ticks: up to 170 s on a 2-core machine loaded 4-fold.
  }, 600_000);

  it("an enhanced hourly VM policy over 60 days matches the domain too: snapshots for every slot, the window's last slot in the vault", async () => {
    const example = JSON.parse(readFileSync("tests/fixtures/azure-policy-examples/iaasvm_v2_hourly.json", "utf8"));
    const start = new Date("2024-03-01T00:00:00Z");
    const end = new Date("2024-04-30T00:00:00Z");
    const { vaultId, policy } = await vaultWithPolicy(db, example);
    const { item } = await protectVm(db, vaultId, policy.id, new Date(start.getTime() - 60_000));
    const rules = rulesOfStoredPolicy(policy);
    const clock = new VirtualClock(start);
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    const slots = scheduledSlots(rules.schedule, rules.timeZone, start, end, { includeFrom: true });
    for (const slot of slots) {
      clock.set(new Date(slot.at.getTime() + 30_000));
      await (
        await engine.tick()
      ).runs;
    }
    const now = clock.now();
    const stored = await db.recoveryPoint.findMany({
      where: { protectedItemId: item.id },
      select: { time: true, ruleName: true, expiresAt: true, inVaultTier: true, type: true },
    });
    expect(summary(stored)).toEqual(summary(recoveryPointsAt(plannedRecoveryPoints(rules, start, now), now)));
    expect(stored.filter((point) => point.type === "Full")).toHaveLength(0); // the first point (full) has expired by now
  });

  it("runs a daily 02:30 America/New_York policy at 03:30 local on the spring-forward day and once on the fall-back day", async () => {
    const document = filesPolicy("America/New_York", "Eastern Standard Time").properties;
    document.schedulePolicy = {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Daily",
      scheduleRunTimes: ["2024-01-01T02:30:00Z"],
    };
    document.retentionPolicy = {
      retentionPolicyType: "LongTermRetentionPolicy",
      dailySchedule: { retentionDuration: { count: 30, durationType: "Days" } },
    };
    const { vaultId, policy } = await vaultWithPolicy(db, document);
    const item = await protectFolder(db, vaultId, policy.id, new Date("2026-03-07T00:00:00Z"));
    const clock = new VirtualClock(new Date("2026-03-07T00:00:00Z"));
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    for (let minute = 0; minute < 3 * 24 * 60; minute += 15) {
      clock.advance(15 * 60_000);
      await (
        await engine.tick()
      ).runs;
    }
    // A tick every 15 minutes; slots are found within 15 minutes of their time.
    const march = await db.job.findMany({
      where: { protectedItemId: item.id },
      orderBy: { scheduledFor: "asc" },
      select: { scheduledFor: true, status: true },
    });
    expect(march.map((job) => job.scheduledFor?.toISOString())).toEqual([
      "2026-03-07T07:30:00.000Z",
      "2026-03-08T07:30:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
    clock.set(new Date("2026-10-31T00:00:00Z"));
    await db.job.deleteMany({ where: { protectedItemId: item.id } });
    await db.protectedItem.update({
      where: { id: item.id },
      data: { createdAt: new Date("2026-10-31T00:00:00Z"), lastScheduledFor: null },
    });
    for (let minute = 0; minute < 3 * 24 * 60; minute += 15) {
      clock.advance(15 * 60_000);
      await (
        await engine.tick()
      ).runs;
    }
    const november = await db.job.findMany({
      where: { protectedItemId: item.id },
      orderBy: { scheduledFor: "asc" },
      select: { scheduledFor: true },
    });
    expect(november.map((job) => job.scheduledFor?.toISOString())).toEqual([
      "2026-10-31T06:30:00.000Z",
      "2026-11-01T07:30:00.000Z",
      "2026-11-02T07:30:00.000Z",
    ]);
  });

  it("records missed slots as Skipped with the reason and catches up only the latest within the grace window", async () => {
    const { vaultId, policy } = await vaultWithPolicy(db, filesPolicy("UTC", "UTC").properties);
    const item = await protectFolder(db, vaultId, policy.id, new Date("2024-06-01T00:00:00Z"));
    const clock = new VirtualClock(new Date("2024-06-04T00:20:00Z")); // down for three days
    await (
      await createEngine({ db, clock, mover: instantMover, options: OPTIONS }).tick()
    ).runs;
    const jobs = await db.job.findMany({ where: { protectedItemId: item.id }, orderBy: { scheduledFor: "asc" } });
    expect(jobs.filter((job) => job.status === "Skipped")).toHaveLength(5);
    expect(jobs.filter((job) => job.status === "Skipped").every((job) => /Missed/.test(job.errorMessage ?? ""))).toBe(
      true,
    );
    expect(jobs.filter((job) => job.status === "Completed").map((job) => job.scheduledFor?.toISOString())).toEqual([
      "2024-06-04T00:00:00.000Z",
    ]);
  });

  it("closes jobs a crash left running as Failed, without running their slot again", async () => {
    const { vaultId, policy } = await vaultWithPolicy(db, filesPolicy("UTC", "UTC").properties);
    const item = await protectFolder(db, vaultId, policy.id, new Date("2024-06-01T00:00:00Z"));
    const clock = new VirtualClock(new Date("2024-06-01T18:00:10Z"));
    const crashed = await db.job.create({
      data: {
        vaultId,
        protectedItemId: item.id,
        operation: "Backup",
        status: "InProgress",
        startTime: clock.now(),
        scheduledFor: new Date("2024-06-01T18:00:00Z"),
        claimedAt: clock.now(),
        entityFriendlyName: item.friendlyName,
        backupManagementType: "MAB",
        subTasks: [],
        initiatedBy: "Scheduled",
      },
    });
    // Requested but not started when the engine stopped: it runs after the restart. (Of another item,
    // between its slots: an item runs one backup at a time.)
    const other = await protectFolder(db, vaultId, policy.id, new Date("2024-06-01T00:00:00Z"));
    await db.protectedItem.update({
      where: { id: other.id },
      data: { lastScheduledFor: new Date("2024-06-01T18:00:00Z"), nextScheduledFor: new Date("2024-06-02T00:00:00Z") },
    });
    const pending = await db.job.create({
      data: {
        vaultId,
        protectedItemId: other.id,
        operation: "Backup",
        status: "InProgress",
        startTime: clock.now(),
        retainUntil: new Date("2024-07-01T00:00:00Z"),
        entityFriendlyName: other.friendlyName,
        backupManagementType: "MAB",
        subTasks: [],
        initiatedBy: "admin@contoso.com",
      },
    });
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    expect(await engine.recover()).toBeGreaterThanOrEqual(1);
    expect(await db.job.findUniqueOrThrow({ where: { id: crashed.id } })).toMatchObject({
      status: "Failed",
      errorMessage: "The engine running this job stopped before it finished (its lease ran out).",
    });
    clock.advance(60_000);
    const tick = await engine.tick();
    expect(tick.planned).toBe(0);
    expect(await tick.runs).toEqual(["Completed"]);
    expect(await db.recoveryPoint.findFirstOrThrow({ where: { jobId: pending.id } })).toMatchObject({
      isOnDemand: true,
      ruleName: "OnDemand",
      expiresAt: new Date("2024-07-01T00:00:00Z"),
    });
  });

  it("fails backups of a deleted VM with UserErrorVmNotFoundV2, turns Pre-Check Critical only after an on-demand attempt, and keeps the latest point", async () => {
    const example = JSON.parse(readFileSync("tests/fixtures/azure-policy-examples/iaasvm_simple.json", "utf8"));
    const { vaultId, policy } = await vaultWithPolicy(db, example);
    const start = new Date("2024-01-01T00:00:00Z");
    const { vm, item } = await protectVm(db, vaultId, policy.id, start);
    const clock = new VirtualClock(new Date("2024-01-01T10:00:30Z"));
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    await (
      await engine.tick()
    ).runs;
    await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: clock.now() } });
    for (let day = 1; day <= 5; day++) {
      clock.advance(86_400_000);
      await (
        await engine.tick()
      ).runs;
    }
    const failed = await db.job.findMany({ where: { protectedItemId: item.id, status: "Failed" } });
    expect(failed).toHaveLength(5);
    expect(failed.every((job) => job.errorCode === "UserErrorVmNotFoundV2")).toBe(true);
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      protectionState: "ProtectionError",
      preCheckStatus: "Passed",
    });
    // The only point expired days ago (1-day retention), but it is the most recent one: kept.
    expect(await db.recoveryPoint.count({ where: { protectedItemId: item.id } })).toBe(1);

    const onDemand = await backupNow(
      db,
      { vaultId, itemId: item.id, retainUntil: new Date(clock.now().getTime() + 30 * 86_400_000) },
      systemActor("admin@contoso.com"),
      clock.now(),
    );
    if (!onDemand.ok) throw new Error(onDemand.message);
    expect(await runBackupJob(db, onDemand.data.jobId, clock, instantMover)).toBe("Failed");
    expect(await db.job.findUniqueOrThrow({ where: { id: onDemand.data.jobId } })).toMatchObject({
      status: "Failed",
      errorCode: "UserErrorVmNotFoundV2",
      initiatedBy: "admin@contoso.com",
    });
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      preCheckStatus: "Critical",
    });
  });

  it("cancels a running backup: Cancelled, nothing kept, and the next backup is incremental from the last good point", async () => {
    const { vaultId, policy } = await vaultWithPolicy(db, filesPolicy("UTC", "UTC").properties);
    const item = await protectFolder(db, vaultId, policy.id, new Date("2024-06-01T00:00:00Z"));
    const clock = new VirtualClock(new Date("2024-06-01T18:00:10Z"));
    const cancelling: DataMover = {
      snapshot: instantMover.snapshot,
      async transfer({ bytes, onProgress, cancelled }) {
        await onProgress(bytes / 2);
        const running = await db.job.findFirstOrThrow({ where: { protectedItemId: item.id, status: "InProgress" } });
        expect(await cancelJob(db, { vaultId, jobId: running.id }, systemActor("admin@contoso.com"))).toEqual({
          ok: true,
          data: { status: "Cancelling" },
        });
        return (await cancelled()) ? "cancelled" : "completed";
      },
    };
    await (
      await createEngine({ db, clock, mover: cancelling, options: OPTIONS }).tick()
    ).runs;
    const [job] = await db.job.findMany({ where: { protectedItemId: item.id } });
    expect(job).toMatchObject({ status: "Cancelled", bytesTransferred: 0n });
    expect(await db.recoveryPoint.count({ where: { protectedItemId: item.id } })).toBe(0);
    clock.set(new Date("2024-06-02T00:00:10Z"));
    await (
      await createEngine({ db, clock, mover: instantMover, options: OPTIONS }).tick()
    ).runs;
    expect((await db.recoveryPoint.findFirstOrThrow({ where: { protectedItemId: item.id } })).type).toBe("Full");
  });

  it("a failed transfer leaves a VM's snapshot (Completed with warnings) and fails an agent backup", async () => {
    const failingTransfer: DataMover = {
      snapshot: instantMover.snapshot,
      transfer: async () => ({ failed: JOB_ERRORS.transferTimedOut }),
    };
    const example = JSON.parse(readFileSync("tests/fixtures/azure-policy-examples/iaasvm_simple.json", "utf8"));
    const vmVault = await vaultWithPolicy(db, example);
    const { item: vmItem } = await protectVm(db, vmVault.vaultId, vmVault.policy.id, new Date("2024-01-01T00:00:00Z"));
    const agentVault = await vaultWithPolicy(db, filesPolicy("UTC", "UTC").properties);
    const agentItem = await protectFolder(
      db,
      agentVault.vaultId,
      agentVault.policy.id,
      new Date("2024-01-01T00:00:00Z"),
    );
    const clock = new VirtualClock(new Date("2024-01-01T10:00:30Z"));
    await (
      await createEngine({ db, clock, mover: failingTransfer, options: OPTIONS }).tick()
    ).runs;
    clock.set(new Date("2024-01-01T18:00:30Z"));
    await (
      await createEngine({ db, clock, mover: failingTransfer, options: OPTIONS }).tick()
    ).runs;
    const vmJob = await db.job.findFirstOrThrow({ where: { protectedItemId: vmItem.id } });
    expect(vmJob).toMatchObject({ status: "CompletedWithWarnings", errorCode: "TransferToVaultFailed" });
    expect(await db.recoveryPoint.findFirstOrThrow({ where: { protectedItemId: vmItem.id } })).toMatchObject({
      inSnapshotTier: true,
      inVaultTier: false,
      ruleName: null,
      expiresAt: null,
    });
    expect(await db.protectedItem.findUniqueOrThrow({ where: { id: vmItem.id } })).toMatchObject({
      lastBackupStatus: "CompletedWithWarnings",
      protectionState: "Protected",
    });
    const agentJob = await db.job.findFirstOrThrow({ where: { protectedItemId: agentItem.id } });
    expect(agentJob).toMatchObject({ status: "Failed", errorCode: "TransferToVaultFailed" });
    expect(await db.recoveryPoint.count({ where: { protectedItemId: agentItem.id } })).toBe(0);
  });

  it("two engine processes ticking on one database never plan a slot twice", async () => {
    const { vaultId, policy } = await vaultWithPolicy(db, filesPolicy("UTC", "UTC").properties);
    const item = await protectFolder(db, vaultId, policy.id, new Date("2024-06-01T00:00:00Z"));
    const tick = (at: Date) =>
      new Promise<void>((resolve, reject) =>
        execFile(
          "npx",
          ["tsx", "scripts/engine-tick.ts", "--at", at.toISOString()],
          { env: { ...process.env, DATABASE_URL: database().url } },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
    for (const at of ["2024-06-01T18:00:05Z", "2024-06-02T00:00:05Z", "2024-06-02T18:00:05Z"]) {
      await Promise.all([tick(new Date(at)), tick(new Date(at))]);
    }
    const jobs = await db.job.findMany({
      where: { protectedItemId: item.id },
      select: { scheduledFor: true, status: true },
    });
    expect(jobs.map((job) => `${job.scheduledFor!.toISOString()} ${job.status}`).sort()).toEqual([
      "2024-06-01T18:00:00.000Z Completed",
      "2024-06-02T00:00:00.000Z Completed",
      "2024-06-02T18:00:00.000Z Completed",
    ]);
  });
});
