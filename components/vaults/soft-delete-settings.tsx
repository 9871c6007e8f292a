"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { SoftDeleteSettingsInput } from "@/lib/schemas/vault";
import { useState } from "react";
import { Field, FieldErrors, inputClass, PermittedSubmit } from "@/components/forms/field";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { ActionMessage } from "@/components/portal/side-panel";
import { SOFT_DELETE_LABELS } from "@/lib/domain/azure/resources";
import { weakensSoftDelete } from "@/lib/domain/alerts/alerts";
import { confirmsName } from "@/lib/domain/confirm-name";

type State = keyof typeof SOFT_DELETE_LABELS;

/** Soft delete of the vault's Properties: state and retention; weakening them asks for the vault's name. */
export function SoftDeleteSettings({
  update,
  vaultId,
  vaultName,
  current,
  denied,
}: {
  update: ServerAction<SoftDeleteSettingsInput>;
  vaultId: string;
  vaultName: string;
  current: { softDeleteState: State; softDeleteRetentionDays: number };
  denied: string | null;
}) {
  const [softDeleteState, setState] = useState<State>(current.softDeleteState);
  const [days, setDays] = useState(String(current.softDeleteRetentionDays));
  const [confirmName, setConfirmName] = useState("");
  const action = usePanelAction(`Soft delete settings (${vaultName})`, () => setConfirmName(""));
  const weakens =
    weakensSoftDelete(
      { state: current.softDeleteState, retentionDays: current.softDeleteRetentionDays },
      { state: softDeleteState, retentionDays: Number(days) },
    ) !== null;
  const errors = action.state?.fieldErrors ?? {};
  const locked = current.softDeleteState === "AlwaysON";
  return (
    <form
      className="max-w-[720px]"
      onSubmit={(event) => {
        event.preventDefault();
        action.run(() =>
          update({
            vaultId,
            softDeleteState,
            softDeleteRetentionDays: days,
            confirmName: weakens ? confirmName : undefined,
          }),
        );
      }}
    >
      <fieldset className="mb-4">
        <legend className="mb-2 font-semibold">Soft delete for cloud workloads</legend>
        {(Object.keys(SOFT_DELETE_LABELS) as State[]).map((value) => (
          <label key={value} className="mb-1 flex items-center gap-2">
            <input
              type="radio"
              name="softDeleteState"
              value={value}
              checked={softDeleteState === value}
              disabled={denied !== null || (locked && value !== "AlwaysON")}
              onChange={() => setState(value)}
            />
            {SOFT_DELETE_LABELS[value]}
          </label>
        ))}
        <p className="mt-1 text-[12px] text-text-secondary">
          {locked
            ? "Always on: soft delete can't be turned off again for this vault."
            : "Enabled and always on can't be undone: choose it only when soft delete must never be turned off."}
        </p>
        <FieldErrors errors={errors.softDeleteState} />
      </fieldset>
      <Field
        id="soft-delete-days"
        label="Retention period (days)"
        hint="Deleted backup data is kept this long (14 to 180 days; the last 14 are free). Items deleted before a change keep their date."
        errors={errors.softDeleteRetentionDays}
      >
        <input
          id="soft-delete-days"
          className={`${inputClass} w-24`}
          value={days}
          // A role that may not change the settings reads them.
          readOnly={denied !== null}
          onChange={(event) => setDays(event.target.value)}
          aria-invalid={errors.softDeleteRetentionDays ? true : undefined}
        />
      </Field>
      {weakens ? (
        <Field
          id="soft-delete-confirm"
          label="Type the vault's name"
          hint={`Disabling soft delete or shortening its retention weakens protection against deletion: type '${vaultName}' to confirm.`}
          errors={errors.confirmName}
        >
          <input
            id="soft-delete-confirm"
            autoComplete="off"
            className={`${inputClass} w-full`}
            value={confirmName}
            onChange={(event) => setConfirmName(event.target.value)}
            aria-invalid={errors.confirmName ? true : undefined}
          />
        </Field>
      ) : null}
      {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
      <PermittedSubmit
        label="Save"
        pendingLabel="Saving…"
        pending={action.pending}
        denied={denied}
        disabled={weakens && !confirmsName(confirmName, vaultName)}
        className="mt-2"
      />
    </form>
  );
}
