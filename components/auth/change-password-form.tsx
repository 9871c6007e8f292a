"use client";

import { type FormAction, initialActionState } from "@/components/forms/action-state";
import { useActionState } from "react";
import { Field, inputClass, primaryButtonClass } from "@/components/forms/field";
import { ActionMessage } from "@/components/portal/side-panel";

export function ChangePasswordForm({ changePassword }: { changePassword: FormAction }) {
  const [state, formAction, pending] = useActionState(changePassword, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} aria-label="Change password" className="max-w-[720px]">
      {[
        { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
        { name: "newPassword", label: "New password", autoComplete: "new-password", hint: "At least 12 characters." },
        { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
      ].map((field) => (
        <Field
          key={field.name}
          id={`account-${field.name}`}
          label={field.label}
          hint={field.hint}
          errors={errors[field.name]}
          required
        >
          <input
            id={`account-${field.name}`}
            name={field.name}
            type="password"
            autoComplete={field.autoComplete}
            className={`${inputClass} w-full`}
            aria-invalid={errors[field.name] ? true : undefined}
          />
        </Field>
      ))}
      {state.fieldErrors ? null : <ActionMessage state={state} />}
      <button type="submit" className={`${primaryButtonClass} mt-2`} disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
