import type { Prisma } from "@/generated/sqlite/client";
import { type BackupManagementType, JOB_STATUSES } from "@/lib/domain/jobs/display";
import {
  DEFAULT_RECOVERY_POINT_SORT,
  lastBackupStatusView,
  PRE_CHECK_STATUSES,
  type PreCheckStatus,
  type RecoveryPointSortColumn,
  tiersLabel,
} from "@/lib/domain/protection/display";
import { inLabelOrder, type Sort } from "@/lib/domain/sorting";
import type { SurvivalContext } from "@/lib/domain/retention/survival";
import type { Db } from "@/lib/server/db";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

export const ITEM_PAGE_SIZE = 20;

/** The item lists' sortable columns; by name unless the address says otherwise. */
export const ITEM_SORT_COLUMNS = ["name", "location", "precheck", "status"] as const;
export type ItemSortColumn = (typeof ITEM_SORT_COLUMNS)[number];
export const DEFAULT_ITEM_SORT: Sort<ItemSortColumn> = { column: "name", direction: "ascending" };

type ItemOrder = ColumnOrder<Prisma.ProtectedItemWhereInput, Prisma.ProtectedItemOrderByWithRelationInput>;

/** One label of the Last Backup Status column: an item that shows it (lastBackupStatusView), and every item that does. */
type LastBackupStatusGroup = {
  item: Parameters<typeof lastBackupStatusView>[0];
  where: Prisma.ProtectedItemWhereInput;
};

/** The Last Backup Status column's groups, in the order of their labels. */
const LAST_BACKUP_STATUS_GROUPS = inLabelOrder<LastBackupStatusGroup, Prisma.ProtectedItemWhereInput>(
  [
    {
      item: { softDeleted: true, lastBackupStatus: null, protectionState: "ProtectionStopped" },
      where: { deletedAt: { not: null } },
    },
    ...JOB_STATUSES.map((status) => ({
      item: { softDeleted: false, lastBackupStatus: status, protectionState: "Protected" },
      where: { deletedAt: null, lastBackupStatus: status },
    })),
    {
      item: { softDeleted: false, lastBackupStatus: null, protectionState: "IRPending" },
      where: { deletedAt: null, lastBackupStatus: null, protectionState: "IRPending" },
    },
    {
      item: { softDeleted: false, lastBackupStatus: null, protectionState: "Protected" },
      where: { deletedAt: null, lastBackupStatus: null, protectionState: { not: "IRPending" } },
    },
  ],
  (group) => lastBackupStatusView(group.item).label,
  (group) => group.where,
);

function itemOrder(type: BackupManagementType, column: ItemSortColumn): ItemOrder {
  const orders: Record<ItemSortColumn, ItemOrder> = {
    name: { orderBy: (order) => ({ friendlyName: order }) },
    location: {
      orderBy: (order) =>
        type === "AzureIaasVM"
          ? { virtualMachine: { resourceGroup: order } }
          : { fileFolderSource: { server: { name: order } } },
    },
    precheck: { groups: inLabelOrder(PRE_CHECK_STATUSES, String, (preCheckStatus) => ({ preCheckStatus })) },
    status: { groups: LAST_BACKUP_STATUS_GROUPS },
  };
  return orders[column];
}

export async function countItemsByType(db: Db, vaultId: string): Promise<Record<BackupManagementType, number>> {
  const groups = await db.protectedItem.groupBy({
    by: ["backupManagementType"],
    where: { vaultId },
    _count: { _all: true },
  });
  const counts = { AzureIaasVM: 0, MAB: 0 };
  for (const group of groups) counts[group.backupManagementType] = group._count._all;
  return counts;
}

export type ItemListRow = {
  id: string;
  friendlyName: string;
  /** Resource group for VMs, server name for Backup Agent items. */
  location: string;
  preCheckStatus: "Passed" | "Warning" | "Critical";
  protectionState: string;
  softDeleted: boolean;
  purgeAt: Date | null;
  lastBackupStatus: string | null;
  lastBackupTime: Date | null;
  latestRecoveryPoint: Date | null;
};

const ITEM_ROW = {
  id: true,
  friendlyName: true,
  preCheckStatus: true,
  protectionState: true,
  deletedAt: true,
  purgeAt: true,
  lastBackupStatus: true,
  lastBackupTime: true,
  virtualMachine: { select: { resourceGroup: true } },
  fileFolderSource: { select: { server: { select: { name: true } } } },
} as const;

/** One page of a vault's items of one management type, searched by name (and resource group or server). */
export async function listItems(
  db: Db,
  vaultId: string,
  type: BackupManagementType,
  options: { search?: string; preCheck?: PreCheckStatus; page?: number; sort?: Sort<ItemSortColumn> },
): Promise<{ rows: ItemListRow[]; total: number; page: number; pageCount: number }> {
  const term = options.search?.trim().toLowerCase();
  // itemName is the lower-cased ARM name, which holds the VM's resource group and name or the server and folder label.
  const where: Prisma.ProtectedItemWhereInput = {
    vaultId,
    backupManagementType: type,
    ...(options.preCheck ? { preCheckStatus: options.preCheck } : {}),
    ...(term ? { OR: [{ itemName: { contains: term } }, { friendlyName: { contains: options.search!.trim() } }] } : {}),
  };
  const total = await db.protectedItem.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ITEM_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const sort = options.sort ?? DEFAULT_ITEM_SORT;
  const items = await findSorted((args) => db.protectedItem.findMany({ ...args, select: ITEM_ROW }), {
    where,
    column: itemOrder(type, sort.column),
    direction: sort.direction,
    // Ties by name, then id, so pages never overlap.
    tiebreak: [{ friendlyName: "asc" }, { id: "asc" }],
    page: {
      skip: (page - 1) * ITEM_PAGE_SIZE,
      take: ITEM_PAGE_SIZE,
      count: (within) => db.protectedItem.count({ where: within }),
    },
  });
  const latest = await db.recoveryPoint.groupBy({
    by: ["protectedItemId"],
    where: { protectedItemId: { in: items.map((item) => item.id) } },
    _max: { time: true },
  });
  const latestByItem = new Map(latest.map((row) => [row.protectedItemId, row._max.time]));
  const rows = items.map((item) => ({
    id: item.id,
    friendlyName: item.friendlyName,
    location: item.virtualMachine?.resourceGroup ?? item.fileFolderSource?.server.name ?? "",
    preCheckStatus: item.preCheckStatus,
    protectionState: item.protectionState,
    softDeleted: item.deletedAt !== null,
    purgeAt: item.purgeAt,
    lastBackupStatus: item.lastBackupStatus,
    lastBackupTime: item.lastBackupTime,
    latestRecoveryPoint: latestByItem.get(item.id) ?? null,
  }));
  return { rows, total, page, pageCount };
}

export const ITEM_RECOVERY_POINTS_SHOWN = 5;
export const RECOVERY_POINT_PAGE_SIZE = 25;
export const ITEM_RECENT_JOBS_SHOWN = 10;

/** An item's name and type, for its blades' tab titles; null when the vault has no such item. */
export function getItemHeading(db: Db, vaultId: string, itemId: string) {
  return db.protectedItem.findFirst({
    where: { id: itemId, vaultId },
    select: { friendlyName: true, backupManagementType: true },
  });
}

/** Everything the item dashboard shows. */
export async function getItemDashboard(db: Db, vaultId: string, itemId: string) {
  const item = await db.protectedItem.findFirst({
    where: { id: itemId, vaultId },
    include: {
      policy: { select: { id: true, name: true } },
      virtualMachine: true,
      fileFolderSource: { include: { server: { select: { name: true, osType: true, credentialHash: true } } } },
    },
  });
  if (!item) return null;
  const [stats, recoveryPoints, survivalContext, recentJobs] = await Promise.all([
    db.recoveryPoint.aggregate({
      where: { protectedItemId: item.id },
      _min: { time: true },
      _max: { time: true },
      _count: { _all: true },
    }),
    recoveryPointPage(db, item.id, 1, ITEM_RECOVERY_POINTS_SHOWN),
    survivalContextOf(db, item),
    db.job.findMany({
      where: { protectedItemId: item.id },
      orderBy: { startTime: "desc" },
      take: ITEM_RECENT_JOBS_SHOWN,
      select: { id: true, operation: true, status: true, startTime: true, endTime: true },
    }),
  ]);
  return {
    item,
    oldestRecoveryPoint: stats._min.time,
    latestRecoveryPoint: stats._max.time,
    recoveryPointCount: stats._count._all,
    recoveryPoints,
    survivalContext,
    recentJobs,
  };
}

const RECOVERY_POINT_ORDERS: Record<
  RecoveryPointSortColumn,
  ColumnOrder<Prisma.RecoveryPointWhereInput, Prisma.RecoveryPointOrderByWithRelationInput>
> = {
  time: { orderBy: (order) => ({ time: order }) },
  type: { groups: inLabelOrder(["Full", "Incremental"] as const, String, (type) => ({ type })) },
  tier: {
    groups: inLabelOrder(
      [true, false].flatMap((inSnapshotTier) => [true, false].map((inVaultTier) => ({ inSnapshotTier, inVaultTier }))),
      tiersLabel,
      (tiers) => tiers,
    ),
  },
  size: { orderBy: (order) => ({ sizeBytes: order }) },
};

/** What a recovery point's row says wherever one is shown: the blade and the REST API. */
export const RECOVERY_POINT_COLUMNS = {
  id: true,
  time: true,
  type: true,
  inSnapshotTier: true,
  inVaultTier: true,
  ruleName: true,
  expiresAt: true,
  snapshotExpiresAt: true,
} as const;

/** A page of an item's recovery points, newest first unless sorted otherwise. */
async function recoveryPointPage(
  db: Db,
  itemId: string,
  page: number,
  pageSize: number,
  sort = DEFAULT_RECOVERY_POINT_SORT,
) {
  const points = await findSorted(
    (args) =>
      db.recoveryPoint.findMany({
        ...args,
        select: { ...RECOVERY_POINT_COLUMNS, isOnDemand: true, sizeBytes: true, jobId: true },
      }),
    {
      where: { protectedItemId: itemId },
      column: RECOVERY_POINT_ORDERS[sort.column],
      direction: sort.direction,
      // Ties newest first, then by id, so pages never overlap.
      tiebreak: [{ time: "desc" }, { id: "desc" }],
      page: {
        skip: (page - 1) * pageSize,
        take: pageSize,
        count: (within) => db.recoveryPoint.count({ where: within }),
      },
    },
  );
  return points.map((point) => ({ ...point, sizeBytes: Number(point.sizeBytes) }));
}

/** What decides whether the item's points survive (recoveryPointSurvival): its state, and its most recent point and vault copy. */
async function survivalContextOf(
  db: Db,
  item: { id: string; protectionState: string; deletedAt: Date | null; purgeAt: Date | null },
): Promise<SurvivalContext> {
  const [latest, latestVault] = await Promise.all([
    db.recoveryPoint.aggregate({ where: { protectedItemId: item.id }, _max: { time: true } }),
    db.recoveryPoint.aggregate({ where: { protectedItemId: item.id, inVaultTier: true }, _max: { time: true } }),
  ]);
  return {
    protectionState: item.protectionState,
    softDeleted: item.deletedAt !== null,
    purgeAt: item.purgeAt,
    latestTime: latest._max.time,
    latestVaultTime: latestVault._max.time,
  };
}

/** The Restore points blade: one page of the item's points, newest first unless sorted otherwise. */
export async function listRecoveryPoints(
  db: Db,
  vaultId: string,
  itemId: string,
  requestedPage: number,
  sort = DEFAULT_RECOVERY_POINT_SORT,
) {
  const item = await db.protectedItem.findFirst({
    where: { id: itemId, vaultId },
    select: {
      id: true,
      friendlyName: true,
      backupManagementType: true,
      protectionState: true,
      deletedAt: true,
      purgeAt: true,
    },
  });
  if (!item) return null;
  const total = await db.recoveryPoint.count({ where: { protectedItemId: item.id } });
  const pageCount = Math.max(1, Math.ceil(total / RECOVERY_POINT_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const [rows, survivalContext] = await Promise.all([
    recoveryPointPage(db, item.id, page, RECOVERY_POINT_PAGE_SIZE, sort),
    survivalContextOf(db, item),
  ]);
  return { item, total, page, pageCount, rows, survivalContext };
}
