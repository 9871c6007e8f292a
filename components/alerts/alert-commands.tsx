"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { AlertStateInput } from "@/lib/schemas/alert-state";
import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { SettingsIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { ALERT_STATES, type AlertState } from "@/lib/domain/alerts/alerts";
import { ALERT_COMMENT_MAX_LENGTH } from "@/lib/schemas/alert-state";

const STATE_HELP: Record<AlertState, string> = {
  New: "Nobody has looked at the alert yet.",
  Acknowledged: "Someone is working on it.",
  Closed: "Handled. A later failure of the same kind opens a new alert.",
};

/** The alert's command bar: Change alert state, in a side panel with the state and a comment. */
export function AlertCommands({
  changeState,
  vaultId,
  alertId,
  title,
  state,
  denied,
}: {
  changeState: ServerAction<AlertStateInput>;
  vaultId: string;
  alertId: string;
  title: string;
  state: AlertState;
  denied: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState<AlertState>("Acknowledged");
  const [comment, setComment] = useState("");
  const action = usePanelAction(`Change alert state (${title})`, () => setOpen(false));
  const errors = action.state?.fieldErrors;
  return (
    <>
      <CommandBar label="Alert commands">
        <CommandButton
          icon={<SettingsIcon />}
          disabled={denied !== null}
          disabledReason={denied ?? undefined}
          onClick={() => {
            // The likely next step: a new alert is acknowledged, an acknowledged one closed.
            setNext(state === "New" ? "Acknowledged" : state === "Acknowledged" ? "Closed" : "New");
            setOpen(true);
          }}
        >
          Change alert state
        </CommandButton>
      </CommandBar>
      <ActionPanel
        open={open}
        onOpenChange={setOpen}
        onClosed={() => setComment("")}
        title="Change alert state"
        description={title}
        action={action}
        submitLabel="Save"
        busyLabel="Saving…"
        onSubmit={() => action.run(() => changeState({ vaultId, alertId, state: next, comment: comment || undefined }))}
      >
        <p className="mb-3 text-[12px] text-text-secondary">
          The alert state is yours to set; its monitor condition (Fired, Resolved) is the system&apos;s and doesn&apos;t
          change.
        </p>
        <label htmlFor="alert-state" className="mb-1 font-semibold">
          Alert state
        </label>
        <select
          id="alert-state"
          className={`${inputClass} w-full`}
          value={next}
          onChange={(event) => setNext(event.target.value as AlertState)}
          aria-invalid={errors?.state ? true : undefined}
        >
          {ALERT_STATES.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
              {choice === state ? " (current)" : ""}
            </option>
          ))}
        </select>
        <p className="mb-3 mt-1 text-[12px] text-text-secondary">{STATE_HELP[next]}</p>
        {errors?.state?.map((error) => (
          <p key={error} role="alert" className="-mt-2 mb-3 text-[12px] text-error">
            {error}
          </p>
        ))}
        <label htmlFor="alert-comment" className="mb-1 font-semibold">
          Comment
        </label>
        <textarea
          id="alert-comment"
          rows={4}
          maxLength={ALERT_COMMENT_MAX_LENGTH}
          className="rounded-sm border border-border-strong px-2 py-1 aria-[invalid=true]:border-error-bright"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={errors?.comment ? true : undefined}
        />
        <p className="mt-1 text-[12px] text-text-secondary">
          Optional, up to {ALERT_COMMENT_MAX_LENGTH} characters; kept with the alert and in the activity log.
        </p>
        {errors?.comment?.map((error) => (
          <p key={error} role="alert" className="mt-1 text-[12px] text-error">
            {error}
          </p>
        ))}
        {errors ? null : <ActionMessage state={action.state} />}
      </ActionPanel>
    </>
  );
}
