// The retention sweep: removes recovery points whose copies have all expired, in batches. It never
// removes an item's most recent point, nor its most recent vault copy, and touches nothing while
// protection is stopped with retained data or the item is soft-deleted. It also purges soft-deleted
// items whose retention period ended. A Backup Agent item's snapshots go with its points: the
// transaction records them and the storage removes them (lib/server/vault-storage/reconcile.ts).
import { Prisma } from "@/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db";
import { recordRemovedSnapshots } from "@/lib/server/vault-storage/reconcile";

const ACTIVE_STATES = ["IRPending", "Protected", "ProtectionError"] as const;
/** Items per delete statement; with their kept points it stays well under the query parameter limit. */
const ITEMS_PER_BATCH = 200;

export type SweepResult = { deletedPoints: number; expiredSnapshots: number; purgedItems: number };

/**
 * Per item: the time of its most recent point, and of its most recent vault copy. Those points are
 * never swept while the item is protected.
 */
async function latestTimes(db: Db, itemIds: string[]) {
  const [latest, latestVault] = await Promise.all([
    db.recoveryPoint.groupBy({ by: ["protectedItemId"], where: { protectedItemId: { in: itemIds } }, _max: { time: true } }),
    db.recoveryPoint.groupBy({ by: ["protectedItemId"], where: { protectedItemId: { in: itemIds }, inVaultTier: true }, _max: { time: true } }),
  ]);
  const vaultByItem = new Map(latestVault.map((row) => [row.protectedItemId, row._max.time]));
  return latest.map((row) => ({ itemId: row.protectedItemId, latest: row._max.time!, latestVault: vaultByItem.get(row.protectedItemId) ?? null }));
}

/** Sets the items' stored bytes to what their points hold (one statement; the covering index answers it). */
function storedBytesRecount(db: Db | Tx, itemIds: string[]) {
  return db.$executeRaw`UPDATE "ProtectedItem" SET "storedBytes" = (SELECT COALESCE(SUM("sizeBytes"), 0) FROM "RecoveryPoint" WHERE "RecoveryPoint"."protectedItemId" = "ProtectedItem"."id") WHERE "id" IN (${Prisma.join(itemIds)})`;
}

export async function sweepRetention(db: Db, now: Date): Promise<SweepResult> {
  const activeItem = { protectionState: { in: [...ACTIVE_STATES] }, deletedAt: null };
  const expired = { AND: [{ OR: [{ expiresAt: null }, { expiresAt: { lte: now } }] }, { OR: [{ snapshotExpiresAt: null }, { snapshotExpiresAt: { lte: now } }] }] };
  // Only items that have an expired point are visited; deletes are set-based, a batch of items at a time.
  const itemsWithExpired = await db.recoveryPoint.groupBy({ by: ["protectedItemId"], where: { protectedItem: activeItem, ...expired } });
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
    deletedPoints += await db.$transaction(async (tx) => {
      await recordRemovedSnapshots(tx, sweptPoints, now);
      const deleted = await tx.recoveryPoint.deleteMany({ where: sweptPoints });
      await storedBytesRecount(tx, batch);
      return deleted.count;
    });
  }
  const expiredSnapshots = (
    await db.recoveryPoint.updateMany({ where: { protectedItem: activeItem, inSnapshotTier: true, snapshotExpiresAt: { lte: now } }, data: { inSnapshotTier: false } })
  ).count;
  const purge = await db.protectedItem.findMany({ where: { deletedAt: { not: null }, purgeAt: { lte: now } }, select: { id: true } });
  for (const item of purge) {
    await db.$transaction(async (tx) => {
      await recordRemovedSnapshots(tx, { protectedItemId: item.id }, now);
      await tx.recoveryPoint.deleteMany({ where: { protectedItemId: item.id } });
      await tx.protectedItem.delete({ where: { id: item.id } });
    });
  }
  return { deletedPoints, expiredSnapshots, purgedItems: purge.length };
}
