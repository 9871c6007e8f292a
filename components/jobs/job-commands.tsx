"use client";

import { useState } from "react";
import { CancelledIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ActionMessage, CloseButton, SidePanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/items/use-panel-action";
import { cancelJobAction } from "@/app/vaults/[vaultId]/jobs/actions";

/** The job's command bar: Cancel, for a backup in progress, after a confirmation. */
export function JobCommands({ vaultId, jobId, title, cancellable }: { vaultId: string; jobId: string; title: string; cancellable: boolean }) {
  const [open, setOpen] = useState(false);
  const cancel = usePanelAction(`Cancel job (${title})`, () => setOpen(false));
  return (
    <>
      <CommandBar label="Job commands">
        <CommandButton icon={<CancelledIcon />} disabled={!cancellable} disabledReason="Only backups in progress can be cancelled." onClick={() => setOpen(true)}>
          Cancel
        </CommandButton>
      </CommandBar>
      <SidePanel
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          cancel.reset();
        }}
        title="Cancel job"
        description={title}
        footer={
          <>
            <button
              type="button"
              disabled={cancel.pending}
              onClick={() => cancel.run(() => cancelJobAction({ vaultId, jobId }))}
              className="inline-flex h-8 items-center rounded-sm bg-error-bright px-4 font-semibold text-white hover:bg-error disabled:bg-surface-muted disabled:text-text-disabled"
            >
              {cancel.pending ? "Cancelling…" : "Cancel job"}
            </button>
            <CloseButton>Keep running</CloseButton>
          </>
        }
      >
        <p>The backup stops and the data transferred so far is discarded. The next backup is incremental from the last recovery point.</p>
        <ActionMessage state={cancel.state} />
      </SidePanel>
    </>
  );
}
