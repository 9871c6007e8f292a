// The retention sweep: removes recovery points whose copies have all expired, in batches. It never
// removes an item's most recent point, nor its most recent vault copy, and touches nothing while
// protection is stopped with retained data or the item is soft-deleted: what it keeps is exactly
// what recoveryPointSurvival (lib/domain/retention/survival.ts) keeps, which
// tests/integration/sweep-survival.test.ts checks on both databases. It also purges soft-deleted
// items whose retention period ended. A Backup Agent item's snapshots go with its points: the
// transaction records them and the storage removes them (lib/server/vault-storage/reconcile.ts).
import { Prisma } from "@/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db";
import { recordRemovedSnapshots } from "@/lib/server/vault-storage/reconcile";
import { REAL_AGENT_SERVER } from "@/lib/server/agents/credentials";
import { ACTIVE_PROTECTION_STATES } from "@/lib/domain/protection/actions";

/** Items per delete statement; with their kept points it stays well under the query parameter limit. */
const ITEMS_PER_BATCH = 200;

export type SweepResult = {
  deletedPoints: number;
  expiredSnapshots: number;
  purgedItems: number;
  /** Backup Agent servers whose purged items had snapshots: their space is reclaimed next (a Prune). */
  purgedFromServers: string[];
};

/**
 * Per item: the time of its most recent point, and of its most recent vault copy. Those points are
 * never swept while the item is protected.
 */
async function latestTimes(db: Db, itemIds: string[]) {
  const [latest, latestVault] = await Promise.all([
    db.recoveryPoint.groupBy({
      by: ["protectedItemId"],
      where: { protectedItemId: { in: itemIds } },
      _max: { time: true },
    }),
    db.recoveryPoint.groupBy({
      by: ["protectedItemId"],
      where: { protectedItemId: { in: itemIds }, inVaultTier: true },
      _max: { time: true },
    }),
  ]);
  const vaultByItem = new Map(latestVault.map((row) => [row.protectedItemId, row._max.time]));
  return latest.map((row) => ({
    itemId: row.protectedItemId,
    latest: row._max.time!,
    latestVault: vaultByItem.get(row.protectedItemId) ?? null,
  }));
}

/** Sets the items' stored bytes to what their points hold (one statement; the covering index answers it). */
function storedBytesRecount(db: Db | Tx, itemIds: string[]) {
  return db.$executeRaw`UPDATE "ProtectedItem" SET "storedBytes" = (SELECT COALESCE(SUM("sizeBytes"), 0) FROM "RecoveryPoint" WHERE "RecoveryPoint"."protectedItemId" = "ProtectedItem"."id") WHERE "id" IN (${Prisma.join(itemIds)})`;
}

/**
 * Whether some of the items are a real Backup Agent's, whose points hold restic snapshots: their
 * deletes read the snapshots first, in an interactive transaction; the others' keep to one batch
 * (an interactive transaction holds SQLite's write lock between statements, which other engines
 * on the same file then wait for).
 */
async function holdsSnapshots(db: Db, itemIds: string[]): Promise<boolean> {
  return (
    (await db.protectedItem.count({
      where: { id: { in: itemIds }, fileFolderSource: { server: REAL_AGENT_SERVER } },
    })) > 0
  );
}

export async function sweepRetention(db: Db, now: Date): Promise<SweepResult> {
  const activeItem = { protectionState: { in: [...ACTIVE_PROTECTION_STATES] }, deletedAt: null };
  const expired = {
    AND: [
      { OR: [{ expiresAt: null }, { expiresAt: { lte: now } }] },
      { OR: [{ snapshotExpiresAt: null }, { snapshotExpiresAt: { lte: now } }] },
    ],
  };
  // Only items that have an expired point are visited; deletes are set-based, a batch of items at a time.
  const itemsWithExpired = await db.recoveryPoint.groupBy({
    by: ["protectedItemId"],
    where: { protectedItem: activeItem, ...expired },
  });
  const itemIds = itemsWithExpired.map((row) => row.protectedItemId);
  let deletedPoints = 0;
  for (let start = 0; start < itemIds.length; start += ITEMS_PER_BATCH) {
    const batch = itemIds.slice(start, start + ITEMS_PER_BATCH);
    const perItem = (await latestTimes(db, batch)).map(({ itemId, latest, latestVault }) => ({
      protectedItemId: itemId,
      time: { not: latest },
      ...(latestVault ? { NOT: { inVaultTier: true, time: latestVault } } : {}),
    }));
    const sweptPoints = { OR: perItem, ...expired };
    if (!(await holdsSnapshots(db, batch))) {
      const [deleted] = await db.$transaction([
        db.recoveryPoint.deleteMany({ where: sweptPoints }),
        storedBytesRecount(db, batch),
      ]);
      deletedPoints += deleted.count;
      continue;
    }
    deletedPoints += await db.$transaction(async (tx) => {
      await recordRemovedSnapshots(tx, sweptPoints, now);
      const deleted = await tx.recoveryPoint.deleteMany({ where: sweptPoints });
      await storedBytesRecount(tx, batch);
      return deleted.count;
    });
  }
  // Expired snapshot copies go, but for the most recent point's when it is its only copy
  // (snapshotCopySurvives in lib/domain/retention/survival.ts).
  const snapshotExpired = { protectedItem: activeItem, inSnapshotTier: true, snapshotExpiresAt: { lte: now } };
  const itemsWithExpiredSnapshots = (
    await db.recoveryPoint.groupBy({ by: ["protectedItemId"], where: snapshotExpired })
  ).map((row) => row.protectedItemId);
  let expiredSnapshots = 0;
  for (let start = 0; start < itemsWithExpiredSnapshots.length; start += ITEMS_PER_BATCH) {
    const batch = itemsWithExpiredSnapshots.slice(start, start + ITEMS_PER_BATCH);
    const lastOnlyCopies = (await latestTimes(db, batch)).map(({ itemId, latest }) => ({
      protectedItemId: itemId,
      time: latest,
      inVaultTier: false,
    }));
    expiredSnapshots += (
      await db.recoveryPoint.updateMany({
        where: { ...snapshotExpired, protectedItemId: { in: batch }, NOT: lastOnlyCopies },
        data: { inSnapshotTier: false },
      })
    ).count;
  }
  const purge = await db.protectedItem.findMany({
    where: { deletedAt: { not: null }, purgeAt: { lte: now } },
    select: { id: true },
  });
  const purgedFromServers = new Set<string>();
  for (const item of purge) {
    if (!(await holdsSnapshots(db, [item.id]))) {
      await db.$transaction([
        db.recoveryPoint.deleteMany({ where: { protectedItemId: item.id } }),
        db.protectedItem.delete({ where: { id: item.id } }),
      ]);
      continue;
    }
    await db.$transaction(async (tx) => {
      for (const serverId of await recordRemovedSnapshots(tx, { protectedItemId: item.id }, now))
        purgedFromServers.add(serverId);
      await tx.recoveryPoint.deleteMany({ where: { protectedItemId: item.id } });
      await tx.protectedItem.delete({ where: { id: item.id } });
    });
  }
  return { deletedPoints, expiredSnapshots, purgedItems: purge.length, purgedFromServers: [...purgedFromServers] };
}
