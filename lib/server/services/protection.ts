// The protected item's lifecycle: configure backup, Backup now, stop (retain or delete data),
// resume, delete backup data, soft delete and undelete. Each action checks the transition with
// the domain's lifecycle table and changes the item and records its job in one transaction.
import { itemScope, securityAlert } from "@/lib/domain/alerts/alerts";
import { raiseAlert } from "@/lib/server/alerts/raise";
import { fileFolderBackupNames, virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { confirmsName } from "@/lib/domain/confirm-name";
import { type ItemAction, actionRefusal } from "@/lib/domain/protection/actions";
import { defaultRetainUntil, retainUntilIssue } from "@/lib/domain/protection/retain-till";
import {
  backupNowInputSchema,
  configureBackupInputSchema,
  type ConfigureBackupInput,
  deleteBackupDataInputSchema,
  resumeBackupInputSchema,
  type StopBackupInput,
  stopBackupInputSchema,
  undeleteInputSchema,
} from "@/lib/schemas/protection";
import type { Actor } from "@/lib/server/auth/authorize";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Db, retryOnUniqueViolation, type Tx } from "@/lib/server/db";
import { backupSubTasks } from "@/lib/server/engine/planner";
import { requestEngineRun } from "@/lib/server/engine/service";
import { fail, inTransaction, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { retagScheduledPoints } from "./policy-change";
import type { PolicyChangeImpact } from "@/lib/domain/retention/policy-change";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { describeImpact } from "@/lib/domain/retention/policy-change";
import { reconcileStorage, recordRemovedSnapshots } from "@/lib/server/vault-storage/reconcile";
import { getVaultStorage } from "@/lib/server/vault-storage/storage";
import { requestPrunes } from "@/lib/server/agents/maintenance";
import { wakeAgents } from "@/lib/server/agents/wake";

/**
 * After deleting or undeleting backup data: the Backup Agents' repositories follow at once (the
 * engine's tick would too), and a purge's space is reclaimed by a Prune of its server.
 */
async function withStorageReconciled<T>(
  db: Db,
  result: ServiceResult<T & { purgedFromServers?: string[] }>,
  now: Date,
): Promise<ServiceResult<T>> {
  if (!result.ok) return result;
  await reconcileStorage(db, getVaultStorage(), undefined, now);
  const { purgedFromServers = [], ...data } = result.data;
  await requestPrunes(db, purgedFromServers, now);
  return ok(data as T);
}

const DAY_MS = 86_400_000;
/** Azure allows at most 9 on-demand backups of an item per day (UTC). */
export const MAX_ON_DEMAND_BACKUPS_PER_DAY = 9;
const RUNNING = ["InProgress", "Cancelling"] as const;

type Item = NonNullable<Awaited<ReturnType<typeof findItem>>>;

function findItem(tx: Tx | Db, vaultId: string, itemId: string) {
  return tx.protectedItem.findFirst({
    where: { id: itemId, vaultId },
    include: { vault: { select: { softDeleteState: true, softDeleteRetentionDays: true } } },
  });
}

/** The item, or the reason the action is refused (not found, or not allowed in its state). */
async function itemFor(
  tx: Tx,
  vaultId: string,
  itemId: string,
  action: ItemAction,
): Promise<Item | ServiceResult<never>> {
  const item = await findItem(tx, vaultId, itemId);
  if (!item) return fail("ResourceNotFound", "The backup item was not found in this vault.");
  const refusal = actionRefusal(
    { protectionState: item.protectionState, softDeleted: item.deletedAt !== null },
    action,
  );
  return refusal ? fail("UserErrorInvalidProtectionState", refusal) : item;
}

const isRefusal = (value: Item | ServiceResult<never>): value is ServiceResult<never> => "ok" in value;

/** A management job (configure, stop, delete, undelete) that completes at once. */
export function recordJob(
  tx: Tx,
  item: { id: string | null; vaultId: string; friendlyName: string; backupManagementType: "AzureIaasVM" | "MAB" },
  operation: "ConfigureBackup" | "DisableBackup" | "DeleteBackupData" | "Undelete",
  actor: string,
  now: Date,
  note?: string,
) {
  return tx.job.create({
    data: {
      vaultId: item.vaultId,
      protectedItemId: item.id,
      operation,
      status: "Completed",
      startTime: now,
      endTime: now,
      note,
      entityFriendlyName: item.friendlyName,
      backupManagementType: item.backupManagementType,
      subTasks: [],
      progressPercent: 100,
      initiatedBy: actor,
    },
    select: { id: true },
  });
}

function nameMismatch(item: Item, confirmName: string): ServiceResult<never> | null {
  if (confirmsName(confirmName, item.friendlyName)) return null;
  return fail("BadRequest", "The name doesn't match the backup item.", {
    confirmName: [`Type '${item.friendlyName}' to confirm.`],
  });
}

async function backupRunning(tx: Tx, itemId: string): Promise<ServiceResult<never> | null> {
  const running = await tx.job.findFirst({
    where: { protectedItemId: itemId, operation: "Backup", status: { in: [...RUNNING] } },
    select: { id: true },
  });
  if (!running) return null;
  return fail(
    "UserErrorBackupOperationInProgress",
    "Another backup of this item is in progress. Wait for it to finish (or cancel it), then try again.",
  );
}

/**
 * Counts an on-demand backup against the item's daily limit, in the caller's transaction; false
 * when the item had its 9 this UTC day. Conditional updates of the item's row hold the limit under
 * concurrent requests: both databases run them one after the other, each seeing the last's count.
 */
async function countOnDemandBackup(tx: Tx, itemId: string, now: Date): Promise<boolean> {
  const day = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  await tx.protectedItem.updateMany({
    where: { id: itemId, OR: [{ onDemandDay: null }, { onDemandDay: { not: day } }] },
    data: { onDemandDay: day, onDemandCount: 0 },
  });
  const counted = await tx.protectedItem.updateMany({
    where: { id: itemId, onDemandDay: day, onDemandCount: { lt: MAX_ON_DEMAND_BACKUPS_PER_DAY } },
    data: { onDemandCount: { increment: 1 } },
  });
  return counted.count === 1;
}

/**
 * Soft delete per the vault's setting: the item and its points stay, marked deleted, until the
 * purge date (the sweep purges them); with soft delete disabled they go at once.
 */
async function deleteData(
  tx: Tx,
  item: Item,
  actor: string,
  now: Date,
): Promise<{ jobId: string; purgeAt: Date | null; purgedFromServers: string[] }> {
  const purgeAt =
    item.vault.softDeleteState === "Disabled"
      ? null
      : new Date(now.getTime() + item.vault.softDeleteRetentionDays * DAY_MS);
  const alert = securityAlert(
    "DeleteBackupData",
    { scopeKey: itemScope(item.id), protectedItemId: item.id, resourceName: item.friendlyName },
    {
      message: purgeAt
        ? `Protection was stopped and the backup data deleted; soft delete keeps it until ${purgeAt.toISOString()}.`
        : "Protection was stopped and the backup data deleted for good (soft delete is off).",
      actor,
    },
  );
  await raiseAlert(tx, item.vaultId, alert, now);
  if (!purgeAt) {
    const purgedFromServers = [...(await recordRemovedSnapshots(tx, { protectedItemId: item.id }, now))];
    await tx.recoveryPoint.deleteMany({ where: { protectedItemId: item.id } });
    await tx.protectedItem.delete({ where: { id: item.id } });
    const job = await recordJob(tx, { ...item, id: null }, "DeleteBackupData", actor, now);
    return { jobId: job.id, purgeAt: null, purgedFromServers };
  }
  await tx.protectedItem.update({
    where: { id: item.id },
    data: { protectionState: "ProtectionStopped", policyId: null, deletedAt: now, purgeAt },
  });
  const job = await recordJob(tx, item, "DeleteBackupData", actor, now);
  return { jobId: job.id, purgeAt, purgedFromServers: [] };
}

type Workload = "AzureIaasVM" | "MAB";
type AvailableSource = {
  source: { virtualMachineId: string } | { fileFolderSourceId: string };
  friendlyName: string;
  names: { containerName: string; itemName: string };
};

/** The data sources no vault protects (VMs that exist; folders of servers registered to the vault), or why some aren't. */
export async function availableSources(
  tx: Tx,
  vaultId: string,
  backupManagementType: Workload,
  sourceIds: string[],
): Promise<ServiceResult<AvailableSource[]>> {
  const sources: AvailableSource[] =
    backupManagementType === "AzureIaasVM"
      ? (
          await tx.virtualMachine.findMany({
            where: { id: { in: sourceIds }, deletedAt: null, protectedItems: { none: {} } },
          })
        ).map((vm) => ({
          source: { virtualMachineId: vm.id },
          friendlyName: vm.name,
          names: virtualMachineBackupNames(vm.resourceGroup, vm.name),
        }))
      : (
          await tx.fileFolderSource.findMany({
            where: { id: { in: sourceIds }, server: { vaultId }, protectedItems: { none: {} } },
            include: { server: { select: { name: true } } },
          })
        ).map((folder) => ({
          source: { fileFolderSourceId: folder.id },
          friendlyName: folder.path,
          names: fileFolderBackupNames(folder.server.name, folder.path),
        }));
  if (sources.length === new Set(sourceIds).size) return ok(sources);
  const message =
    backupManagementType === "AzureIaasVM"
      ? "Some virtual machines don't exist or are already protected (a soft-deleted item keeps its VM until it is undeleted or purged)."
      : "Some folders are not on a server registered to this vault, or are already protected (a soft-deleted item keeps its folder until it is undeleted or purged).";
  return fail("BMSUserErrorDataSourceNotAvailable", message, { sourceIds: [message] });
}

/** Protects the sources with the policy: items start IRPending, each with a ConfigureBackup job. */
export async function protectSources(
  tx: Tx,
  vaultId: string,
  backupManagementType: Workload,
  sources: AvailableSource[],
  policyId: string,
  actor: string,
  now: Date,
): Promise<Array<{ itemId: string; jobId: string }>> {
  const protectedItems: Array<{ itemId: string; jobId: string }> = [];
  for (const { source, friendlyName, names } of sources) {
    const item = await tx.protectedItem.create({
      data: { vaultId, backupManagementType, ...source, friendlyName, ...names, policyId, createdAt: now },
      select: { id: true },
    });
    const job = await recordJob(
      tx,
      { id: item.id, vaultId, friendlyName, backupManagementType },
      "ConfigureBackup",
      actor,
      now,
    );
    protectedItems.push({ itemId: item.id, jobId: job.id });
  }
  return protectedItems;
}

/** A policy of the vault for the workload, or why it can't protect the item. */
export async function policyFor(tx: Tx, vaultId: string, policyId: string, backupManagementType: Workload) {
  const policy = await tx.backupPolicy.findFirst({ where: { id: policyId, vaultId } });
  if (!policy)
    return fail("BMSUserErrorPolicyNotFound", "The policy was not found in this vault.", {
      policyId: ["Choose a policy of this vault."],
    });
  if (policy.backupManagementType !== backupManagementType) {
    return fail("BMSUserErrorPolicyMismatch", "The policy is for another kind of backup item.", {
      policyId: ["Choose a policy for this kind of item."],
    });
  }
  return policy;
}

export type ProtectableSource = {
  id: string;
  name: string;
  detail: string;
  sizeGb: number;
  blockedBecause: string | null;
};

/**
 * What Configure backup offers: VMs no vault protects, or the folders of servers registered to
 * this vault. A source whose item is soft-deleted is listed as blocked until undeleted or purged.
 */
export async function listProtectableSources(
  db: Db,
  vaultId: string,
  backupManagementType: Workload,
): Promise<ProtectableSource[]> {
  const protection = { where: { deletedAt: null } };
  const softDeleted = { where: { deletedAt: { not: null } }, select: { vault: { select: { name: true } } } };
  const blocked = (items: Array<{ vault: { name: string } }>) =>
    items.length > 0
      ? `Its backup item is soft-deleted in ${items[0].vault.name}: undelete it there, or wait for the purge.`
      : null;
  if (backupManagementType === "AzureIaasVM") {
    const vms = await db.virtualMachine.findMany({
      where: { deletedAt: null, protectedItems: { none: protection.where } },
      orderBy: [{ name: "asc" }],
      include: { protectedItems: softDeleted },
    });
    return vms.map((vm) => ({
      id: vm.id,
      name: vm.name,
      detail: `${vm.resourceGroup} · ${vm.osType}`,
      sizeGb: vm.sizeGb,
      blockedBecause: blocked(vm.protectedItems),
    }));
  }
  const folders = await db.fileFolderSource.findMany({
    where: { server: { vaultId }, protectedItems: { none: protection.where } },
    orderBy: [{ server: { name: "asc" } }, { path: "asc" }],
    include: { server: { select: { name: true } }, protectedItems: softDeleted },
  });
  return folders.map((folder) => ({
    id: folder.id,
    name: folder.path,
    detail: folder.server.name,
    sizeGb: folder.sizeGb,
    blockedBecause: blocked(folder.protectedItems),
  }));
}

/** Configure backup: protects VMs or Backup Agent folders with a policy of the vault; they start IRPending. */
export async function configureBackup(
  db: Db,
  input: ConfigureBackupInput,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ itemIds: string[] }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Configure backup",
    permission: "configureBackup",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.sourceIds ?? ""), async () => {
    const parsed = configureBackupInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, backupManagementType, sourceIds, policyId } = parsed.data;
    // Two requests protecting one source at once: the unique key on the item's source lets one
    // write; the other, run again, finds the source taken.
    return retryOnUniqueViolation(() =>
      db.$transaction(async (tx) => {
        const policy = await policyFor(tx, vaultId, policyId, backupManagementType);
        if ("ok" in policy) return policy;
        const sources = await availableSources(tx, vaultId, backupManagementType, sourceIds);
        if (!sources.ok) return sources;
        const protectedItems = await protectSources(
          tx,
          vaultId,
          backupManagementType,
          sources.data,
          policy.id,
          actor.email,
          now,
        );
        await recordActivity(tx, scope, sources.data.map((source) => source.friendlyName).join(", "), {
          policy: [null, policy.name],
        });
        return ok({ itemIds: protectedItems.map((item) => item.itemId) });
      }),
    );
  });
}

/**
 * Backup now: queues an on-demand Backup job whose recovery point is kept until `retainUntil`
 * (a full copy when the initial backup is pending, else incremental). The engine runs it at once.
 */
export async function backupNow(
  db: Db,
  input: { vaultId: string; itemId: string; retainUntil?: Date | string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Backup now",
    permission: "backupNow",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = backupNowInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, itemId } = parsed.data;
    const retainUntil = parsed.data.retainUntil ?? defaultRetainUntil(now);
    const issue = retainUntilIssue(retainUntil, now);
    if (issue) return fail("BadRequest", issue.message, { retainUntil: [issue.hint] });
    const result = await retryOnUniqueViolation(() =>
      inTransaction(db, async (tx) => {
        const item = await itemFor(tx, vaultId, itemId, "backupNow");
        if (isRefusal(item)) return item;
        // Counting takes the item's row first, as the planner does before it inserts its jobs: requests
        // for the item wait for each other there, and the check below sees the job of the one before.
        const counted = await countOnDemandBackup(tx, item.id, now);
        const running = await backupRunning(tx, item.id);
        if (running) return running;
        if (!counted) {
          // Our code: Azure documents the limit but not its error code.
          return fail(
            "UserErrorOnDemandBackupLimitReached",
            `This item already had ${MAX_ON_DEMAND_BACKUPS_PER_DAY} on-demand backups today (UTC), the most Azure Backup allows. Try again tomorrow.`,
          );
        }
        // The unique index on running backups (Job_one_running_backup_per_item) refuses a second
        // one that got past the check anyway; run again, the check sees the first.
        const job = await tx.job.create({
          data: {
            vaultId,
            protectedItemId: item.id,
            operation: "Backup",
            status: "InProgress",
            startTime: now,
            retainUntil,
            isCancellable: true,
            entityFriendlyName: item.friendlyName,
            backupManagementType: item.backupManagementType,
            subTasks: backupSubTasks(item.backupManagementType),
            initiatedBy: actor.email,
          },
          select: { id: true },
        });
        await recordActivity(tx, scope, item.friendlyName, { retainUntil: [null, retainUntil.toISOString()] });
        return ok({ jobId: job.id });
      }),
    );
    if (result.ok) {
      requestEngineRun();
      wakeAgents();
    }
    return result;
  });
}

/** Stop backup: Retain Backup Data (ProtectionStopped: no backups, no pruning) or Delete Backup Data (soft delete; the item's name typed to confirm). */
export async function stopBackup(
  db: Db,
  input: StopBackupInput,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string; purgeAt: Date | null }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: input?.mode === "delete" ? "Stop backup (delete backup data)" : "Stop backup (retain backup data)",
    permission: input?.mode === "delete" ? "deleteBackupData" : "stopBackup",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = stopBackupInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const request = parsed.data;
    const stopped = await db.$transaction(async (tx) => {
      const item = await itemFor(tx, request.vaultId, request.itemId, "stopBackup");
      if (isRefusal(item)) return item;
      if (request.mode === "delete") {
        const refusal = nameMismatch(item, request.confirmName) ?? (await backupRunning(tx, item.id));
        if (refusal) return refusal;
        const deleted = await deleteData(tx, item, actor.email, now);
        await recordActivity(
          tx,
          scope,
          item.friendlyName,
          changed(
            { protectionState: item.protectionState, deletedAt: null },
            { protectionState: "ProtectionStopped", deletedAt: deleted.purgeAt ? now : "purged" },
          ),
        );
        return ok(deleted);
      }
      await tx.protectedItem.update({
        where: { id: item.id },
        data: { protectionState: "ProtectionStopped", policyId: null },
      });
      const note = [request.reason, request.comment].filter(Boolean).join(": ") || undefined;
      const job = await recordJob(tx, item, "DisableBackup", actor.email, now, note);
      await recordActivity(tx, scope, item.friendlyName, {
        ...changed({ protectionState: item.protectionState }, { protectionState: "ProtectionStopped" }),
        ...(note ? { reason: [null, note] } : {}),
      });
      return ok({ jobId: job.id, purgeAt: null, purgedFromServers: [] });
    });
    return withStorageReconciled(db, stopped, now);
  });
}

/**
 * Resume backup under any policy of the item's type: scheduled points get the new policy's
 * retention (on-demand ones keep theirs); planning starts from now, so the stopped time isn't a backlog.
 */
export async function resumeBackup(
  db: Db,
  input: { vaultId: string; itemId: string; policyId: string; confirmRemoval?: boolean },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string; policyName: string } & PolicyChangeImpact>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Resume backup",
    permission: "resumeBackup",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = resumeBackupInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, itemId, policyId, confirmRemoval } = parsed.data;
    return inTransaction(db, async (tx) => {
      const item = await itemFor(tx, vaultId, itemId, "resumeBackup");
      if (isRefusal(item)) return item;
      const policy = await policyFor(tx, vaultId, policyId, item.backupManagementType);
      if ("ok" in policy) return policy;
      const retagged = await retagScheduledPoints(tx, [item.id], rulesOfStoredPolicy(policy), now, confirmRemoval);
      if (!retagged.ok) return retagged;
      const hasPoints = (await tx.recoveryPoint.count({ where: { protectedItemId: item.id } })) > 0;
      await tx.protectedItem.update({
        where: { id: item.id },
        data: {
          protectionState: hasPoints ? "Protected" : "IRPending",
          policyId: policy.id,
          lastScheduledFor: now,
          nextScheduledFor: null,
        },
      });
      const job = await recordJob(tx, item, "ConfigureBackup", actor.email, now);
      const previous = item.policyId
        ? await tx.backupPolicy.findUnique({ where: { id: item.policyId }, select: { name: true } })
        : null;
      // The policy by name, as Change policy records it (entries from before read policyId's name from the log's service).
      await recordActivity(tx, scope, item.friendlyName, {
        ...changed(
          { protectionState: item.protectionState, policy: previous?.name ?? null },
          { protectionState: hasPoints ? "Protected" : "IRPending", policy: policy.name },
        ),
        recoveryPoints: [null, describeImpact(retagged.data)],
      });
      return ok({ jobId: job.id, policyName: policy.name, ...retagged.data });
    });
  });
}

/** Delete backup data of an item stopped with retained data: all its points, through soft delete. */
export async function deleteBackupData(
  db: Db,
  input: { vaultId: string; itemId: string; confirmName: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string; purgeAt: Date | null }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Delete backup data",
    permission: "deleteBackupData",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = deleteBackupDataInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const deleted = await db.$transaction(async (tx) => {
      const item = await itemFor(tx, parsed.data.vaultId, parsed.data.itemId, "deleteBackupData");
      if (isRefusal(item)) return item;
      const refusal = nameMismatch(item, parsed.data.confirmName) ?? (await backupRunning(tx, item.id));
      if (refusal) return refusal;
      const deleted = await deleteData(tx, item, actor.email, now);
      await recordActivity(
        tx,
        scope,
        item.friendlyName,
        changed(
          { protectionState: item.protectionState, deletedAt: null },
          { protectionState: "ProtectionStopped", deletedAt: deleted.purgeAt ? now : "purged" },
        ),
      );
      return ok(deleted);
    });
    return withStorageReconciled(db, deleted, now);
  });
}

/** Undelete: a soft-deleted item returns to Protection stopped with its data. */
export async function undeleteItem(
  db: Db,
  input: { vaultId: string; itemId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Undelete",
    permission: "undelete",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = undeleteInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const undeleted = await db.$transaction(async (tx) => {
      const item = await itemFor(tx, parsed.data.vaultId, parsed.data.itemId, "undelete");
      if (isRefusal(item)) return item;
      await tx.protectedItem.update({
        where: { id: item.id },
        data: { protectionState: "ProtectionStopped", deletedAt: null, purgeAt: null },
      });
      const job = await recordJob(tx, item, "Undelete", actor.email, now);
      await recordActivity(
        tx,
        scope,
        item.friendlyName,
        changed(
          { protectionState: item.protectionState, deletedAt: item.deletedAt },
          { protectionState: "ProtectionStopped", deletedAt: null },
        ),
      );
      return ok({ jobId: job.id });
    });
    return withStorageReconciled(db, undeleted, now);
  });
}
