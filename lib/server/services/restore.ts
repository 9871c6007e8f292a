// Restore VM: checks the request against the item, its point and the inventory, then queues a
// Restore job the engine runs (lib/server/engine/restore-runner.ts), in one transaction with the
// activity log's entry. What the restore makes is written when the job ends.
import {
  AZURE_RECOVERY_TYPES,
  restoreTier,
  VM_RESTORE_TYPE_LABELS,
  type VmRestoreDetails,
  type VmRestoreTarget,
  vmRestoreRefusal,
  vmRestoreSubTasks,
} from "@/lib/domain/restore/vm-restore";
import {
  type BrowseRecoveryPointInput,
  browseRecoveryPointSchema,
  type FileRecoveryInput,
  fileRecoveryInputSchema,
  type PointDownloadInput,
  pointDownloadSchema,
  type VmRestoreInput,
  vmRestoreInputSchema,
} from "@/lib/schemas/restore";

type VmRestoreRequest = ReturnType<typeof vmRestoreInputSchema.parse>;
import { type FileRecoveryDetails, isWithin } from "@/lib/domain/restore/file-recovery";
import { recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Actor, authorize } from "@/lib/server/auth/authorize";
import { askAgent } from "@/lib/server/agents/requests";
import { followDump } from "@/lib/server/agents/downloads";
import type { RequestAnswer } from "@/lib/schemas/agent";

export type RecoveryPointEntry = Extract<RequestAnswer, { entries: unknown }>["entries"][number];
import type { Db } from "@/lib/server/db";
import { requestEngineRun } from "@/lib/server/engine/service";
import { fail, inTransaction, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { vmNameTaken } from "./inventory";
import { REAL_AGENT_SERVER } from "@/lib/server/agents/credentials";
import { wakeAgents } from "@/lib/server/agents/wake";

/** Restore points the restore blade offers, newest first. */
export const RESTORE_POINT_CHOICES = 100;

/** The item's points a restore can read, newest first, with the tier it would read. */
export async function restorePointChoices(db: Db, vaultId: string, itemId: string, now = new Date()) {
  const points = await db.recoveryPoint.findMany({
    where: { protectedItemId: itemId, protectedItem: { vaultId } },
    orderBy: [{ time: "desc" }, { id: "desc" }],
    take: RESTORE_POINT_CHOICES,
    select: { id: true, time: true, type: true, inSnapshotTier: true, inVaultTier: true, snapshotExpiresAt: true },
  });
  return points.flatMap((point) => {
    const tier = restoreTier(point, now);
    return tier ? [{ id: point.id, time: point.time, type: point.type, tier }] : [];
  });
}

/** The request's target: its fields past the item and the point, the restore type as `type`. */
function targetOf(input: VmRestoreRequest): VmRestoreTarget {
  const { vaultId: _vault, itemId: _item, recoveryPointId: _point, restoreType, ...fields } = input;
  return { type: restoreType, ...fields } as VmRestoreTarget;
}

/** Restore VM from a recovery point of an Azure VM item: queues the Restore job. */
export async function restoreVirtualMachine(
  db: Db,
  input: VmRestoreInput,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Restore VM",
    permission: "restore",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = vmRestoreInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, itemId, recoveryPointId } = parsed.data;
    const target = targetOf(parsed.data);
    const result = await inTransaction(db, async (tx) => {
      const item = await tx.protectedItem.findFirst({
        where: { id: itemId, vaultId, backupManagementType: "AzureIaasVM" },
        include: { virtualMachine: true },
      });
      const vm = item?.virtualMachine;
      if (!item || !vm) return fail("ResourceNotFound", "The backup item was not found in this vault.");
      const refusal = vmRestoreRefusal(
        { softDeleted: item.deletedAt !== null, vmDeleted: vm.deletedAt !== null },
        target.type,
      );
      if (refusal) return fail(refusal.code, refusal.message);
      const point = await tx.recoveryPoint.findFirst({ where: { id: recoveryPointId, protectedItemId: item.id } });
      const tier = point ? restoreTier(point, now) : null;
      if (!point || !tier) {
        const message = "The restore point was not found: it may have expired. Choose another one.";
        return fail("UserErrorRecoveryPointNotFound", message, { recoveryPointId: [message] });
      }
      if (target.type === "CreateVirtualMachine") {
        const taken = await vmNameTaken(tx, {
          subscriptionId: vm.subscriptionId,
          resourceGroup: target.resourceGroup,
          name: target.vmName,
        });
        if (taken) return fail("UserErrorVmNameAlreadyExists", taken, { vmName: [taken] });
      }
      const details: VmRestoreDetails = {
        kind: "AzureIaasVM",
        recoveryPoint: { id: point.id, time: point.time.toISOString(), tier },
        source: {
          vmName: vm.name,
          resourceGroup: vm.resourceGroup,
          subscriptionId: vm.subscriptionId,
          location: vm.location,
          osType: vm.osType,
        },
        target,
      };
      const job = await tx.job.create({
        data: {
          vaultId,
          protectedItemId: item.id,
          operation: "Restore",
          status: "InProgress",
          startTime: now,
          isCancellable: true,
          entityFriendlyName: item.friendlyName,
          backupManagementType: "AzureIaasVM",
          subTasks: vmRestoreSubTasks(target.type),
          restoreDetails: details,
          initiatedBy: actor.email,
        },
        select: { id: true },
      });
      await recordActivity(tx, scope, item.friendlyName, {
        recoveryPoint: [null, point.time.toISOString()],
        restoreType: [null, `${VM_RESTORE_TYPE_LABELS[target.type]} (${AZURE_RECOVERY_TYPES[target.type]})`],
        target: [null, target],
      });
      return ok({ jobId: job.id });
    });
    if (result.ok) requestEngineRun();
    return result;
  });
}

/** Whether a server's agent reported holding the passphrase of `serverName` (BackupAgentServer.passphrasesFor). */
export function holdsPassphraseOf(passphrasesFor: unknown, serverName: string): boolean {
  return Array.isArray(passphrasesFor) && passphrasesFor.includes(serverName);
}

const RECOVERY_SUBTASKS = [{ name: "Transfer data", status: "NotStarted" as const, progressPercent: 0 }];

/**
 * Recover Data of a Backup Agent item: queues a Restore job its server's agent claims. Only a
 * server with a real agent holds data (the demo's servers are simulated).
 */
export async function recoverFiles(
  db: Db,
  input: FileRecoveryInput,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ jobId: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Recover data",
    permission: "restore",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = fileRecoveryInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, itemId, recoveryPointId, destination, conflict, restoreAcls, targetServerId } = parsed.data;
    const result = await inTransaction(db, async (tx) => {
      const item = await tx.protectedItem.findFirst({
        where: { id: itemId, vaultId, backupManagementType: "MAB" },
        include: { fileFolderSource: { include: { server: true } } },
      });
      const source = item?.fileFolderSource;
      if (!item || !source) return fail("ResourceNotFound", "The backup item was not found in this vault.");
      if (item.deletedAt)
        return fail(
          "UserErrorInvalidProtectionState",
          "The item is soft-deleted; undelete it first, then recover from its recovery points.",
        );
      if (!source.server.credentialHash)
        return fail(
          "UserErrorRecoveryNotSupported",
          `${source.server.name} is a demo server: its backups are simulated and hold no files to recover. Register a server with the Backup Agent to back up and recover files.`,
        );
      const outside = parsed.data.items.filter((path) => !isWithin(path, source.path));
      if (outside.length > 0) {
        const message = `Items must be in ${source.path}: ${outside.slice(0, 3).join(", ")}.`;
        return fail("BadRequest", message, { items: [message] });
      }
      const point = await tx.recoveryPoint.findFirst({ where: { id: recoveryPointId, protectedItemId: item.id } });
      if (!point?.snapshotId) {
        const message = "The recovery point was not found: it may have expired. Choose another one.";
        return fail("UserErrorRecoveryPointNotFound", message, { recoveryPointId: [message] });
      }
      const target =
        targetServerId && targetServerId !== source.serverId
          ? await tx.backupAgentServer.findFirst({
              where: { id: targetServerId, vaultId, ...REAL_AGENT_SERVER },
              select: { id: true, name: true, passphrasesFor: true },
            })
          : null;
      if (targetServerId && targetServerId !== source.serverId) {
        const refusal = !target
          ? "Choose a server registered to this vault with the Backup Agent."
          : holdsPassphraseOf(target.passphrasesFor, source.server.name)
            ? null
            : `${target.name} doesn't hold the passphrase of ${source.server.name}. On ${target.name}, run: npm run agent -- add-passphrase --server ${source.server.name} --passphrase-file <file>`;
        if (refusal) return fail("UserErrorPassphraseNotAvailable", refusal, { targetServerId: [refusal] });
      }
      const details: FileRecoveryDetails = {
        kind: "MAB",
        recoveryPoint: { id: point.id, time: point.time.toISOString(), snapshotId: point.snapshotId },
        source: { serverName: source.server.name, path: source.path },
        targetServer: target?.name ?? null,
        items: [...new Set(parsed.data.items)],
        destination,
        conflict,
        restoreAcls,
      };
      const job = await tx.job.create({
        data: {
          vaultId,
          protectedItemId: item.id,
          operation: "Restore",
          status: "InProgress",
          startTime: now,
          isCancellable: true,
          entityFriendlyName: item.friendlyName,
          backupManagementType: "MAB",
          subTasks: RECOVERY_SUBTASKS,
          restoreDetails: details,
          recoveryServerId: target?.id ?? source.serverId,
          initiatedBy: actor.email,
        },
        select: { id: true },
      });
      await recordActivity(tx, scope, item.friendlyName, {
        recoveryPoint: [null, point.time.toISOString()],
        recoverTo: [null, target?.name ?? source.server.name],
        items: [null, details.items.length === 0 ? [source.path] : details.items],
        destination: [null, destination ?? "Original location"],
        conflict: [null, conflict],
        restoreAcls: [null, restoreAcls],
      });
      return ok({ jobId: job.id });
    });
    if (result.ok) wakeAgents();
    return result;
  });
}

/** The servers Recover Data can recover an item of `sourceServerId` to: the vault's other agents, and whether each holds its passphrase. */
export async function recoveryTargets(db: Db, vaultId: string, sourceServerId: string, sourceServerName: string) {
  const servers = await db.backupAgentServer.findMany({
    where: { vaultId, ...REAL_AGENT_SERVER, id: { not: sourceServerId } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, passphrasesFor: true },
  });
  return servers.map((server) => ({
    id: server.id,
    name: server.name,
    holdsPassphrase: holdsPassphraseOf(server.passphrasesFor, sourceServerName),
  }));
}

/**
 * What a Backup Agent item's recovery point holds in a folder, or the entries whose name contains
 * `search`: asked of the item's server's agent, which alone can open the point.
 */
export async function browseRecoveryPoint(
  db: Db,
  input: BrowseRecoveryPointInput,
  actor: Actor,
): Promise<ServiceResult<{ entries: RecoveryPointEntry[]; truncated: boolean }>> {
  const parsed = browseRecoveryPointSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { vaultId, itemId, recoveryPointId, folder, search } = parsed.data;
  const denied = await authorize(db, actor, vaultId, "restore");
  if (denied) return denied;
  const found = await agentPoint(db, vaultId, itemId, recoveryPointId);
  if (!found.ok) return found;
  const { snapshotId, source } = found.data;
  if (folder && !isWithin(folder, source.path)) {
    const message = `Browse a folder in ${source.path}.`;
    return fail("BadRequest", message, { folder: [message] });
  }
  const answer = await askAgent(
    db,
    source.serverId,
    search
      ? { kind: "Search", snapshotId, within: source.path, pattern: search }
      : { kind: "ListFolder", snapshotId, folder: folder ?? source.path },
  );
  if (!answer) return agentSilent(source.server.name);
  if ("error" in answer)
    return fail("UserErrorBrowseFailed", `The Backup Agent couldn't read the point: ${answer.error}`);
  return ok(answer);
}

/** A recovery point of a Backup Agent item on a server with a real agent: its snapshot and where it was backed up from. */
async function agentPoint(db: Db, vaultId: string, itemId: string, recoveryPointId: string) {
  const point = await db.recoveryPoint.findFirst({
    where: { id: recoveryPointId, protectedItem: { id: itemId, vaultId, deletedAt: null } },
    select: {
      snapshotId: true,
      protectedItem: { select: { fileFolderSource: { select: { path: true, serverId: true, server: true } } } },
    },
  });
  const source = point?.protectedItem.fileFolderSource;
  if (!point?.snapshotId || !source?.server.credentialHash)
    return fail("UserErrorRecoveryPointNotFound", "The recovery point was not found: it may have expired.");
  return ok({ snapshotId: point.snapshotId, source });
}

const agentSilent = (serverName: string) =>
  fail(
    "UserErrorAgentNotResponding",
    `The Backup Agent on ${serverName} didn't answer: it may be offline, or busy with a backup. Try again later.`,
  );

/** A file of a recovery point as it is, or a folder as a zip archive, streamed from the server's agent (Backup Operator and above). */
export async function downloadFromPoint(
  db: Db,
  input: PointDownloadInput,
  actor: Actor,
): Promise<ServiceResult<{ fileName: string; contentType: string; stream: ReadableStream<Uint8Array> }>> {
  const parsed = pointDownloadSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { vaultId, itemId, recoveryPointId, path, type } = parsed.data;
  const denied = await authorize(db, actor, vaultId, "restore");
  if (denied) return denied;
  const found = await agentPoint(db, vaultId, itemId, recoveryPointId);
  if (!found.ok) return found;
  const { snapshotId, source } = found.data;
  if (!isWithin(path, source.path))
    return fail("BadRequest", `Download an item in ${source.path}.`, { path: [`Download an item in ${source.path}.`] });
  const archive = type === "dir" ? ("zip" as const) : null;
  const dumped = await followDump(db, source.serverId, { kind: "Dump", snapshotId, path, archive });
  if ("error" in dumped)
    return dumped.error
      ? fail("UserErrorBrowseFailed", `The Backup Agent couldn't read the point: ${dumped.error}`)
      : agentSilent(source.server.name);
  const name = path.slice(path.lastIndexOf("/") + 1) || "recovery";
  return ok({
    fileName: archive ? `${name}.zip` : name,
    contentType: archive ? "application/zip" : "application/octet-stream",
    stream: dumped.stream,
  });
}
