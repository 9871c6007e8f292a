"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useActionState, useState } from "react";
import { DeleteIcon } from "@/components/icons";
import { commandClass } from "@/components/portal/command-bar";
import { type ActionState, initialActionState } from "./action-state";
import { inputClass, secondaryButtonClass } from "./field";

/** A destructive action that asks for the resource's name, checked again on the server. */
export function ConfirmByNameDialog({
  triggerLabel,
  title,
  description,
  resourceName,
  confirmLabel,
  action,
  hiddenFields,
}: {
  /** The label of the command bar button that opens the dialog. */
  triggerLabel: string;
  title: string;
  description: ReactNode;
  resourceName: string;
  confirmLabel: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  hiddenFields: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [typed, setTyped] = useState("");
  const errors = state.fieldErrors?.confirmName;
  return (
    <Dialog.Root onOpenChange={() => setTyped("")}>
      <Dialog.Trigger asChild>
        <button type="button" className={commandClass}>
          <DeleteIcon />
          {triggerLabel}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content className="fixed right-0 top-0 flex h-full w-[460px] max-w-full flex-col bg-surface shadow-2xl">
          <div className="border-b border-divider px-6 py-4">
            <Dialog.Title className="text-[18px] font-semibold">{title}</Dialog.Title>
          </div>
          <form action={formAction} className="flex flex-1 flex-col px-6 py-4">
            {Object.entries(hiddenFields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <Dialog.Description asChild>
              <div className="mb-4 rounded-sm bg-warning-bg px-3 py-2">{description}</div>
            </Dialog.Description>
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
            <div className="mt-auto flex gap-2 border-t border-divider pt-4">
              <button
                type="submit"
                disabled={pending || typed.trim() !== resourceName}
                className="inline-flex h-8 items-center rounded-sm bg-error-bright px-4 font-semibold text-white hover:bg-error disabled:bg-surface-muted disabled:text-text-disabled"
              >
                {pending ? "Working…" : confirmLabel}
              </button>
              <Dialog.Close asChild>
                <button type="button" className={secondaryButtonClass}>
                  Cancel
                </button>
              </Dialog.Close>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
