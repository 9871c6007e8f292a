"use client";

import { useEffect, useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass } from "@/components/forms/field";
import { RemovalConfirmation } from "@/components/policies/policy-change-impact";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { describeImpact, type PolicyChangeImpact } from "@/lib/domain/retention/policy-change";

export type PolicyChoice = { id: string; name: string; summary: string };

type ItemPolicyChange = { vaultId: string; itemId: string; policyId: string };

/**
 * Chooses a policy of the item's kind: Change policy (another one than the current) and Resume
 * backup (any). What the choice does to the item's recovery points shows before Save; removing
 * points within the next day needs a tick in the box.
 */
export function PolicyChoicePanel({
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  vaultId,
  itemId,
  itemName,
  currentPolicyId,
  policies,
  requireChange,
  timeZone,
  preview,
  action,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  submitLabel: string;
  vaultId: string;
  itemId: string;
  itemName: string;
  currentPolicyId: string | null;
  policies: PolicyChoice[];
  requireChange: boolean;
  timeZone: string;
  preview: (input: ItemPolicyChange) => Promise<ActionState & { data?: PolicyChangeImpact }>;
  action: (input: ItemPolicyChange & { confirmRemoval: boolean }) => Promise<ActionState>;
}) {
  const [policyId, setPolicyId] = useState(currentPolicyId ?? policies[0]?.id ?? "");
  const [impact, setImpact] = useState<{ policyId: string; impact?: PolicyChangeImpact; error?: string }>();
  const [confirmRemoval, setConfirmRemoval] = useState(false);
  const panelAction = usePanelAction(`${title} (${itemName})`, () => onOpenChange(false));
  const chosen = policies.find((policy) => policy.id === policyId);
  const errors = panelAction.state?.fieldErrors?.policyId;
  const unchanged = requireChange && policyId === currentPolicyId;

  useEffect(() => {
    if (!open || !policyId || unchanged) return;
    let current = true;
    // A new impact needs a new confirmation (the box shows only once the impact is there).
    const show = (shown: NonNullable<typeof impact>) => {
      if (!current) return;
      setConfirmRemoval(false);
      setImpact(shown);
    };
    preview({ vaultId, itemId, policyId }).then(
      (result) => show({ policyId, impact: result.data, error: result.ok ? undefined : result.message }),
      () => show({ policyId, error: "The impact on recovery points could not be computed." }),
    );
    return () => {
      current = false;
    };
  }, [open, policyId, unchanged, preview, vaultId, itemId]);

  const shown = impact?.policyId === policyId && !unchanged ? impact : undefined;
  const removals = shown?.impact?.removedWithinDay.length ?? 0;
  return (
    <ActionPanel
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={description}
      action={panelAction}
      submitLabel={submitLabel}
      busyLabel="Saving…"
      // Save waits for the impact; if it couldn't be computed, the server still refuses unconfirmed removals.
      disabled={!policyId || unchanged || !shown || (removals > 0 && !confirmRemoval)}
      onSubmit={() => panelAction.run(() => action({ vaultId, itemId, policyId, confirmRemoval }))}
    >
      <label htmlFor="policy-choice" className="mb-1 font-semibold">
        Backup policy
      </label>
      <select
        id="policy-choice"
        className={`${inputClass} w-full`}
        value={policyId}
        onChange={(event) => setPolicyId(event.target.value)}
        aria-invalid={errors ? true : undefined}
      >
        {policies.map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.name}
            {policy.id === currentPolicyId ? " (current)" : ""}
          </option>
        ))}
      </select>
      {chosen ? <p className="mt-2 text-[12px] text-text-secondary">{chosen.summary}</p> : null}
      {unchanged ? null : (
        <div
          role="status"
          aria-label="Impact on recovery points"
          className="mt-3 rounded-sm bg-primary-lighter px-3 py-2 text-[13px]"
        >
          {shown?.impact
            ? `${describeImpact(shown.impact)}. On-demand points keep their retain-till date.`
            : (shown?.error ?? "Working out the impact on recovery points…")}
        </div>
      )}
      {shown?.impact && removals > 0 ? (
        <RemovalConfirmation
          removed={shown.impact.removedWithinDay}
          timeZone={timeZone}
          checked={confirmRemoval}
          onCheckedChange={setConfirmRemoval}
        />
      ) : null}
      {errors?.map((error) => (
        <p key={error} role="alert" className="mt-1 text-[12px] text-error">
          {error}
        </p>
      ))}
      {errors ? null : <ActionMessage state={panelAction.state} />}
    </ActionPanel>
  );
}
