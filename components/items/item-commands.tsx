"use client";

import { type ReactNode, useEffect, useState } from "react";
import { ConfirmByNameDialog } from "@/components/forms/confirm-by-name-dialog";
import { BackupIcon, DeleteIcon, PlayIcon, PolicyIcon, RestoreIcon, StopIcon, UndoIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { useNotify } from "@/components/portal/notifications";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { ITEM_ACTIONS, ITEM_ACTION_LABELS, type ItemAction } from "@/lib/domain/protection/actions";
import type { FormAction, ServerAction } from "@/components/forms/action-state";
import { BackupNowPanel, type RetainTillBounds } from "./backup-now-panel";
import { type PolicyChoice, PolicyChoicePanel } from "./policy-choice-panel";
import { RecoverFilesPanel } from "./recover-files-panel";
import { RestoreVmPanel } from "./restore-vm-panel";
import { StopBackupPanel } from "./stop-backup-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

const ICONS: Record<ItemAction, ReactNode> = {
  backupNow: <BackupIcon />,
  restore: <RestoreIcon />,
  stopBackup: <StopIcon />,
  resumeBackup: <PlayIcon />,
  deleteBackupData: <DeleteIcon />,
  changePolicy: <PolicyIcon />,
  undelete: <UndoIcon />,
};

/** The item's server actions, which its page passes down. */
export type ItemServerActions = {
  backupNow: Parameters<typeof BackupNowPanel>[0]["backupNow"];
  stopBackup: Parameters<typeof StopBackupPanel>[0]["stopBackup"];
  previewPolicyChange: Parameters<typeof PolicyChoicePanel>[0]["preview"];
  switchPolicy: Parameters<typeof PolicyChoicePanel>[0]["action"];
  resumeBackup: Parameters<typeof PolicyChoicePanel>[0]["action"];
  deleteBackupData: FormAction;
  undelete: ServerAction<{ vaultId: string; itemId: string }>;
};

export type ItemCommandsProps = {
  server: ItemServerActions;
  vaultId: string;
  itemId: string;
  itemName: string;
  actions: Record<ItemAction, { allowed: boolean; reason?: string }>;
  currentPolicyId: string | null;
  /** The vault's policies for this kind of item. */
  policies: PolicyChoice[];
  retainTill: RetainTillBounds;
  /** The vault's soft-delete retention; null when soft delete is disabled. */
  softDeleteDays: number | null;
  /** The viewer's time zone, for the times of recovery points. */
  timeZone: string;
  /** Restore VM's points, source and action: Azure VM items only (files and folders are recovered through their agent). */
  restoreVm?: Omit<Parameters<typeof RestoreVmPanel>[0], PanelProps>;
  /** Recover Data's points, source and action: Backup Agent items (their agent recovers the files). */
  recoverFiles?: Omit<Parameters<typeof RecoverFilesPanel>[0], PanelProps>;
  /** The command whose panel opens with the blade (Restore from a restore point's row), `key` telling one request from the next. */
  openWith?: { action: ItemAction; key: string } | null;
};

type PanelProps = "open" | "onOpenChange" | "vaultId" | "itemId" | "itemName";

/** The item's command bar; which commands are enabled comes from the domain's lifecycle table (the server checks again). */
export function ItemCommands({
  server,
  vaultId,
  itemId,
  itemName,
  actions,
  currentPolicyId,
  policies,
  retainTill,
  softDeleteDays,
  timeZone,
  restoreVm,
  recoverFiles,
  openWith = null,
}: ItemCommandsProps) {
  const [open, setOpen] = useState<ItemAction | null>(null);
  // Opened by the address (Restore on a restore point's row), also when Next.js shows this blade
  // again: an effect, because a blade Next.js kept runs its effects again when it is shown.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openWith) setOpen(openWith.action);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openWith?.action, openWith?.key]);
  const notify = useNotify();
  const panel = (action: ItemAction) => ({
    open: open === action,
    onOpenChange: (next: boolean) => setOpen(next ? action : null),
  });
  const item = { vaultId, itemId, itemName };
  const undelete = usePanelAction(`Undelete (${itemName})`, () => setOpen(null));
  return (
    <>
      <CommandBar label="Backup item commands">
        {ITEM_ACTIONS.map((action) => (
          <CommandButton
            key={action}
            icon={ICONS[action]}
            disabled={!actions[action].allowed}
            disabledReason={actions[action].reason}
            onClick={() => setOpen(action)}
          >
            {action !== "restore" ? ITEM_ACTION_LABELS[action] : restoreVm ? "Restore VM" : "Recover Data"}
          </CommandButton>
        ))}
      </CommandBar>
      <BackupNowPanel {...panel("backupNow")} {...item} bounds={retainTill} backupNow={server.backupNow} />
      {restoreVm ? <RestoreVmPanel {...panel("restore")} {...item} {...restoreVm} /> : null}
      {recoverFiles ? <RecoverFilesPanel {...panel("restore")} {...item} {...recoverFiles} /> : null}
      <StopBackupPanel
        {...panel("stopBackup")}
        {...item}
        softDeleteDays={softDeleteDays}
        stopBackup={server.stopBackup}
      />
      <PolicyChoicePanel
        {...panel("changePolicy")}
        {...item}
        title="Change backup policy"
        description="The new policy applies immediately, to existing recovery points too: a point made at another time of day is kept by every rule that selects its date."
        submitLabel="Save"
        requireChange
        currentPolicyId={currentPolicyId}
        policies={policies}
        timeZone={timeZone}
        preview={server.previewPolicyChange}
        action={server.switchPolicy}
      />
      <PolicyChoicePanel
        {...panel("resumeBackup")}
        {...item}
        title="Resume backup"
        description="Choose any policy for this item. Retained scheduled recovery points get its retention; on-demand ones keep theirs."
        submitLabel="Resume backup"
        requireChange={false}
        currentPolicyId={currentPolicyId}
        policies={policies}
        timeZone={timeZone}
        preview={server.previewPolicyChange}
        action={server.resumeBackup}
      />
      <ConfirmByNameDialog
        {...panel("deleteBackupData")}
        title="Delete backup data"
        description={
          softDeleteDays
            ? `All recovery points of ${itemName} will be deleted. They stay soft-deleted for ${softDeleteDays} days, during which you can undelete them; then they are purged.`
            : `All recovery points of ${itemName} will be deleted at once: soft delete is disabled on this vault.`
        }
        resourceName={itemName}
        confirmLabel="Delete"
        action={server.deleteBackupData}
        hiddenFields={{ vaultId, itemId }}
        onSuccess={(state) => {
          notify({ title: `Delete backup data (${itemName})`, message: state.message ?? "", tone: "success" });
          setOpen(null);
        }}
      />
      <ActionPanel
        {...panel("undelete")}
        title="Undelete"
        description={itemName}
        action={undelete}
        submitLabel="Undelete"
        busyLabel="Undeleting…"
        onSubmit={() => undelete.run(() => server.undelete({ vaultId, itemId }))}
      >
        <p>
          The item returns to &quot;Protection stopped&quot; with all its recovery points. You can then restore from
          them or resume backup.
        </p>
        <ActionMessage state={undelete.state} />
      </ActionPanel>
    </>
  );
}
