// Brings a server's repository in line with the database, which decides: a snapshot whose recovery
// point was removed (expired, purged, deleted without soft delete) is in RemovedSnapshot and goes
// for good; one whose item is soft-deleted is moved where restic doesn't see it; one whose item is
// not deleted (again, after Undelete) is where restic sees it; while a Prune runs, every snapshot
// is. Snapshots the database doesn't know (a backup that hasn't reported yet) are left alone. Idempotent: run after each change and at each
// tick, it finishes what a crash interrupted.
import { Prisma } from "@/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db";
import { REAL_AGENT_SERVER } from "@/lib/server/agents/credentials";
import { pruneGranted } from "@/lib/server/agents/maintenance";
import { logger } from "@/lib/server/logger";
import type { RepositoryStore } from "./store";

/**
 * Records, in the caller's transaction, the snapshots of the points about to be deleted: the
 * storage removes them after the transaction commits (reconcileServerStorage).
 */
export async function recordRemovedSnapshots(
  tx: Tx,
  where: Prisma.RecoveryPointWhereInput,
  now: Date,
): Promise<Set<string>> {
  const points = await tx.recoveryPoint.findMany({
    where: { AND: [where, { snapshotId: { not: null } }] },
    select: { snapshotId: true, protectedItem: { select: { fileFolderSource: { select: { serverId: true } } } } },
  });
  const removed = points.flatMap((point) => {
    const serverId = point.protectedItem.fileFolderSource?.serverId;
    return serverId ? [{ serverId, snapshotId: point.snapshotId!, removedAt: now }] : [];
  });
  if (removed.length > 0) await tx.removedSnapshot.createMany({ data: removed });
  return new Set(removed.map((snapshot) => snapshot.serverId));
}

export async function reconcileServerStorage(
  db: Db,
  store: RepositoryStore,
  serverId: string,
  now = new Date(),
): Promise<void> {
  for (const removed of await db.removedSnapshot.findMany({
    where: { serverId },
    select: { id: true, snapshotId: true },
  })) {
    await store.removeSnapshot(serverId, removed.snapshotId);
    await db.removedSnapshot.delete({ where: { id: removed.id } });
  }
  const { visible, hidden } = await store.listSnapshotIds(serverId);
  // While a Prune runs, restic must see every snapshot, or it would delete the data of hidden ones.
  if (await pruneGranted(db, serverId, now)) {
    for (const snapshotId of hidden) await store.unhideSnapshot(serverId, snapshotId);
    return;
  }
  const points = await db.recoveryPoint.findMany({
    where: { snapshotId: { not: null }, protectedItem: { fileFolderSource: { serverId } } },
    select: { snapshotId: true, protectedItem: { select: { deletedAt: true } } },
  });
  const isVisible = new Set(visible);
  const isHidden = new Set(hidden);
  for (const point of points) {
    const snapshotId = point.snapshotId!;
    if (point.protectedItem.deletedAt && isVisible.has(snapshotId)) await store.hideSnapshot(serverId, snapshotId);
    if (!point.protectedItem.deletedAt && isHidden.has(snapshotId)) await store.unhideSnapshot(serverId, snapshotId);
  }
}

/** Reconciles the given servers (every agent server when none is given); a failure is logged and retried at the next tick. */
export async function reconcileStorage(
  db: Db,
  store: RepositoryStore,
  serverIds?: Iterable<string>,
  now = new Date(),
): Promise<void> {
  const ids = serverIds
    ? [...serverIds]
    : (await db.backupAgentServer.findMany({ where: REAL_AGENT_SERVER, select: { id: true } })).map(
        (server) => server.id,
      );
  for (const serverId of ids) {
    try {
      await reconcileServerStorage(db, store, serverId, now);
    } catch (error) {
      logger.error(
        { event: "storage", serverId, err: error },
        "reconciling the server's backup storage failed; the next tick retries",
      );
    }
  }
}
