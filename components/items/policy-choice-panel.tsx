"use client";

import { useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass } from "@/components/forms/field";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

export type PolicyChoice = { id: string; name: string; summary: string };

/** Chooses a policy of the item's kind: Change policy (another one than the current) and Resume backup (any). */
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
  action: (input: { vaultId: string; itemId: string; policyId: string }) => Promise<ActionState>;
}) {
  const [policyId, setPolicyId] = useState(currentPolicyId ?? policies[0]?.id ?? "");
  const panelAction = usePanelAction(`${title} (${itemName})`, () => onOpenChange(false));
  const chosen = policies.find((policy) => policy.id === policyId);
  const errors = panelAction.state?.fieldErrors?.policyId;
  return (
    <ActionPanel
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={description}
      action={panelAction}
      submitLabel={submitLabel}
      busyLabel="Saving…"
      disabled={!policyId || (requireChange && policyId === currentPolicyId)}
      onSubmit={() => panelAction.run(() => action({ vaultId, itemId, policyId }))}
    >
      <label htmlFor="policy-choice" className="mb-1 font-semibold">
        Backup policy
      </label>
      <select id="policy-choice" className={`${inputClass} w-full`} value={policyId} onChange={(event) => setPolicyId(event.target.value)} aria-invalid={errors ? true : undefined}>
        {policies.map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.name}
            {policy.id === currentPolicyId ? " (current)" : ""}
          </option>
        ))}
      </select>
      {chosen ? <p className="mt-2 text-[12px] text-text-secondary">{chosen.summary}</p> : null}
      {errors?.map((error) => (
        <p key={error} role="alert" className="mt-1 text-[12px] text-error">
          {error}
        </p>
      ))}
      {errors ? null : <ActionMessage state={panelAction.state} />}
    </ActionPanel>
  );
}
