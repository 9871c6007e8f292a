// Alerts for what didn't happen, checked at each engine tick: items whose last successful backup is
// overdue for their policy, and Backup Agent servers not heard from for an hour. An alert fires
// once when the condition starts (not at every tick) and resolves when it ends: a success (also
// resolved with the job's end), protection stopped, or the agent back in contact.
import type { AlertSpec, AlertType } from "@/lib/domain/alerts/alerts";
import { offlineServerAlert, overdueAfterMs, overdueAlert, SERVER_OFFLINE_MS } from "@/lib/domain/alerts/alerts";
import { REAL_AGENT_SERVER } from "@/lib/server/agents/credentials";
import type { Db } from "@/lib/server/db";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { raiseAlert, resolveAlerts } from "./raise";

type Found = { vaultId: string; spec: AlertSpec };

/** Raises the overdue and offline alerts whose condition holds now and resolves those whose condition ended. */
export async function checkBackupHealth(db: Db, now: Date): Promise<{ raised: number; resolved: number }> {
  const [overdue, offline] = await Promise.all([overdueItems(db, now), offlineServers(db, now)]);
  const items = await reconcile(db, "BackupOverdue", overdue, now);
  const servers = await reconcile(db, "ServerOffline", offline, now);
  return { raised: items.raised + servers.raised, resolved: items.resolved + servers.resolved };
}

async function reconcile(db: Db, alertType: AlertType, found: Found[], now: Date) {
  const open = await db.alert.findMany({
    where: { alertType, condition: "Fired" },
    select: { scopeKey: true },
  });
  // A Closed alert whose condition still holds stays closed: the user has seen it.
  const known = new Set(open.map((alert) => alert.scopeKey));
  const holding = new Set(found.map((entry) => entry.spec.scopeKey));
  let raised = 0;
  for (const { vaultId, spec } of found) {
    if (known.has(spec.scopeKey)) continue;
    await db.$transaction((tx) => raiseAlert(tx, vaultId, spec, now));
    raised++;
  }
  let resolved = 0;
  for (const scopeKey of known) {
    if (holding.has(scopeKey)) continue;
    resolved += await db.$transaction((tx) => resolveAlerts(tx, scopeKey, [alertType], now));
  }
  return { raised, resolved };
}

type ItemRow = {
  id: string;
  vaultId: string;
  friendlyName: string;
  createdAt: Date | string;
  policyId: string;
  lastPointTime: Date | string | null;
};

/** Items under a policy whose last successful backup (its latest recovery point; else when protection began) is overdue. */
async function overdueItems(db: Db, now: Date): Promise<Found[]> {
  // One query: the latest point per item is an index lookup ("RecoveryPoint" by item and time).
  const items = await db.$queryRaw<ItemRow[]>`
    SELECT i."id", i."vaultId", i."friendlyName", i."createdAt", i."policyId",
      (SELECT MAX(r."time") FROM "RecoveryPoint" r WHERE r."protectedItemId" = i."id") AS "lastPointTime"
    FROM "ProtectedItem" i
    WHERE i."policyId" IS NOT NULL AND i."deletedAt" IS NULL
      AND i."protectionState" IN ('IRPending', 'Protected', 'ProtectionError')`;
  const policies = await db.backupPolicy.findMany({
    where: { id: { in: [...new Set(items.map((item) => item.policyId))] } },
    select: { id: true, properties: true, timeZone: true },
  });
  const allowed = new Map(policies.map((policy) => [policy.id, overdueAfterMs(rulesOfStoredPolicy(policy).schedule)]));
  return items.flatMap((item) => {
    const allowedMs = allowed.get(item.policyId);
    if (allowedMs === undefined) return [];
    // Raw queries return timestamps as text on SQLite.
    const since = new Date(item.lastPointTime ?? item.createdAt);
    const spec = overdueAlert(item, since, allowedMs, now);
    return spec ? [{ vaultId: item.vaultId, spec }] : [];
  });
}

/** Registered agents' servers last heard from (or registered, if never) over an hour ago. */
async function offlineServers(db: Db, now: Date): Promise<Found[]> {
  const servers = await db.backupAgentServer.findMany({
    where: {
      ...REAL_AGENT_SERVER,
      vaultId: { not: null },
      OR: [
        { lastContactAt: { lt: new Date(now.getTime() - SERVER_OFFLINE_MS) } },
        { lastContactAt: null, registeredAt: { lt: new Date(now.getTime() - SERVER_OFFLINE_MS) } },
      ],
    },
    select: { id: true, name: true, vaultId: true, lastContactAt: true, registeredAt: true, createdAt: true },
  });
  return servers.flatMap((server) => {
    const spec = offlineServerAlert(server, server.lastContactAt ?? server.registeredAt ?? server.createdAt, now);
    return spec ? [{ vaultId: server.vaultId!, spec }] : [];
  });
}
