"use client";

import { type ReactNode, useState } from "react";
import { BackupIcon, DeleteIcon, PlayIcon, PolicyIcon, StopIcon, UndoIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ITEM_ACTIONS, ITEM_ACTION_LABELS, type ItemAction } from "@/lib/domain/protection/actions";
import { ChangePolicyDialog, type ChangePolicyProps } from "./change-policy-dialog";

const ICONS: Record<ItemAction, ReactNode> = {
  backupNow: <BackupIcon />,
  stopBackup: <StopIcon />,
  resumeBackup: <PlayIcon />,
  deleteBackupData: <DeleteIcon />,
  changePolicy: <PolicyIcon />,
  undelete: <UndoIcon />,
};

/** The item's command bar; which commands are enabled comes from the domain's lifecycle table. */
export function ItemCommands({ actions, changePolicy }: { actions: Record<ItemAction, { allowed: boolean; reason?: string }>; changePolicy: ChangePolicyProps }) {
  const [notice, setNotice] = useState<string>();
  const [changingPolicy, setChangingPolicy] = useState(false);
  return (
    <>
      <CommandBar label="Backup item commands">
        {ITEM_ACTIONS.map((action) => (
          <CommandButton
            key={action}
            icon={ICONS[action]}
            disabled={!actions[action].allowed}
            disabledReason={actions[action].reason}
            onClick={() =>
              action === "changePolicy"
                ? setChangingPolicy(true)
                : setNotice(`${ITEM_ACTION_LABELS[action]} is not available in this version yet: it arrives with the protection flows.`)
            }
          >
            {ITEM_ACTION_LABELS[action]}
          </CommandButton>
        ))}
      </CommandBar>
      <ChangePolicyDialog open={changingPolicy} onOpenChange={setChangingPolicy} {...changePolicy} />
      {notice ? (
        <p role="status" className="mb-1 rounded-sm bg-primary-lighter px-3 py-1.5 text-[12px]">
          {notice}
        </p>
      ) : null}
    </>
  );
}
