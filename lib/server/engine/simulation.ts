// `npm run simulate -- --engine`: the real engine (planning, runner with the instant mover,
// sweep) and the Backup now service under a virtual clock, on a fresh temporary SQLite database,
// with one protected item on the policy. The clock jumps from one due event (a slot, an on-demand
// backup) to the next, so years simulate in seconds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SimulatedPoint, Simulation } from "@/lib/cli/simulate";
import { fileFolderBackupNames, virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import type { Tier } from "@/lib/domain/retention/recovery-points";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { systemActor } from "@/lib/server/auth/authorize";
import { createDb, type Db } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { createPolicyRow } from "@/lib/server/services/policies";
import { backupNow } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { VirtualClock } from "./clock";
import { instantMover } from "./data-mover";
import { createEngine } from "./engine";
import { sweepRetention } from "./sweep";

const SUBSCRIPTION = "00000000-0000-4000-8000-000000000000";
const ACTOR = systemActor("simulate");

async function protectedItemOn(db: Db, simulation: Simulation): Promise<{ vaultId: string; itemId: string }> {
  const vault = await createVault(
    db,
    { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-simulate", name: "vault-simulate", location: "westeurope" },
    ACTOR,
  );
  if (!vault.ok) throw new Error(vault.message);
  const vaultId = vault.data.id;
  const policy = await createPolicyRow(db, vaultId, "Simulated", simulation.policy);
  // Created just before `from`, so a slot at `from` is planned.
  const createdAt = new Date(simulation.from.getTime() - 1);
  if (policy.backupManagementType === "AzureIaasVM") {
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-simulate",
        name: "vm-simulate",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 64,
        dailyChangeRatePercent: 2,
      },
    });
    const item = await db.protectedItem.create({
      data: {
        vaultId,
        backupManagementType: "AzureIaasVM",
        virtualMachineId: vm.id,
        friendlyName: vm.name,
        ...virtualMachineBackupNames(vm.resourceGroup, vm.name),
        policyId: policy.id,
        createdAt,
      },
    });
    return { vaultId, itemId: item.id };
  }
  const server = await db.backupAgentServer.create({
    data: { name: "simulate.contoso.com", osType: "Windows Server 2022", vaultId, registeredAt: createdAt },
  });
  const folder = await db.fileFolderSource.create({
    data: { serverId: server.id, path: "D:\\Data", sizeGb: 100, dailyChangeRatePercent: 2 },
  });
  const item = await db.protectedItem.create({
    data: {
      vaultId,
      backupManagementType: "MAB",
      fileFolderSourceId: folder.id,
      friendlyName: folder.path,
      ...fileFolderBackupNames(server.name, folder.path),
      policyId: policy.id,
      createdAt,
    },
  });
  return { vaultId, itemId: item.id };
}

type StoredPoint = {
  time: Date;
  inSnapshotTier: boolean;
  inVaultTier: boolean;
  retentionRules: unknown;
  ruleName: string | null;
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
  isOnDemand: boolean;
};

/** A stored point as the domain describes it: the tiers the backup created (the sweep clears an expired snapshot's flag). */
function simulatedPoint(point: StoredPoint): SimulatedPoint {
  const tiers: Tier[] = [
    ...(point.snapshotExpiresAt ? (["snapshot"] as const) : []),
    ...(point.inVaultTier ? (["vault"] as const) : []),
  ];
  return {
    time: point.time,
    tiers,
    rules: point.retentionRules as SimulatedPoint["rules"],
    governingRule: point.ruleName as SimulatedPoint["governingRule"],
    expiresAt: point.expiresAt,
    snapshotExpiresAt: point.snapshotExpiresAt,
    onDemand: point.isOnDemand,
  };
}

const byTime = (a: SimulatedPoint, b: SimulatedPoint) =>
  a.time.getTime() - b.time.getTime() || Number(a.onDemand) - Number(b.onDemand);

export async function simulateOnEngine(simulation: Simulation): Promise<SimulatedPoint[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "vault-portal-simulate-"));
  const url = `file:${path.join(dir, "simulate.db")}`;
  await migrateDatabase(url);
  const db = createDb(url);
  try {
    // A throwaway database: no need to wait for the disk at each commit.
    await db.$queryRawUnsafe("PRAGMA journal_mode = MEMORY");
    await db.$executeRawUnsafe("PRAGMA synchronous = OFF");
    const { vaultId, itemId } = await protectedItemOn(db, simulation);
    const rules = policyRulesOf(simulation.policy.properties, simulation.policy.timeZone);
    const end = simulation.at && simulation.at < simulation.to ? simulation.at : simulation.to;
    const clock = new VirtualClock(simulation.from);
    const engine = createEngine({
      db,
      clock,
      mover: instantMover,
      options: { onTimeMs: 0, graceMs: 0, concurrency: 1 },
    });
    const onDemand = simulation.onDemand.filter((backup) => backup.at >= simulation.from && backup.at <= end);
    const events = [
      ...new Set([
        ...scheduledSlots(rules.schedule, rules.timeZone, simulation.from, end, { includeFrom: true }).map((slot) =>
          slot.at.getTime(),
        ),
        ...onDemand.map((backup) => backup.at.getTime()),
      ]),
    ].sort((a, b) => a - b);
    const created: SimulatedPoint[] = [];
    for (const event of events) {
      const at = new Date(event);
      clock.set(at);
      // The tick sweeps before its backup runs, so a point this backup supersedes, if already
      // expired, goes at the next tick rather than this one. The output doesn't depend on that:
      // without --at it lists the points as they are created, and with --at the sweep at --at
      // below removes all that earlier sweeps would have (expiry only grows with time, and an
      // item's latest point then is later than any point an earlier sweep kept as latest).
      await (
        await engine.tick()
      ).runs;
      // After the slot's backup, so an on-demand request at the same instant doesn't make the slot skip.
      for (const backup of onDemand.filter((request) => request.at.getTime() === event)) {
        const requested = await backupNow(db, { vaultId, itemId, retainUntil: backup.retainUntil }, ACTOR, at);
        if (!requested.ok) throw new Error(`On-demand backup at ${at.toISOString()}: ${requested.message}`);
        await engine.runPending();
      }
      // Everything created at this instant is still there: it is the item's most recent.
      if (!simulation.at)
        created.push(
          ...(await db.recoveryPoint.findMany({ where: { protectedItemId: itemId, time: at } })).map(simulatedPoint),
        );
    }
    if (!simulation.at) return created.sort(byTime);
    await sweepRetention(db, simulation.at);
    return (await db.recoveryPoint.findMany({ where: { protectedItemId: itemId } })).map(simulatedPoint).sort(byTime);
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
