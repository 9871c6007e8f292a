"use client";

import Link from "next/link";
import { useActionState } from "react";
import { type ActionState, initialActionState } from "@/components/forms/action-state";
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";

type Option = { value: string; label: string };

export function CreateVaultForm({
  action,
  regions,
  subscriptions,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  regions: Option[];
  subscriptions: string[];
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: string, fallback = "") => state.values?.[name] ?? fallback;
  const invalid = (name: string) => (errors[name] ? true : undefined);
  return (
    // The key re-mounts the inputs with the submitted values after a failed attempt.
    <form action={formAction} key={JSON.stringify(state.values ?? {})} noValidate className="max-w-3xl">
      <h2 className="mb-3 text-[15px] font-semibold">Project details</h2>
      <Field
        id="subscriptionId"
        label="Subscription"
        required
        errors={errors.subscriptionId}
        hint="The subscription ID (a GUID)."
      >
        <input
          id="subscriptionId"
          name="subscriptionId"
          list="known-subscriptions"
          className={`${inputClass} w-full`}
          defaultValue={value("subscriptionId", subscriptions[0] ?? "")}
          aria-invalid={invalid("subscriptionId")}
        />
        <datalist id="known-subscriptions">
          {subscriptions.map((subscription) => (
            <option key={subscription} value={subscription} />
          ))}
        </datalist>
      </Field>
      <Field id="resourceGroup" label="Resource group" required errors={errors.resourceGroup}>
        <input
          id="resourceGroup"
          name="resourceGroup"
          className={`${inputClass} w-full`}
          defaultValue={value("resourceGroup")}
          aria-invalid={invalid("resourceGroup")}
        />
      </Field>
      <h2 className="mb-3 mt-6 text-[15px] font-semibold">Instance details</h2>
      <Field
        id="name"
        label="Vault name"
        required
        errors={errors.name}
        hint="2–50 characters: letters, digits and hyphens, starting with a letter."
      >
        <input
          id="name"
          name="name"
          className={`${inputClass} w-full`}
          defaultValue={value("name")}
          aria-invalid={invalid("name")}
        />
      </Field>
      <Field id="location" label="Region" required errors={errors.location}>
        <select
          id="location"
          name="location"
          className={`${inputClass} w-full`}
          defaultValue={value("location", "westeurope")}
          aria-invalid={invalid("location")}
        >
          {regions.map((region) => (
            <option key={region.value} value={region.value}>
              {region.label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="storageRedundancy"
        label="Backup storage redundancy"
        errors={errors.storageRedundancy}
        hint="It can't be changed once items are protected."
      >
        <select
          id="storageRedundancy"
          name="storageRedundancy"
          className={`${inputClass} w-full`}
          defaultValue={value("storageRedundancy", "GeoRedundant")}
        >
          <option value="GeoRedundant">Geo-redundant (GRS)</option>
          <option value="LocallyRedundant">Locally-redundant (LRS)</option>
          <option value="ZoneRedundant">Zone-redundant (ZRS)</option>
        </select>
      </Field>
      {state.message && !state.ok ? (
        <p role="alert" className="mb-4 rounded-sm border-l-4 border-error-bright bg-[#fde7e9] px-3 py-2">
          {state.message}
        </p>
      ) : null}
      <div className="flex gap-2 border-t border-divider pt-4">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          {pending ? "Creating…" : "Create"}
        </button>
        <Link href="/vaults" className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
