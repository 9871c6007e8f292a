"use client";

import { type FormAction, initialActionState } from "@/components/forms/action-state";
import { useActionState } from "react";
import { Field, inputClass, primaryButtonClass } from "@/components/forms/field";

export function SetupOwnerForm({ token, setupOwner }: { token: string; setupOwner: FormAction }) {
  const [state, formAction, pending] = useActionState(setupOwner, initialActionState);
  const errors = state.fieldErrors ?? {};
  const fields = [
    { name: "name", label: "Your name", type: "text", autoComplete: "name" },
    { name: "email", label: "Email", type: "email", autoComplete: "username" },
    {
      name: "password",
      label: "Password",
      type: "password",
      autoComplete: "new-password",
      hint: "At least 12 characters.",
    },
    { name: "confirmPassword", label: "Confirm password", type: "password", autoComplete: "new-password" },
  ];
  return (
    <form action={formAction} aria-label="Create the Owner">
      <input type="hidden" name="token" value={token} />
      {fields.map((field) => (
        <Field
          key={field.name}
          id={`setup-${field.name}`}
          label={field.label}
          hint={field.hint}
          errors={errors[field.name]}
          required
        >
          <input
            id={`setup-${field.name}`}
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            defaultValue={state.values?.[field.name]}
            className={`${inputClass} w-full`}
            aria-invalid={errors[field.name] ? true : undefined}
          />
        </Field>
      ))}
      {state.message && !state.fieldErrors ? (
        <p role="alert" className="mb-3 rounded-sm border-l-4 border-error-bright bg-[#fde7e9] px-3 py-2">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className={primaryButtonClass} disabled={pending}>
        {pending ? "Creating…" : "Create the Owner"}
      </button>
    </form>
  );
}
