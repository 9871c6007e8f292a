// The retention sweep's SQL keeps exactly the points recoveryPointSurvival says survive, on both
// databases: items in each situation (active with expired, unexpired, most recent and most recent
// vault copies; on-demand points with their own retain-until; stopped, suspended, soft-deleted and
// purged items), swept at instants that fall before, on and after the expiries.
import { beforeAll, expect, it } from "vitest";
import { fileFolderBackupNames, virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import type { ProtectionState } from "@/lib/domain/protection/actions";
import {
  latestTimes,
  recoveryPointSurvival,
  snapshotCopySurvives,
  type SurvivalPoint,
} from "@/lib/domain/retention/survival";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { sweepRetention } from "@/lib/server/engine/sweep";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";
import { seededRandom } from "../seeded-random";

const DAY = 86_400_000;
const t0 = new Date("2026-03-01T00:00:00Z");
const day = (n: number) => new Date(t0.getTime() + n * DAY);

type ItemSetup = {
  protectionState: ProtectionState;
  /** A real Backup Agent's folder, whose points hold restic snapshots (the sweep deletes them in an interactive transaction). */
  realAgent?: boolean;
  deletedAt?: Date;
  purgeAt?: Date | null;
  points: Array<Omit<SurvivalPoint, "inVaultTier"> & { tiers: "snapshot" | "vault" | "both"; onDemand?: boolean }>;
};

type StoredItem = {
  id: string;
  protectionState: string;
  deletedAt: Date | null;
  purgeAt: Date | null;
  points: Array<SurvivalPoint & { id: string; snapshotId: string | null }>;
};

let sequence = 0;

async function createItems(db: Db, setups: ItemSetup[]): Promise<StoredItem[]> {
  const vault = await createVault(
    db,
    {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-sweep",
      name: `vault-sweep-${++sequence}`,
      location: "westeurope",
    },
    systemActor("tester@contoso.com"),
  );
  if (!vault.ok) throw new Error(vault.message);
  const items: StoredItem[] = [];
  for (const setup of setups) {
    const name = `sweep-${++sequence}`;
    const item = await db.protectedItem.create({
      data: {
        vaultId: vault.data.id,
        ...(await dataSourceOf(db, vault.data.id, name, setup.realAgent ?? false)),
        protectionState: setup.protectionState,
        deletedAt: setup.deletedAt ?? null,
        purgeAt: setup.purgeAt ?? null,
        createdAt: t0,
      },
    });
    const points = [];
    for (const point of setup.points) {
      const stored = await db.recoveryPoint.create({
        data: {
          protectedItemId: item.id,
          time: point.time,
          type: "Incremental",
          inSnapshotTier: point.tiers !== "vault",
          inVaultTier: point.tiers !== "snapshot",
          retentionRules: point.onDemand ? [] : ["Daily"],
          ruleName: point.onDemand ? "OnDemand" : point.tiers === "snapshot" ? null : "Daily",
          isOnDemand: point.onDemand ?? false,
          expiresAt: point.expiresAt,
          snapshotExpiresAt: point.snapshotExpiresAt,
          sizeBytes: BigInt(1_000_000),
          snapshotId: setup.realAgent ? `snapshot-${++sequence}` : null,
        },
      });
      points.push({
        id: stored.id,
        time: stored.time,
        inVaultTier: stored.inVaultTier,
        expiresAt: stored.expiresAt,
        snapshotExpiresAt: stored.snapshotExpiresAt,
        snapshotId: stored.snapshotId,
      });
    }
    items.push({
      id: item.id,
      protectionState: item.protectionState,
      deletedAt: item.deletedAt,
      purgeAt: item.purgeAt,
      points,
    });
  }
  return items;
}

/** A VM, or a real Backup Agent's folder, for an item named `name`. */
async function dataSourceOf(db: Db, vaultId: string, name: string, realAgent: boolean) {
  if (realAgent) {
    const server = await db.backupAgentServer.create({
      data: { name: `${name}.contoso.com`, osType: "Windows Server 2022", vaultId, credentialHash: "0".repeat(64) },
    });
    const folder = await db.fileFolderSource.create({
      data: { serverId: server.id, path: "D:\\Data", sizeGb: 10, dailyChangeRatePercent: 2 },
    });
    return {
      backupManagementType: "MAB" as const,
      fileFolderSourceId: folder.id,
      friendlyName: folder.path,
      ...fileFolderBackupNames(server.name, folder.path),
    };
  }
  const vm = await db.virtualMachine.create({
    data: {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-sweep",
      name,
      location: "westeurope",
      osType: "Linux",
      sizeGb: 32,
      dailyChangeRatePercent: 3,
    },
  });
  return {
    backupManagementType: "AzureIaasVM" as const,
    virtualMachineId: vm.id,
    friendlyName: name,
    ...virtualMachineBackupNames("rg-sweep", name),
  };
}

/**
 * The points the domain says survive at `at`, given the points the item still holds: their ids,
 * each with " +snapshot" while its snapshot copy survives too.
 */
function survivorsByDomain(item: StoredItem, held: StoredItem["points"], at: Date): string[] {
  const context = {
    protectionState: item.protectionState,
    softDeleted: item.deletedAt !== null,
    purgeAt: item.purgeAt,
    ...latestTimes(held),
  };
  return held
    .filter((point) => recoveryPointSurvival(point, context, at).survives)
    .map((point) => (snapshotCopySurvives(point, context, at) ? `${point.id} +snapshot` : point.id))
    .sort();
}

async function storedIds(db: Db, items: StoredItem[]): Promise<Map<string, string[]>> {
  const rows = await db.recoveryPoint.findMany({
    where: { protectedItemId: { in: items.map((item) => item.id) } },
    select: { id: true, protectedItemId: true, inSnapshotTier: true },
  });
  return new Map(
    items.map((item) => [
      item.id,
      rows
        .filter((row) => row.protectedItemId === item.id)
        .map((row) => (row.inSnapshotTier ? `${row.id} +snapshot` : row.id))
        .sort(),
    ]),
  );
}

/**
 * Sweeps at each instant in turn and checks, per item, that the database holds exactly what the
 * domain keeps of what it held before the sweep, and of the points first created (sweeping at
 * every instant removes what one sweep at the last would). Returns the checks made.
 */
async function sweepAndCompare(db: Db, items: StoredItem[], instants: Date[]): Promise<number> {
  let held = new Map(items.map((item) => [item.id, item.points]));
  let checks = 0;
  for (const at of instants) {
    await sweepRetention(db, at);
    const stored = await storedIds(db, items);
    for (const item of items) {
      const expected = survivorsByDomain(item, held.get(item.id)!, at);
      expect(stored.get(item.id), `item ${item.protectionState} at ${at.toISOString()}`).toEqual(expected);
      expect(survivorsByDomain(item, item.points, at)).toEqual(expected);
      checks++;
    }
    const storedPointIds = (itemId: string) => stored.get(itemId)!.map((entry) => entry.split(" ")[0]);
    held = new Map(
      items.map((item) => [item.id, held.get(item.id)!.filter((point) => storedPointIds(item.id).includes(point.id))]),
    );
  }
  return checks;
}

/** One item's points in every role: expired, unexpired by either copy, on-demand, the most recent point and vault copy. */
const mixedPoints: ItemSetup["points"] = [
  // The vault copy outlives the snapshot, and the other way round.
  { time: day(1), tiers: "both", snapshotExpiresAt: day(3), expiresAt: day(8) },
  { time: day(2), tiers: "both", snapshotExpiresAt: day(6), expiresAt: day(5) },
  // On demand: kept until its retain-until date, long after the policy's points.
  { time: day(3), tiers: "both", snapshotExpiresAt: day(5), expiresAt: day(40), onDemand: true },
  { time: day(4), tiers: "vault", snapshotExpiresAt: null, expiresAt: day(6) },
  // The most recent vault copy, then two snapshot-only points, the last of them the most recent point.
  { time: day(5), tiers: "both", snapshotExpiresAt: day(7), expiresAt: day(9) },
  { time: day(6), tiers: "snapshot", snapshotExpiresAt: day(8), expiresAt: null },
  { time: day(7), tiers: "snapshot", snapshotExpiresAt: day(9), expiresAt: null },
];

describeOnDatabases("the retention sweep against recoveryPointSurvival", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("keeps exactly the surviving points in each situation, at instants before, on and after their expiries", async () => {
    const expiredLongAgo: ItemSetup["points"] = [
      { time: day(1), tiers: "both", snapshotExpiresAt: day(2), expiresAt: day(3) },
      { time: day(2), tiers: "vault", snapshotExpiresAt: null, expiresAt: day(3) },
      { time: day(3), tiers: "snapshot", snapshotExpiresAt: day(4), expiresAt: null },
    ];
    const items = await createItems(db, [
      { protectionState: "Protected", points: mixedPoints },
      { protectionState: "IRPending", points: mixedPoints },
      { protectionState: "ProtectionError", points: mixedPoints },
      { protectionState: "Protected", points: expiredLongAgo },
      // Two points at the most recent instant, both expired: both are the most recent.
      {
        protectionState: "Protected",
        points: [
          ...expiredLongAgo,
          { time: day(4), tiers: "snapshot", snapshotExpiresAt: day(5), expiresAt: null },
          { time: day(4), tiers: "vault", snapshotExpiresAt: null, expiresAt: day(5), onDemand: true },
        ],
      },
      // Neither copy has an expiry (nothing the engine writes, but the rule says it is expired).
      {
        protectionState: "Protected",
        points: [...expiredLongAgo, { time: day(0), tiers: "both", snapshotExpiresAt: null, expiresAt: null }],
      },
      { protectionState: "ProtectionStopped", points: mixedPoints },
      { protectionState: "BackupsSuspended", points: mixedPoints },
      { protectionState: "ProtectionStopped", deletedAt: day(4), purgeAt: day(18), points: mixedPoints },
      { protectionState: "Protected", deletedAt: day(4), purgeAt: day(60), points: mixedPoints },
      { protectionState: "ProtectionStopped", deletedAt: day(4), purgeAt: null, points: expiredLongAgo },
    ]);
    // A second before each expiry, and on it: an expiry at the instant has passed.
    const instants = [0.5, 3, 5, 5.5, 6, 7, 8, 9, 12, 18, 39, 40]
      .flatMap((n) => [new Date(day(n).getTime() - 1000), day(n)])
      .concat(day(61));
    const checks = await sweepAndCompare(db, items, instants);
    expect(checks).toBe(items.length * instants.length);
    // The situations did come up: every item still holds its most recent point but the purged ones.
    const left = await storedIds(db, items);
    expect(items.filter((item) => left.get(item.id)!.length === 0).map((item) => item.purgeAt)).toEqual([
      day(18),
      day(60),
    ]);
    expect(left.get(items[0].id)).toHaveLength(2);
  });

  it("agrees on random items swept at random instants (seeded)", async () => {
    const random = seededRandom(0x5eed);
    const states = ["IRPending", "Protected", "ProtectionError", "ProtectionStopped", "BackupsSuspended"] as const;
    const hourOf = (maxDays: number) => new Date(t0.getTime() + Math.floor(random() * maxDays * 24) * 3_600_000);
    const setups: ItemSetup[] = Array.from({ length: 40 }, () => {
      const softDeleted = random() < 0.15;
      const points = Array.from({ length: 1 + Math.floor(random() * 10) }, () => {
        const time = hourOf(30);
        const tiers = (["snapshot", "vault", "both"] as const)[Math.floor(random() * 3)];
        const later = () => new Date(time.getTime() + Math.floor(random() * 20 * 24) * 3_600_000);
        return {
          time,
          tiers,
          snapshotExpiresAt: tiers === "vault" ? null : later(),
          expiresAt: tiers === "snapshot" ? null : later(),
          onDemand: tiers !== "snapshot" && random() < 0.2,
        };
      });
      return {
        protectionState: states[Math.floor(random() * states.length)],
        realAgent: random() < 0.25,
        ...(softDeleted ? { deletedAt: t0, purgeAt: random() < 0.8 ? hourOf(60) : null } : {}),
        points,
      };
    });
    const items = await createItems(db, setups);
    // Random instants, and some expiries and purge dates, on them and a second before.
    const deadlines = items.flatMap((item) => [
      item.purgeAt,
      ...item.points.flatMap((point) => [point.expiresAt, point.snapshotExpiresAt]),
    ]);
    const instants = [
      ...Array.from({ length: 6 }, () => hourOf(60)),
      ...Array.from({ length: 6 }, () => deadlines[Math.floor(random() * deadlines.length)])
        .filter((deadline): deadline is Date => deadline !== null)
        .flatMap((deadline) => [deadline, new Date(deadline.getTime() - 1000)]),
    ].sort((a, b) => a.getTime() - b.getTime());
    expect(await sweepAndCompare(db, items, instants)).toBe(items.length * instants.length);
    // Each real agent's removed point left its snapshot to be removed from the server's storage.
    const left = new Set([...(await storedIds(db, items)).values()].flat().map((entry) => entry.split(" ")[0]));
    const removed = items.flatMap((item, index) =>
      setups[index].realAgent ? item.points.filter((point) => !left.has(point.id)) : [],
    );
    expect(removed.length).toBeGreaterThan(0);
    expect(
      await db.removedSnapshot.count({ where: { snapshotId: { in: removed.map((point) => point.snapshotId!) } } }),
    ).toBe(removed.length);
  });
});
