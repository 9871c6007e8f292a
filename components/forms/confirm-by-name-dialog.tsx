"use client";

import { type ReactNode, useActionState, useState } from "react";
import { DeleteIcon } from "@/components/icons";
import { confirmsName } from "@/lib/domain/confirm-name";
import { CommandButton, commandClass } from "@/components/portal/command-bar";
import { CloseButton, SidePanel } from "@/components/portal/side-panel";
import { type ActionState, initialActionState } from "./action-state";
import { destructiveButtonClass, inputClass } from "./field";

/**
 * A destructive action that asks for the resource's name. The server checks the name again: a
 * wrong one is refused next to the field and changes nothing.
 */
export function ConfirmByNameDialog({
  triggerLabel,
  open,
  onOpenChange,
  title,
  description,
  resourceName,
  confirmLabel,
  action,
  hiddenFields,
  onSuccess,
  denied,
}: {
  /** The command bar button that opens the dialog; without it, `open` and `onOpenChange` control it. */
  triggerLabel?: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description: ReactNode;
  resourceName: string;
  confirmLabel: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  hiddenFields: Record<string, string>;
  onSuccess?: (state: ActionState) => void;
  /** Why the user's role can't do this: the trigger shows disabled, with the reason. */
  denied?: string | null;
}) {
  const [state, formAction, pending] = useActionState(async (previous: ActionState, formData: FormData) => {
    const result = await action(previous, formData);
    if (result.ok) onSuccess?.(result);
    return result;
  }, initialActionState);
  const [typed, setTyped] = useState("");
  const errors = state.fieldErrors?.confirmName;
  const formId = `confirm-${title.replace(/\W+/g, "-").toLowerCase()}`;
  if (denied && triggerLabel) {
    return (
      <CommandButton icon={<DeleteIcon />} disabled disabledReason={denied}>
        {triggerLabel}
      </CommandButton>
    );
  }
  return (
    <SidePanel
      open={open}
      onOpenChange={(next) => {
        setTyped("");
        onOpenChange?.(next);
      }}
      title={title}
      trigger={
        triggerLabel ? (
          <button type="button" className={commandClass}>
            <DeleteIcon />
            {triggerLabel}
          </button>
        ) : undefined
      }
      footer={
        <>
          <button
            type="submit"
            form={formId}
            // As in Azure, the button waits for the exact name.
            disabled={pending || !confirmsName(typed, resourceName)}
            className={destructiveButtonClass}
          >
            {pending ? "Working…" : confirmLabel}
          </button>
          <CloseButton />
        </>
      }
    >
      <form id={formId} action={formAction} className="flex flex-col">
        {Object.entries(hiddenFields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="mb-4 rounded-sm bg-warning-bg px-3 py-2">{description}</div>
        <label htmlFor="confirmName" className="mb-1 font-semibold">
          Type the name <span className="font-mono">{resourceName}</span> to confirm
        </label>
        <input
          id="confirmName"
          name="confirmName"
          autoComplete="off"
          className={`${inputClass} w-full`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={errors ? true : undefined}
        />
        {errors?.map((error) => (
          <p key={error} role="alert" className="mt-1 text-[12px] text-error">
            {error}
          </p>
        ))}
        {state.message && !state.ok && !errors ? (
          <p role="alert" className="mt-3 rounded-sm border-l-4 border-error-bright bg-[#fde7e9] px-3 py-2">
            {state.message}
          </p>
        ) : null}
      </form>
    </SidePanel>
  );
}
