"use server";

import { refresh } from "next/cache";
import type { ActionState } from "@/components/forms/action-state";
import { formatDateTime } from "@/lib/domain/format/time";
import { counted } from "@/lib/domain/format/count";
import { retainTillIssue, retainUntilOf } from "@/lib/domain/protection/retain-till";
import type { StopBackupInput } from "@/lib/schemas/protection";
import { addServerFolder } from "@/lib/server/agents/folders";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import {
  backupNow,
  configureBackup,
  deleteBackupData,
  resumeBackup,
  stopBackup,
  undeleteItem,
} from "@/lib/server/services/protection";
import type { ConfigureBackupInput } from "@/lib/schemas/protection";
import type { BrowseRecoveryPointInput, FileRecoveryInput, VmRestoreInput } from "@/lib/schemas/restore";
import { VM_RESTORE_TYPE_LABELS } from "@/lib/domain/restore/vm-restore";
import { browseRecoveryPoint, recoverFiles, restoreVirtualMachine } from "@/lib/server/services/restore";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { invalidRequest, stateOf } from "../../../action-result";

/** Backup now, with Retain Backup Till as a date in the viewer's time zone. */
export async function backupNowAction(input: { vaultId: string; itemId: string; retainTill: string }) {
  const actor = await requireActor();
  const timeZone = await viewerTimeZone();
  const issue = retainTillIssue(String(input?.retainTill ?? ""), new Date(), timeZone);
  if (issue) return { ok: false, message: issue, fieldErrors: { retainTill: [issue] } } satisfies ActionState;
  const retainUntil = retainUntilOf(input.retainTill, timeZone);
  const result = await backupNow(getDb(), { vaultId: input.vaultId, itemId: input.itemId, retainUntil }, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    () => `Backup triggered. The recovery point is kept until ${formatDateTime(retainUntil, timeZone)}.`,
  );
}

export async function stopBackupAction(input: StopBackupInput) {
  const actor = await requireActor();
  const result = await stopBackup(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) =>
    data.purgeAt
      ? "The backup jobs have been stopped and the backup data deleted; it stays soft-deleted until it is purged."
      : input?.mode === "delete"
        ? "The backup jobs have been stopped and the backup data deleted."
        : "The backup jobs have been stopped. The backup data is retained.",
  );
}

export async function resumeBackupAction(input: {
  vaultId: string;
  itemId: string;
  policyId: string;
  confirmRemoval?: boolean;
}) {
  const actor = await requireActor();
  const result = await resumeBackup(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `Backup resumed with policy ${data.policyName}.`);
}

/** Form action of the Delete backup data confirmation. */
export async function deleteBackupDataAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const input = {
    vaultId: String(formData.get("vaultId") ?? ""),
    itemId: String(formData.get("itemId") ?? ""),
    confirmName: String(formData.get("confirmName") ?? ""),
  };
  const result = await deleteBackupData(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) =>
    data.purgeAt
      ? "The backup data was deleted; it stays soft-deleted until it is purged."
      : "The backup data was deleted.",
  );
}

export async function undeleteAction(input: { vaultId: string; itemId: string }) {
  const actor = await requireActor();
  const result = await undeleteItem(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    () => "The item was undeleted. Protection is stopped with its data retained; resume backup to protect it again.",
  );
}

export async function configureBackupAction(input: ConfigureBackupInput) {
  const actor = await requireActor();
  const result = await configureBackup(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    (data) =>
      `Backup was configured for ${counted(data.itemIds.length, "item")}. The initial backup runs at the policy's next scheduled time, or now with Backup now.`,
  );
}

export async function addServerFolderAction(input: { vaultId: string; serverId: string; path: string }) {
  const actor = await requireActor();
  const result = await addServerFolder(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `${data.path} can be selected now. The agent checks it when it backs it up.`);
}

/** Restore VM from a recovery point: queues the Restore job. */
export async function restoreVmAction(input: VmRestoreInput) {
  const actor = await requireActor();
  const result = await restoreVirtualMachine(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    () => `${VM_RESTORE_TYPE_LABELS[input.restoreType] ?? "Restore"} started. Follow its progress in the Restore job.`,
  );
}

/** Recover Data of a files-and-folders item: queues the Restore job its server's agent runs. */
export async function recoverFilesAction(input: FileRecoveryInput) {
  const actor = await requireActor();
  const result = await recoverFiles(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "Recovery started. The server's Backup Agent runs it; follow it in the Restore job.");
}

/** A folder of a recovery point, or a search by name in it, as the server's agent reads it. */
export async function browseRecoveryPointAction(input: BrowseRecoveryPointInput) {
  const actor = await requireActor();
  const result = await browseRecoveryPoint(getDb(), input, actor);
  return stateOf(result, (data) => (data.truncated ? "Only the first 1,000 entries are shown." : ""));
}
