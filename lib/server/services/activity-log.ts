// Reading the activity log: per vault, or across the portal (the Owner sees everything; others the
// vaults they have a role on).
import { Prisma } from "@/generated/sqlite/client";
import { ACTIVITY_RANGES, ACTIVITY_RESULTS, type ActivityFilters } from "@/lib/schemas/activity";
import { type Actor, visibleVaultIds } from "@/lib/server/auth/authorize";
import type { Changes } from "@/lib/server/activity";
import type { Db } from "@/lib/server/db";
import {
  ACTIVITY_SORT_COLUMNS,
  type ActivityList,
  type ActivitySortColumn,
  DEFAULT_ACTIVITY_SORT,
} from "@/lib/domain/activity/changes";
import { inLabelOrder, sortOf } from "@/lib/domain/sorting";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

export const ACTIVITY_PAGE_SIZE = 50;
const RANGE_DAYS: Record<keyof typeof ACTIVITY_RANGES, number> = { "24h": 1, "7d": 7, "30d": 30, "90d": 90 };

/**
 * The rows an entry can name by id: each table's naming column, and its vault column (null for rows
 * outside vaults); role assignments and folders are named through a join, below. A refusal records the id its request named, which may name nothing or another
 * vault's row; some changes record ids (Resume backup's policyId, before it recorded the name).
 */
const NAMED_ROWS = [
  ["Vault", "name", "id"],
  ["ProtectedItem", "friendlyName", "vaultId"],
  ["BackupPolicy", "name", "vaultId"],
  ["BackupAgentServer", "name", "vaultId"],
  ["Job", "entityFriendlyName", "vaultId"],
  ["VaultCredential", "prefix", "vaultId"],
  ["Alert", "title", "vaultId"],
  ["SuppressionWindow", "name", "vaultId"],
  ["VirtualMachine", "name", null],
  ["User", "email", null],
  ["ApiToken", "name", null],
] as const;

/** Strings that may be ids (cuid, uuid): what a refused request named is anything a caller sent. */
const ID_LIKE = /^[\w-]{8,64}$/;

type Entry = { vaultId: string | null; result: string; resource: string; changes: Changes | null };

/** The ids an entry refers to: a refused request's resource (Configure backup's is a list), and changed `…Id` fields. */
function referencedIds(entry: Entry): string[] {
  const ids = entry.result === "Succeeded" ? [] : entry.resource.split(",");
  for (const [field, values] of Object.entries(entry.changes ?? {})) {
    if (field.endsWith("Id")) for (const value of values.flat()) if (typeof value === "string") ids.push(value);
  }
  return ids.filter((id) => ID_LIKE.test(id));
}

/**
 * The names of a page's ids, read in one query when the log is read (not when it was written):
 * entries recorded before names were resolved read the same, and a deleted row leaves its id.
 */
async function namedRows(db: Db, entries: Entry[]): Promise<Map<string, { vaultId: string | null; name: string }>> {
  const ids = [...new Set(entries.flatMap(referencedIds))];
  if (ids.length === 0) return new Map();
  const selects = [
    ...NAMED_ROWS.map(([table, column, vaultColumn]) => {
      const vault = vaultColumn ? `"${vaultColumn}"` : "CAST(NULL AS TEXT)";
      return Prisma.sql`SELECT "id" AS "id", ${Prisma.raw(vault)} AS "vaultId", ${Prisma.raw(`"${column}"`)} AS "name" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" IN (${Prisma.join(ids)})`;
    }),
    Prisma.sql`SELECT a."id" AS "id", a."vaultId" AS "vaultId", u."email" AS "name" FROM "VaultRoleAssignment" a JOIN "User" u ON u."id" = a."userId" WHERE a."id" IN (${Prisma.join(ids)})`,
    // A folder's server is in a vault once registered; its name as the Configure backup list shows it.
    Prisma.sql`SELECT f."id" AS "id", s."vaultId" AS "vaultId", f."path" AS "name" FROM "FileFolderSource" f JOIN "BackupAgentServer" s ON s."id" = f."serverId" WHERE f."id" IN (${Prisma.join(ids)})`,
  ];
  const rows = await db.$queryRaw<Array<{ id: string; vaultId: string | null; name: string }>>(
    Prisma.join(selects, " UNION ALL "),
  );
  return new Map(rows.map((row) => [row.id, { vaultId: row.vaultId, name: row.name }]));
}

/** The names an entry may show: of rows outside vaults, or in the entry's own vault (not another vault's, which its viewers may not see). */
function namesFor(entry: Entry, rows: Map<string, { vaultId: string | null; name: string }>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const id of referencedIds(entry)) {
    const row = rows.get(id);
    if (row && (row.vaultId === null || row.vaultId === entry.vaultId)) names[id] = row.name;
  }
  return names;
}

const ACTIVITY_ORDERS: Record<
  ActivitySortColumn,
  ColumnOrder<Prisma.ActivityLogEntryWhereInput, Prisma.ActivityLogEntryOrderByWithRelationInput>
> = {
  time: { orderBy: (order) => ({ at: order }) },
  operation: { orderBy: (order) => ({ operation: order }) },
  result: { groups: inLabelOrder(ACTIVITY_RESULTS, String, (result) => ({ result })) },
  user: { orderBy: (order) => ({ actorEmail: order }) },
};

/** One page of entries, newest first unless sorted otherwise. `vaultId` null: the portal-wide log. */
export async function listActivity(
  db: Db,
  actor: Actor,
  vaultId: string | null,
  filters: ActivityFilters,
  now: Date,
): Promise<ActivityList> {
  const sort = sortOf(filters.sort, ACTIVITY_SORT_COLUMNS, DEFAULT_ACTIVITY_SORT);
  const visible = await visibleVaultIds(db, actor);
  if (vaultId && visible !== "all" && !visible.includes(vaultId)) {
    return { total: 0, page: 1, pageCount: 1, sort, rows: [] };
  }
  const scope = vaultId ? { vaultId } : visible === "all" ? {} : { vaultId: { in: visible } };
  const where: Prisma.ActivityLogEntryWhereInput = {
    ...scope,
    at: { gte: new Date(now.getTime() - RANGE_DAYS[filters.range] * 86_400_000) },
    ...(filters.operation ? { operation: { contains: filters.operation } } : {}),
    ...(filters.user ? { actorEmail: { contains: filters.user.toLowerCase() } } : {}),
    ...(filters.result ? { result: filters.result } : {}),
  };
  const total = await db.activityLogEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const entries = await findSorted((args) => db.activityLogEntry.findMany(args), {
    where,
    column: ACTIVITY_ORDERS[sort.column],
    direction: sort.direction,
    // Ties newest first, then by id, so pages never overlap.
    tiebreak: [{ at: "desc" }, { id: "desc" }],
    page: {
      skip: (page - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
      count: (within) => db.activityLogEntry.count({ where: within }),
    },
  });
  const vaultNames = new Map(
    (
      await db.vault.findMany({
        where: { id: { in: [...new Set(entries.flatMap((entry) => (entry.vaultId ? [entry.vaultId] : [])))] } },
        select: { id: true, name: true },
      })
    ).map((vault) => [vault.id, vault.name]),
  );
  const withChanges = entries.map((entry) => ({ ...entry, changes: (entry.changes as Changes | null) ?? null }));
  const rows = await namedRows(db, withChanges);
  return {
    total,
    page,
    pageCount,
    sort,
    rows: withChanges.map((entry) => {
      const names = namesFor(entry, rows);
      const parts = entry.resource.split(",");
      const named = (part: string) => Object.hasOwn(names, part);
      return {
        ...entry,
        /** A refusal's resource by name where the id names a row this entry may show. */
        resource: parts.some(named)
          ? parts.map((part) => (named(part) ? names[part] : part)).join(", ")
          : entry.resource,
        /** The names of the ids its changes record, for reading them (changeValueText). */
        names,
        vaultName: entry.vaultId ? (vaultNames.get(entry.vaultId) ?? "(deleted vault)") : null,
      };
    }),
  };
}
