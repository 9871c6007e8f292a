"use client";

import { type ReactNode, useState } from "react";
import { BackupIcon, DeleteIcon, PlayIcon, PolicyIcon, StopIcon, UndoIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ITEM_ACTIONS, ITEM_ACTION_LABELS, type ItemAction } from "@/lib/domain/protection/actions";

const ICONS: Record<ItemAction, ReactNode> = {
  backupNow: <BackupIcon />,
  stopBackup: <StopIcon />,
  resumeBackup: <PlayIcon />,
  deleteBackupData: <DeleteIcon />,
  changePolicy: <PolicyIcon />,
  undelete: <UndoIcon />,
};

/** The item's command bar; which commands are enabled comes from the domain's lifecycle table. */
export function ItemCommands({ actions }: { actions: Record<ItemAction, { allowed: boolean; reason?: string }> }) {
  const [notice, setNotice] = useState<string>();
  return (
    <>
      <CommandBar label="Backup item commands">
        {ITEM_ACTIONS.map((action) => (
          <CommandButton
            key={action}
            icon={ICONS[action]}
            disabled={!actions[action].allowed}
            disabledReason={actions[action].reason}
            onClick={() => setNotice(`${ITEM_ACTION_LABELS[action]} is not available in this version yet: it arrives with the protection flows.`)}
          >
            {ITEM_ACTION_LABELS[action]}
          </CommandButton>
        ))}
      </CommandBar>
      {notice ? (
        <p role="status" className="mb-1 rounded-sm bg-primary-lighter px-3 py-1.5 text-[12px]">
          {notice}
        </p>
      ) : null}
    </>
  );
}
