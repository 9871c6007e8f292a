"use client";

import Link from "next/link";
import { useActionState } from "react";
import { type ActionState, initialActionState } from "@/components/forms/action-state";
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";

export function ImportPolicyForm({
  vaultId,
  listHref,
  action,
}: {
  vaultId: string;
  listHref: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  const policyErrors = Object.entries(errors).filter(([path]) => path.startsWith("policy"));
  return (
    <form action={formAction} key={JSON.stringify(state.values ?? {})} className="max-w-4xl">
      <input type="hidden" name="vaultId" value={vaultId} />
      <Field id="name" label="Policy name" required errors={errors.name}>
        <input id="name" name="name" className={`${inputClass} w-80`} defaultValue={state.values?.name} />
      </Field>
      <Field
        id="json"
        label="Policy JSON"
        required
        errors={errors.json}
        hint='A ProtectionPolicy resource ({ "properties": … }), its bare properties, or an Azure spec example. AzureIaasVM and MAB policies.'
      >
        <textarea
          id="json"
          name="json"
          rows={18}
          className={`${inputClass} h-auto w-full py-1 font-mono text-[12px]`}
          defaultValue={state.values?.json}
        />
      </Field>
      {policyErrors.length > 0 ? (
        <div role="alert" className="mb-4 rounded-sm border-l-4 border-error-bright bg-[#fde7e9] px-3 py-2">
          <ul aria-label="Problems in the JSON">
            {policyErrors.map(([path, messages]) => (
              <li key={path}>
                <span className="font-mono text-[12px]">{path.replace(/^policy\.?/, "") || "(document)"}</span>:{" "}
                {messages.join(" ")}
              </li>
            ))}
          </ul>
        </div>
      ) : state.message && !state.ok && !errors.name && !errors.json ? (
        <p role="alert" className="mb-4 text-error">
          {state.message}
        </p>
      ) : null}
      <div className="flex gap-2 border-t border-divider pt-4">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </button>
        <Link href={listHref} className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
