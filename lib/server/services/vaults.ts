import type { Prisma } from "@/generated/sqlite/client";
import type { z } from "zod";
import { securityAlert, vaultScope, weakensSoftDelete } from "@/lib/domain/alerts/alerts";
import { raiseAlert } from "@/lib/server/alerts/raise";
import { describeTags, type TagMap, tagsOf } from "@/lib/domain/azure/tags";
import { DEFAULT_POLICY_NAME, defaultVmPolicy } from "@/lib/domain/policy/defaults";
import { confirmsName } from "@/lib/domain/confirm-name";
import { counted } from "@/lib/domain/format/count";
import {
  softDeleteSettingsSchema,
  type SoftDeleteSettingsInput,
  createVaultSchema,
  deleteVaultSchema,
  type CreateVaultInput,
  monitoringSettingsSchema,
  type MonitoringSettingsInput,
  vaultTagsSchema,
  type VaultTagsInput,
} from "@/lib/schemas/vault";
import { allows } from "@/lib/domain/access/permissions";
import type { Sort } from "@/lib/domain/sorting";
import { type Actor, authorize, grantOn, SYSTEM_USER_ID, visibleVaultIds } from "@/lib/server/auth/authorize";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Db, retryOnUniqueViolation } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";
import { createPolicyRow } from "./policies";

export type VaultSummary = {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  subscriptionId: string;
  itemCount: number;
  pinned: boolean;
};

/** The vaults the actor may see: every one for the Owner, else those they have a role on. */
async function visibleVaults(db: Db, actor: Actor): Promise<Prisma.VaultWhereInput> {
  const visible = await visibleVaultIds(db, actor);
  return visible === "all" ? {} : { id: { in: visible } };
}

/** The browse list's sortable columns; by name unless the address says otherwise. */
export const VAULT_SORT_COLUMNS = ["name", "group", "location", "subscription", "items"] as const;
export type VaultSortColumn = (typeof VAULT_SORT_COLUMNS)[number];
export const DEFAULT_VAULT_SORT: Sort<VaultSortColumn> = { column: "name", direction: "ascending" };

const VAULT_ORDERS: Record<
  VaultSortColumn,
  ColumnOrder<Prisma.VaultWhereInput, Prisma.VaultOrderByWithRelationInput>
> = {
  name: { orderBy: (order) => ({ nameKey: order }) },
  group: { orderBy: (order) => ({ resourceGroup: order }) },
  location: { orderBy: (order) => ({ location: order }) },
  subscription: { orderBy: (order) => ({ subscriptionId: order }) },
  items: { orderBy: (order) => ({ protectedItems: { _count: order } }) },
};

/** The browse list: every vault with its item count (at most 500 per subscription, so no paging), by name unless sorted otherwise. */
export async function listVaults(db: Db, actor: Actor, sort = DEFAULT_VAULT_SORT): Promise<VaultSummary[]> {
  const vaults = await findSorted(
    (args) =>
      db.vault.findMany({
        ...args,
        select: {
          id: true,
          name: true,
          resourceGroup: true,
          location: true,
          subscriptionId: true,
          pins: { where: { userId: actor.userId }, select: { id: true } },
          _count: { select: { protectedItems: true } },
        },
      }),
    {
      where: await visibleVaults(db, actor),
      column: VAULT_ORDERS[sort.column],
      direction: sort.direction,
      tiebreak: [{ nameKey: "asc" }, { id: "asc" }],
    },
  );
  return vaults.map(({ pins, _count, ...vault }) => ({
    ...vault,
    itemCount: _count.protectedItems,
    pinned: pins.length > 0,
  }));
}

export async function getVault(db: Db, vaultId: string) {
  return db.vault.findUnique({ where: { id: vaultId } });
}

/**
 * The one door to a vault's data for pages, downloads and actions: the vault with what the actor
 * may do on it, or null when it doesn't exist or the actor has no role on it (the two look alike,
 * so nobody learns which vaults exist).
 */
export async function visibleVault(db: Db, actor: Actor, vaultId: string) {
  const vault = await getVault(db, vaultId);
  if (!vault) return null;
  const grant = await grantOn(db, actor, vault.id);
  return allows(grant, "viewVault") ? { ...vault, grant } : null;
}

export type PinnedVaultTile = {
  id: string;
  name: string;
  resourceGroup: string;
  itemCount: number;
  failedJobs24h: number;
};

/** Dashboard tiles of the vaults the actor pinned, oldest pin first. */
export async function listPinnedVaults(db: Db, now: Date, actor: Actor): Promise<PinnedVaultTile[]> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const pins = await db.dashboardPin.findMany({
    where: { userId: actor.userId, vault: await visibleVaults(db, actor) },
    orderBy: { createdAt: "asc" },
    select: {
      vault: {
        select: {
          id: true,
          name: true,
          resourceGroup: true,
          _count: {
            select: { protectedItems: true, jobs: { where: { status: "Failed", startTime: { gte: since } } } },
          },
        },
      },
    },
  });
  return pins.map(({ vault }) => ({
    id: vault.id,
    name: vault.name,
    resourceGroup: vault.resourceGroup,
    itemCount: vault._count.protectedItems,
    failedJobs24h: vault._count.jobs,
  }));
}

/** Pins the vault to the actor's own dashboard, or unpins it; other users' dashboards don't change. */
export async function setVaultPinned(
  db: Db,
  vaultId: string,
  pinned: boolean,
  actor: Actor,
): Promise<ServiceResult<{ pinned: boolean }>> {
  const denied = await authorize(db, actor, vaultId, "pinVault");
  if (denied) return denied;
  if (actor.userId === SYSTEM_USER_ID)
    return fail("BadRequest", "Only a signed-in user has a dashboard to pin vaults to.");
  const vault = await db.vault.findUnique({ where: { id: vaultId }, select: { id: true } });
  if (!vault) return fail("ResourceNotFound", "The vault was not found.");
  const pin = { userId: actor.userId, vaultId };
  // Pinning twice at once (two tabs): the unique key keeps one pin, and the retry finds it.
  if (pinned)
    await retryOnUniqueViolation(() =>
      db.dashboardPin.upsert({ where: { userId_vaultId: pin }, create: pin, update: {} }),
    );
  else await db.dashboardPin.deleteMany({ where: pin });
  return ok({ pinned });
}

/** A vault setting held in one column, changed by its own form or REST call. */
type VaultSetting = "tags" | "alertsForAllJobFailures";

/**
 * Sets one of the vault's settings (Contributor and above): validated, written and recorded in the
 * activity log with its old and new value, in one transaction. `shown` is the value as the log says it.
 */
async function updateVaultSetting<Field extends VaultSetting, Value>(
  db: Db,
  input: { vaultId?: unknown } | undefined,
  actor: Actor,
  setting: {
    operation: string;
    field: Field;
    schema: z.ZodType<{ vaultId: string } & Record<Field, Value>>;
    shown?: (stored: unknown) => unknown;
  },
): Promise<ServiceResult<Record<Field, Value>>> {
  const { operation, field, schema, shown = (stored: unknown) => stored } = setting;
  const scope = { actor, vaultId: requestedId(input?.vaultId), operation, permission: "vaultSettings" } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const value = parsed.data[field];
    return db.$transaction(async (tx) => {
      const vault = (await tx.vault.findUnique({
        where: { id: parsed.data.vaultId },
        select: { id: true, name: true, [field]: true },
      })) as ({ id: string; name: string } & Record<Field, unknown>) | null;
      if (!vault) return fail("ResourceNotFound", "The vault was not found.");
      await tx.vault.update({ where: { id: vault.id }, data: { [field]: value } });
      await recordActivity(tx, scope, vault.name, changed({ [field]: shown(vault[field]) }, { [field]: shown(value) }));
      return ok({ [field]: value } as Record<Field, Value>);
    });
  });
}

/** Replaces the vault's tags. */
export function updateVaultTags(db: Db, input: VaultTagsInput, actor: Actor): Promise<ServiceResult<{ tags: TagMap }>> {
  return updateVaultSetting<"tags", TagMap>(db, input, actor, {
    operation: "Update tags",
    field: "tags",
    schema: vaultTagsSchema,
    shown: (stored) => describeTags(tagsOf(stored)),
  });
}

/** Creates a vault and, as Azure does, its DefaultPolicy, in one transaction. `now`: when (the demo seed's history gives its time). */
export async function createVault(
  db: Db,
  input: CreateVaultInput | Record<string, unknown>,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ id: string; name: string }>> {
  const scope = { actor, vaultId: null, operation: "Create vault", permission: "createVault", at: now } as const;
  return withActivity(db, scope, String((input as { name?: unknown }).name ?? ""), async () => {
    const parsed = createVaultSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const fields = parsed.data;
    const nameKey = fields.name.toLowerCase();
    // Two requests creating one vault at once: the unique key lets one write; the other, run
    // again, sees it and answers Conflict.
    return retryOnUniqueViolation(() =>
      db.$transaction(async (tx) => {
        const existing = await tx.vault.findFirst({
          where: { subscriptionId: fields.subscriptionId, resourceGroup: fields.resourceGroup, nameKey },
          select: { id: true },
        });
        if (existing) {
          const message = `A vault named '${fields.name}' already exists in resource group '${fields.resourceGroup}'.`;
          return fail("Conflict", message, { name: [message] });
        }
        const vault = await tx.vault.create({
          data: { ...fields, nameKey, createdAt: now },
          select: { id: true, name: true },
        });
        await createPolicyRow(tx, vault.id, DEFAULT_POLICY_NAME, defaultVmPolicy());
        await recordActivity(
          tx,
          { ...scope, vaultId: vault.id },
          vault.name,
          changed(
            {},
            {
              resourceGroup: fields.resourceGroup,
              location: fields.location,
              storageRedundancy: fields.storageRedundancy,
            },
          ),
        );
        return ok(vault);
      }),
    );
  });
}

/** Deletes an empty vault. Refused, as in Azure, while it holds backup items (soft-deleted ones too) or registered servers. */
export async function deleteVault(
  db: Db,
  input: { vaultId: string; confirmName: string },
  actor: Actor,
): Promise<ServiceResult<{ name: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Delete vault",
    permission: "deleteVault",
  } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = deleteVaultSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return db.$transaction(async (tx) => {
      const vault = await tx.vault.findUnique({
        where: { id: parsed.data.vaultId },
        select: { id: true, name: true, _count: { select: { protectedItems: true, backupServers: true } } },
      });
      if (!vault) return fail("ResourceNotFound", "The vault was not found.");
      if (!confirmsName(parsed.data.confirmName, vault.name)) {
        return fail("BadRequest", "The name doesn't match.", { confirmName: [`Type '${vault.name}' to confirm.`] });
      }
      if (vault._count.protectedItems > 0 || vault._count.backupServers > 0) {
        return fail(
          "ServiceResourceNotEmpty",
          `Vault '${vault.name}' cannot be deleted as there are existing resources within the vault: ${counted(vault._count.protectedItems, "backup item")} (soft-deleted ones included) and ${counted(vault._count.backupServers, "registered server")}. Stop protection and delete the backup data of every item, and unregister the servers, first.`,
        );
      }
      await tx.vault.delete({ where: { id: vault.id } });
      await recordActivity(tx, scope, vault.name);
      return ok({ name: vault.name });
    });
  });
}

/**
 * The vault's soft delete settings. "Enabled and always on" can't be turned off again; a change
 * that weakens protection (disabling it, or a shorter retention) needs the vault's name typed.
 * Items already soft-deleted keep the purge date of the setting at their deletion (Azure: the
 * value active at deletion time governs).
 */
export async function updateSoftDeleteSettings(
  db: Db,
  input: SoftDeleteSettingsInput,
  actor: Actor,
): Promise<ServiceResult<{ softDeleteState: string; softDeleteRetentionDays: number }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Change soft delete settings",
    permission: "vaultSettings",
  } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = softDeleteSettingsSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, softDeleteState, softDeleteRetentionDays, confirmName } = parsed.data;
    return db.$transaction(async (tx) => {
      const vault = await tx.vault.findUnique({
        where: { id: vaultId },
        select: { id: true, name: true, softDeleteState: true, softDeleteRetentionDays: true },
      });
      if (!vault) return fail("ResourceNotFound", "The vault was not found.");
      if (vault.softDeleteState === "AlwaysON" && softDeleteState !== "AlwaysON") {
        const message = "Soft delete is enabled and always on for this vault: it can't be turned off again.";
        return fail("BMSUserErrorSoftDeleteAlwaysOn", message, { softDeleteState: [message] });
      }
      const weakened = weakensSoftDelete(
        { state: vault.softDeleteState, retentionDays: vault.softDeleteRetentionDays },
        { state: softDeleteState, retentionDays: softDeleteRetentionDays },
      );
      if (weakened && !confirmsName(confirmName, vault.name)) {
        return fail("BadRequest", "Disabling soft delete or shortening its retention needs the vault's name.", {
          confirmName: [`Type '${vault.name}' to confirm.`],
        });
      }
      await tx.vault.update({ where: { id: vault.id }, data: { softDeleteState, softDeleteRetentionDays } });
      if (weakened) {
        const spec = securityAlert(
          "SoftDeleteWeakened",
          { scopeKey: vaultScope(vault.id), resourceName: vault.name },
          { message: weakened, actor: actor.email },
        );
        await raiseAlert(tx, vault.id, spec, new Date());
      }
      await recordActivity(
        tx,
        scope,
        vault.name,
        changed(
          { softDeleteState: vault.softDeleteState, softDeleteRetentionDays: vault.softDeleteRetentionDays },
          { softDeleteState, softDeleteRetentionDays },
        ),
      );
      return ok({ softDeleteState, softDeleteRetentionDays });
    });
  });
}

/**
 * Monitoring settings (Azure's monitoringSettings.azureMonitorAlertSettings): whether failed backup
 * and restore jobs raise alerts. Security and overdue alerts are raised either way.
 */
export function updateMonitoringSettings(
  db: Db,
  input: MonitoringSettingsInput,
  actor: Actor,
): Promise<ServiceResult<{ alertsForAllJobFailures: boolean }>> {
  return updateVaultSetting<"alertsForAllJobFailures", boolean>(db, input, actor, {
    operation: "Change monitoring settings",
    field: "alertsForAllJobFailures",
    schema: monitoringSettingsSchema,
  });
}
