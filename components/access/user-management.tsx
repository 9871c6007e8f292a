"use client";

import {
  type ActionState,
  type FormAction,
  initialActionState,
  type ServerAction,
} from "@/components/forms/action-state";
import { useActionState, useState } from "react";
import { Field, inputClass, primaryButtonClass } from "@/components/forms/field";
import { PlusIcon } from "@/components/icons";
import { commandClass } from "@/components/portal/command-bar";
import { useNotify } from "@/components/portal/notifications";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage, ActionPanel, CloseButton, SidePanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

export function NewUserPanel({ create }: { create: FormAction }) {
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const [state, formAction, pending] = useActionState(async (previous: ActionState, formData: FormData) => {
    const result = await create(previous, formData);
    if (result.ok) {
      notify({ title: "New user", message: result.message ?? "", tone: "success" });
      setOpen(false);
    }
    return result;
  }, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <SidePanel
      open={open}
      onOpenChange={setOpen}
      title="New user"
      trigger={
        <button type="button" className={commandClass}>
          <PlusIcon />
          New user
        </button>
      }
      footer={
        <>
          <button type="submit" form="new-user" className={primaryButtonClass} disabled={pending}>
            {pending ? "Creating…" : "Create"}
          </button>
          <CloseButton />
        </>
      }
    >
      <form id="new-user" action={formAction} className="[&>div]:md:grid-cols-1">
        {[
          { name: "name", label: "Name", type: "text" },
          { name: "email", label: "Email", type: "email" },
          {
            name: "password",
            label: "Initial password",
            type: "password",
            hint: "At least 12 characters; tell it to the user.",
          },
        ].map((field) => (
          <Field
            key={`${field.name}-${state.ok ? "new" : "kept"}`}
            id={`new-user-${field.name}`}
            label={field.label}
            hint={field.hint}
            errors={errors[field.name]}
            required
          >
            <input
              id={`new-user-${field.name}`}
              name={field.name}
              type={field.type}
              autoComplete="off"
              defaultValue={state.ok ? undefined : state.values?.[field.name]}
              className={`${inputClass} w-full`}
              aria-invalid={errors[field.name] ? true : undefined}
            />
          </Field>
        ))}
      </form>
      {state.fieldErrors || state.ok ? null : <ActionMessage state={state} />}
    </SidePanel>
  );
}

export function UserRowActions({
  resetPassword,
  setDisabled,
  userId,
  email,
  disabled,
  isSelf,
}: {
  resetPassword: ServerAction<{ userId: string; password: string }>;
  setDisabled: ServerAction<{ userId: string; disabled: boolean }>;
  userId: string;
  email: string;
  disabled: boolean;
  isSelf: boolean;
}) {
  const [resetOpen, setResetOpen] = useState(false);
  const [password, setPassword] = useState("");
  const reset = usePanelAction(`Reset password of ${email}`, () => setResetOpen(false));
  if (isSelf) return <span className="text-[12px] text-text-secondary">You</span>;
  return (
    <span className="flex gap-3">
      <ConfirmedAction
        label={disabled ? "Enable" : "Disable"}
        title={disabled ? "Enable user" : "Disable user"}
        description={email}
        body={
          disabled
            ? "The user can sign in again, with the roles they had."
            : "The user is signed out everywhere and can't sign in until enabled again. Their API tokens are revoked (enabling the user doesn't bring them back)."
        }
        confirmLabel={disabled ? "Enable" : "Disable"}
        destructive={!disabled}
        perform={() => setDisabled({ userId, disabled: !disabled })}
      />
      <ActionPanel
        open={resetOpen}
        onOpenChange={setResetOpen}
        onClosed={() => setPassword("")}
        title="Reset password"
        description={email}
        trigger={
          <button type="button" className="text-primary hover:underline">
            Reset password
          </button>
        }
        action={reset}
        submitLabel="Reset"
        onSubmit={() => reset.run(() => resetPassword({ userId, password }))}
      >
        <label htmlFor={`reset-${userId}`} className="mb-1 font-semibold">
          New password
        </label>
        <input
          id={`reset-${userId}`}
          type="password"
          autoComplete="new-password"
          className={`${inputClass} w-full`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {reset.state?.fieldErrors?.password?.map((error) => (
          <p key={error} role="alert" className="mt-1 text-[12px] text-error">
            {error}
          </p>
        ))}
        {reset.state?.fieldErrors ? null : <ActionMessage state={reset.state} />}
      </ActionPanel>
    </span>
  );
}
