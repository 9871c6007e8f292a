// Reading the activity log: per vault, or across the portal (the Owner sees everything; others the
// vaults they have a role on).
import { ACTIVITY_RANGES, type ActivityFilters } from "@/lib/schemas/activity";
import { type Actor, visibleVaultIds } from "@/lib/server/auth/authorize";
import type { Changes } from "@/lib/server/activity";
import type { Db } from "@/lib/server/db";

export const ACTIVITY_PAGE_SIZE = 50;
const RANGE_DAYS: Record<keyof typeof ACTIVITY_RANGES, number> = { "24h": 1, "7d": 7, "30d": 30, "90d": 90 };

/** One page of entries, newest first. `vaultId` null: the portal-wide log. */
export async function listActivity(db: Db, actor: Actor, vaultId: string | null, filters: ActivityFilters, now: Date) {
  const visible = await visibleVaultIds(db, actor);
  if (vaultId && visible !== "all" && !visible.includes(vaultId)) return { total: 0, page: 1, pageCount: 1, rows: [] };
  const scope = vaultId ? { vaultId } : visible === "all" ? {} : { vaultId: { in: visible } };
  const where = {
    ...scope,
    at: { gte: new Date(now.getTime() - RANGE_DAYS[filters.range] * 86_400_000) },
    ...(filters.operation ? { operation: { contains: filters.operation } } : {}),
    ...(filters.user ? { actorEmail: { contains: filters.user.toLowerCase() } } : {}),
    ...(filters.result ? { result: filters.result } : {}),
  };
  const total = await db.activityLogEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const entries = await db.activityLogEntry.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * ACTIVITY_PAGE_SIZE,
    take: ACTIVITY_PAGE_SIZE,
  });
  const vaultNames = new Map(
    (
      await db.vault.findMany({
        where: { id: { in: [...new Set(entries.flatMap((entry) => (entry.vaultId ? [entry.vaultId] : [])))] } },
        select: { id: true, name: true },
      })
    ).map((vault) => [vault.id, vault.name]),
  );
  return {
    total,
    page,
    pageCount,
    rows: entries.map((entry) => ({
      ...entry,
      changes: (entry.changes as Changes | null) ?? null,
      vaultName: entry.vaultId ? (vaultNames.get(entry.vaultId) ?? "(deleted vault)") : null,
    })),
  };
}
