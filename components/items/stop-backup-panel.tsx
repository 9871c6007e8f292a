"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { StopBackupInput } from "@/lib/schemas/protection";
import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { confirmsName } from "@/lib/domain/confirm-name";
import { STOP_REASONS } from "@/lib/schemas/protection";
import { usePanelAction } from "@/components/portal/use-panel-action";

/** Stop backup: Retain Backup Data, or Delete Backup Data with the item's name typed to confirm. */
export function StopBackupPanel({
  stopBackup,
  open,
  onOpenChange,
  vaultId,
  itemId,
  itemName,
  softDeleteDays,
}: {
  stopBackup: ServerAction<StopBackupInput>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  vaultId: string;
  itemId: string;
  itemName: string;
  softDeleteDays: number | null;
}) {
  const [mode, setMode] = useState<"retain" | "delete">("retain");
  const [reason, setReason] = useState("");
  const [comment, setComment] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const action = usePanelAction(`Stop backup (${itemName})`, () => onOpenChange(false));
  const nameErrors = action.state?.fieldErrors?.confirmName;
  const submit = () =>
    action.run(() =>
      stopBackup(
        mode === "retain"
          ? {
              vaultId,
              itemId,
              mode,
              reason: (reason || undefined) as (typeof STOP_REASONS)[number] | undefined,
              comment: comment || undefined,
            }
          : { vaultId, itemId, mode, confirmName },
      ),
    );
  return (
    <ActionPanel
      open={open}
      onOpenChange={onOpenChange}
      onClosed={() => {
        setMode("retain");
        setReason("");
        setComment("");
        setConfirmName("");
      }}
      title="Stop backup"
      description={itemName}
      action={action}
      submitLabel="Stop backup"
      busyLabel="Stopping…"
      destructive={mode === "delete"}
      disabled={mode === "delete" && !confirmsName(confirmName, itemName)}
      onSubmit={submit}
    >
      <fieldset className="mb-4">
        <legend className="mb-1 font-semibold">Stop backup level</legend>
        {(
          [
            [
              "retain",
              "Retain Backup Data",
              "Stops all future backup jobs and keeps the recovery points, with no pruning, until you delete them. You can restore and resume backup.",
            ],
            [
              "delete",
              "Delete Backup Data",
              softDeleteDays
                ? `Stops all future backup jobs and deletes all recovery points. They stay soft-deleted for ${softDeleteDays} days, during which you can undelete them.`
                : "Stops all future backup jobs and deletes all recovery points at once: soft delete is disabled on this vault.",
            ],
          ] as const
        ).map(([value, label, help]) => (
          <label key={value} className="mb-2 flex items-start gap-2">
            <input
              type="radio"
              name="stop-mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
              className="mt-1"
            />
            <span>
              <span className="font-semibold">{label}</span>
              <span className="block text-[12px] text-text-secondary">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode === "retain" ? (
        <>
          <label htmlFor="stop-reason" className="mb-1 font-semibold">
            Reason
          </label>
          <select
            id="stop-reason"
            className={`${inputClass} mb-3 w-full`}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          >
            <option value="">Select a reason (optional)</option>
            {STOP_REASONS.map((choice) => (
              <option key={choice}>{choice}</option>
            ))}
          </select>
          <label htmlFor="stop-comment" className="mb-1 font-semibold">
            Comments
          </label>
          <textarea
            id="stop-comment"
            maxLength={250}
            rows={3}
            className="rounded-sm border border-border-strong px-2 py-1"
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </>
      ) : (
        <>
          <p className="mb-3 rounded-sm bg-warning-bg px-3 py-2">
            All recovery points of this item will be deleted. Running backups must finish first.
          </p>
          <label htmlFor="stop-confirm-name" className="mb-1 font-semibold">
            Type the name of the backup item <span className="font-mono">{itemName}</span>
          </label>
          <input
            id="stop-confirm-name"
            autoComplete="off"
            className={`${inputClass} w-full`}
            value={confirmName}
            onChange={(event) => setConfirmName(event.target.value)}
            aria-invalid={nameErrors ? true : undefined}
          />
          {nameErrors?.map((error) => (
            <p key={error} role="alert" className="mt-1 text-[12px] text-error">
              {error}
            </p>
          ))}
        </>
      )}
      {nameErrors ? null : <ActionMessage state={action.state} />}
    </ActionPanel>
  );
}
