// The retention sweep: removes recovery points whose copies have all expired, in batches. It never
// removes an item's most recent point, nor its most recent vault copy, and touches nothing while
// protection is stopped with retained data or the item is soft-deleted. It also purges soft-deleted
// items whose retention period ended.
import type { Db } from "@/lib/server/db";

const ACTIVE_STATES = ["IRPending", "Protected", "ProtectionError"] as const;
const BATCH = 500;

export type SweepResult = { deletedPoints: number; expiredSnapshots: number; purgedItems: number };

async function keptLatest(db: Db, itemIds: string[]): Promise<Set<string>> {
  const keep = new Set<string>();
  for (let start = 0; start < itemIds.length; start += BATCH) {
    const chunk = itemIds.slice(start, start + BATCH);
    const [latest, latestVault] = await Promise.all([
      db.recoveryPoint.findMany({ where: { protectedItemId: { in: chunk } }, distinct: ["protectedItemId"], orderBy: [{ protectedItemId: "asc" }, { time: "desc" }], select: { id: true } }),
      db.recoveryPoint.findMany({ where: { protectedItemId: { in: chunk }, inVaultTier: true }, distinct: ["protectedItemId"], orderBy: [{ protectedItemId: "asc" }, { time: "desc" }], select: { id: true } }),
    ]);
    for (const point of [...latest, ...latestVault]) keep.add(point.id);
  }
  return keep;
}

export async function sweepRetention(db: Db, now: Date): Promise<SweepResult> {
  const activeItem = { protectionState: { in: [...ACTIVE_STATES] }, deletedAt: null };
  const expired = await db.recoveryPoint.findMany({
    where: {
      protectedItem: activeItem,
      AND: [{ OR: [{ expiresAt: null }, { expiresAt: { lte: now } }] }, { OR: [{ snapshotExpiresAt: null }, { snapshotExpiresAt: { lte: now } }] }],
    },
    select: { id: true, protectedItemId: true },
  });
  const keep = await keptLatest(db, [...new Set(expired.map((point) => point.protectedItemId))]);
  const doomed = expired.filter((point) => !keep.has(point.id)).map((point) => point.id);
  let deletedPoints = 0;
  for (let start = 0; start < doomed.length; start += BATCH) {
    deletedPoints += (await db.recoveryPoint.deleteMany({ where: { id: { in: doomed.slice(start, start + BATCH) } } })).count;
  }
  const expiredSnapshots = (
    await db.recoveryPoint.updateMany({ where: { protectedItem: activeItem, inSnapshotTier: true, snapshotExpiresAt: { lte: now } }, data: { inSnapshotTier: false } })
  ).count;
  const purge = await db.protectedItem.findMany({ where: { deletedAt: { not: null }, purgeAt: { lte: now } }, select: { id: true } });
  for (const item of purge) {
    await db.$transaction([db.recoveryPoint.deleteMany({ where: { protectedItemId: item.id } }), db.protectedItem.delete({ where: { id: item.id } })]);
  }
  return { deletedPoints, expiredSnapshots, purgedItems: purge.length };
}
