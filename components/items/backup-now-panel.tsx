"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useState } from "react";
import { DatePicker } from "@/components/forms/date-picker";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

export type RetainTillBounds = { earliest: string; latest: string; defaultDate: string };

/** Backup now: a Retain Backup Till date (in the viewer's time zone), then OK. */
export function BackupNowPanel({
  backupNow,
  open,
  onOpenChange,
  vaultId,
  itemId,
  itemName,
  bounds,
}: {
  backupNow: ServerAction<{ vaultId: string; itemId: string; retainTill: string }, { jobId: string }>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  vaultId: string;
  itemId: string;
  itemName: string;
  bounds: RetainTillBounds;
}) {
  const [retainTill, setRetainTill] = useState(bounds.defaultDate);
  const action = usePanelAction(`Backup now (${itemName})`, () => onOpenChange(false));
  const errors = action.state?.fieldErrors?.retainTill;
  return (
    <ActionPanel
      open={open}
      onOpenChange={onOpenChange}
      onClosed={() => setRetainTill(bounds.defaultDate)}
      title="Backup Now"
      description={itemName}
      action={action}
      submitLabel="OK"
      busyLabel="Triggering…"
      disabled={!retainTill}
      onSubmit={() =>
        action.run(
          () => backupNow({ vaultId, itemId, retainTill }),
          (data: { jobId: string }) => `/vaults/${vaultId}/jobs/${data.jobId}`,
        )
      }
    >
      <label htmlFor="retain-till" className="mb-1 font-semibold">
        Retain Backup Till <span className="text-error-bright">*</span>
      </label>
      <DatePicker
        id="retain-till"
        value={retainTill}
        min={bounds.earliest}
        max={bounds.latest}
        onChange={setRetainTill}
        invalid={Boolean(errors)}
        describedBy="retain-till-hint"
      />
      <p id="retain-till-hint" className="mt-2 text-[12px] text-text-secondary">
        The recovery point is kept until the end of this day in your time zone; the policy&apos;s retention doesn&apos;t
        apply to it.
      </p>
      {errors?.map((error) => (
        <p key={error} role="alert" className="mt-1 text-[12px] text-error">
          {error}
        </p>
      ))}
      {errors ? null : <ActionMessage state={action.state} />}
    </ActionPanel>
  );
}
