"use client";

import { type ReactNode, useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { ActionMessage, ActionPanel } from "./side-panel";
import { usePanelAction } from "./use-panel-action";

/** A row's link that runs a server action after a confirmation panel, and reports the outcome. */
export function ConfirmedAction({
  label,
  title,
  description,
  body,
  confirmLabel,
  destructive,
  perform,
}: {
  label: string;
  title: string;
  description?: string;
  body: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  perform: () => Promise<ActionState>;
}) {
  const [open, setOpen] = useState(false);
  const action = usePanelAction(description ? `${title} (${description})` : title, () => setOpen(false));
  return (
    <ActionPanel
      open={open}
      onOpenChange={setOpen}
      title={title}
      description={description}
      trigger={
        <button type="button" className="text-primary hover:underline">
          {label}
        </button>
      }
      action={action}
      submitLabel={confirmLabel}
      destructive={destructive}
      onSubmit={() => action.run(perform)}
    >
      <p>{body}</p>
      <ActionMessage state={action.state} />
    </ActionPanel>
  );
}
