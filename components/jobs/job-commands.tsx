"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useState } from "react";
import { CancelledIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

/** The job's command bar: Cancel, for a backup in progress, after a confirmation. */
export function JobCommands({
  cancelJob,
  vaultId,
  jobId,
  title,
  cancellable,
  denied,
}: {
  cancelJob: ServerAction<{ vaultId: string; jobId: string }>;
  vaultId: string;
  jobId: string;
  title: string;
  cancellable: boolean;
  denied: string | null;
}) {
  const [open, setOpen] = useState(false);
  const cancel = usePanelAction(`Cancel job (${title})`, () => setOpen(false));
  return (
    <>
      <CommandBar label="Job commands">
        <CommandButton
          icon={<CancelledIcon />}
          disabled={!cancellable || denied !== null}
          disabledReason={denied ?? "Only backups and restores in progress can be cancelled."}
          onClick={() => setOpen(true)}
        >
          Cancel
        </CommandButton>
      </CommandBar>
      <ActionPanel
        open={open}
        onOpenChange={setOpen}
        title="Cancel job"
        description={title}
        action={cancel}
        submitLabel="Cancel job"
        busyLabel="Cancelling…"
        closeLabel="Keep running"
        destructive
        onSubmit={() => cancel.run(() => cancelJob({ vaultId, jobId }))}
      >
        <p>
          The backup stops and the data transferred so far is discarded. The next backup is incremental from the last
          recovery point.
        </p>
        <ActionMessage state={cancel.state} />
      </ActionPanel>
    </>
  );
}
