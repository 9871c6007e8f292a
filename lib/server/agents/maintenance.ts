// A Backup Agent server's maintenance, run by its agent as jobs of the server: Prune reclaims the
// space of removed snapshots (restic prune, the only time the server may delete from its
// repository: while the job holds its lease), weekly and after a purge; IntegrityCheck reads back a
// share of the data (restic check), weekly. One of each is pending or running per server at a time
// (a partial unique index).
import type { Db } from "@/lib/server/db";
import { isUniqueViolation } from "@/lib/server/db";
import { AGENT_CLAIM_PREFIX } from "@/lib/server/engine/runner";
import { REAL_AGENT_SERVER } from "./credentials";

const DAY_MS = 86_400_000;
export const MAINTENANCE_INTERVAL_MS = 7 * DAY_MS;
/** The share of the data a weekly check reads back (restic's --read-data-subset). */
export const INTEGRITY_CHECK_DATA_SHARE = "5%";

export type MaintenanceOperation = "Prune" | "IntegrityCheck";
const OPERATIONS: MaintenanceOperation[] = ["Prune", "IntegrityCheck"];
export const MAINTENANCE_TASKS: Record<MaintenanceOperation, string> = {
  Prune: "Reclaim space",
  IntegrityCheck: "Check backup data",
};

type Server = { id: string; name: string; vaultId: string };

/** Queues the job unless the server has one of its kind pending or running; whether it queued one. */
export async function queueMaintenance(
  db: Db,
  server: Server,
  operation: MaintenanceOperation,
  now: Date,
  initiatedBy = "Scheduled",
): Promise<boolean> {
  try {
    await db.job.create({
      data: {
        vaultId: server.vaultId,
        backupServerId: server.id,
        operation,
        status: "InProgress",
        startTime: now,
        entityFriendlyName: server.name,
        backupManagementType: "MAB",
        initiatedBy,
        subTasks: [{ name: MAINTENANCE_TASKS[operation], status: "NotStarted", progressPercent: 0 }],
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Each agent server's weekly Prune and IntegrityCheck, a week after the last one (or its registration). */
export async function planMaintenance(db: Db, now: Date): Promise<number> {
  const [servers, latest] = await Promise.all([
    db.backupAgentServer.findMany({
      where: { ...REAL_AGENT_SERVER, vaultId: { not: null } },
      select: { id: true, name: true, vaultId: true, registeredAt: true },
    }),
    db.job.groupBy({
      by: ["backupServerId", "operation"],
      where: { backupServerId: { not: null }, operation: { in: OPERATIONS } },
      _max: { startTime: true },
    }),
  ]);
  const lastOf = new Map(latest.map((row) => [`${row.backupServerId}:${row.operation}`, row._max.startTime]));
  let queued = 0;
  for (const server of servers) {
    for (const operation of OPERATIONS) {
      const last = lastOf.get(`${server.id}:${operation}`) ?? server.registeredAt ?? now;
      if (
        now.getTime() - last.getTime() >= MAINTENANCE_INTERVAL_MS &&
        (await queueMaintenance(db, { ...server, vaultId: server.vaultId! }, operation, now))
      )
        queued++;
    }
  }
  return queued;
}

/** After a purge removed snapshots: the servers' space is reclaimed at once rather than at the weekly Prune. */
export async function requestPrunes(db: Db, serverIds: Iterable<string>, now: Date): Promise<void> {
  const ids = [...new Set(serverIds)];
  if (ids.length === 0) return;
  const servers = await db.backupAgentServer.findMany({
    where: { id: { in: ids }, vaultId: { not: null } },
    select: { id: true, name: true, vaultId: true },
  });
  for (const server of servers) await queueMaintenance(db, { ...server, vaultId: server.vaultId! }, "Prune", now);
}

/** Whether the server's agent holds a running Prune job now: only then may it delete from its repository. */
export async function pruneGranted(db: Db, serverId: string, now: Date): Promise<boolean> {
  const held = await db.job.count({
    where: {
      backupServerId: serverId,
      operation: "Prune",
      status: "InProgress",
      claimedBy: `${AGENT_CLAIM_PREFIX}${serverId}`,
      leaseUntil: { gt: now },
    },
  });
  return held > 0;
}
