"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState, useTransition } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";

export type ChangePolicyProps = {
  vaultId: string;
  itemId: string;
  currentPolicyId: string | null;
  policies: Array<{ id: string; name: string; summary: string }>;
  action: (input: { vaultId: string; itemId: string; policyId: string }) => Promise<ActionState>;
};

/** Switches an item to another policy of its kind; the new policy applies at once. */
export function ChangePolicyDialog({ open, onOpenChange, vaultId, itemId, currentPolicyId, policies, action }: ChangePolicyProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [policyId, setPolicyId] = useState(currentPolicyId ?? policies[0]?.id ?? "");
  const [result, setResult] = useState<ActionState>();
  const [pending, startTransition] = useTransition();
  const chosen = policies.find((policy) => policy.id === policyId);
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (onOpenChange(next), setResult(undefined))}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content className="fixed right-0 top-0 flex h-full w-[460px] max-w-full flex-col bg-surface shadow-2xl">
          <div className="border-b border-divider px-6 py-4">
            <Dialog.Title className="text-[18px] font-semibold">Change backup policy</Dialog.Title>
            <Dialog.Description className="text-[12px] text-text-secondary">The new policy applies immediately, to existing recovery points too.</Dialog.Description>
          </div>
          <div className="flex flex-1 flex-col px-6 py-4">
            <label htmlFor="policy-choice" className="mb-1 font-semibold">
              Backup policy
            </label>
            <select id="policy-choice" className={`${inputClass} w-full`} value={policyId} onChange={(event) => setPolicyId(event.target.value)}>
              {policies.map((policy) => (
                <option key={policy.id} value={policy.id}>
                  {policy.name}
                  {policy.id === currentPolicyId ? " (current)" : ""}
                </option>
              ))}
            </select>
            {chosen ? <p className="mt-2 text-[12px] text-text-secondary">{chosen.summary}</p> : null}
            {result?.message ? (
              <p role={result.ok ? "status" : "alert"} className={`mt-3 rounded-sm px-3 py-2 ${result.ok ? "bg-[#dff6dd]" : "border-l-4 border-error-bright bg-[#fde7e9]"}`}>
                {result.message}
              </p>
            ) : null}
            <div className="mt-auto flex gap-2 border-t border-divider pt-4">
              <button
                type="button"
                className={primaryButtonClass}
                disabled={pending || !policyId || policyId === currentPolicyId}
                onClick={() => startTransition(async () => setResult(await action({ vaultId, itemId, policyId })))}
              >
                {pending ? "Saving…" : "Save"}
              </button>
              <Dialog.Close asChild>
                <button type="button" className={secondaryButtonClass}>
                  Close
                </button>
              </Dialog.Close>
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
