"use client";

import { type ActionState, type FormAction, initialActionState } from "@/components/forms/action-state";
import { useActionState, useState } from "react";
import { Field, inputClass, primaryButtonClass } from "@/components/forms/field";
import { PlusIcon } from "@/components/icons";
import { commandClass } from "@/components/portal/command-bar";
import { useNotify } from "@/components/portal/notifications";
import { ActionMessage, CloseButton, SidePanel } from "@/components/portal/side-panel";
import { REGIONS } from "@/lib/domain/azure/resources";

type FieldSpec = {
  name: string;
  label: string;
  defaultValue?: string;
  options?: Array<[string, string]>;
  hint?: string;
};

/** A side panel with a form whose server action validates each field; it closes and notifies on success. */
function AddPanel({
  trigger,
  title,
  action,
  fields,
  hidden = {},
  submitLabel,
}: {
  trigger: string;
  title: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
}) {
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const [state, formAction, pending] = useActionState(async (previous: ActionState, formData: FormData) => {
    const result = await action(previous, formData);
    if (result.message && (result.ok || !result.fieldErrors))
      notify({ title, message: result.message, tone: result.ok ? "success" : "error" });
    if (result.ok) setOpen(false);
    return result;
  }, initialActionState);
  const formId = `form-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <SidePanel
      open={open}
      onOpenChange={setOpen}
      title={title}
      trigger={
        <button type="button" className={commandClass}>
          <PlusIcon />
          {trigger}
        </button>
      }
      footer={
        <>
          <button type="submit" form={formId} className={primaryButtonClass} disabled={pending}>
            {pending ? "Adding…" : submitLabel}
          </button>
          <CloseButton />
        </>
      }
    >
      <form id={formId} action={formAction} className="[&>div]:md:grid-cols-1">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {fields.map((field) => {
          const id = `${formId}-${field.name}`;
          const value = state.ok ? field.defaultValue : (state.values?.[field.name] ?? field.defaultValue);
          const errors = state.fieldErrors?.[field.name];
          return (
            <Field
              key={`${field.name}-${state.ok ? "new" : "kept"}`}
              id={id}
              label={field.label}
              hint={field.hint}
              errors={errors}
              required
            >
              {field.options ? (
                <select
                  id={id}
                  name={field.name}
                  defaultValue={value}
                  className={`${inputClass} w-full`}
                  aria-invalid={errors ? true : undefined}
                >
                  {field.options.map(([optionValue, optionLabel]) => (
                    <option key={optionValue} value={optionValue}>
                      {optionLabel}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  name={field.name}
                  defaultValue={value}
                  className={`${inputClass} w-full`}
                  aria-invalid={errors ? true : undefined}
                  autoComplete="off"
                />
              )}
            </Field>
          );
        })}
      </form>
      {state.fieldErrors ? null : state.ok ? null : <ActionMessage state={state} />}
    </SidePanel>
  );
}

export function AddVirtualMachinePanel({ subscriptionId, add }: { subscriptionId: string; add: FormAction }) {
  return (
    <AddPanel
      trigger="Add virtual machine"
      title="Add virtual machine"
      submitLabel="Add"
      action={add}
      fields={[
        { name: "name", label: "Name" },
        { name: "resourceGroup", label: "Resource group" },
        { name: "subscriptionId", label: "Subscription ID", defaultValue: subscriptionId },
        { name: "location", label: "Region", defaultValue: "westeurope", options: Object.entries(REGIONS) },
        {
          name: "osType",
          label: "Operating system",
          defaultValue: "Linux",
          options: [
            ["Linux", "Linux"],
            ["Windows", "Windows"],
          ],
        },
        { name: "sizeGb", label: "Disk size (GB)", defaultValue: "64" },
        {
          name: "dailyChangeRatePercent",
          label: "Daily change (%)",
          defaultValue: "2",
          hint: "How much of the data changes a day: the size of incremental backups.",
        },
      ]}
    />
  );
}

export function AddServerPanel({ add }: { add: FormAction }) {
  return (
    <AddPanel
      trigger="Add server"
      title="Add server"
      submitLabel="Add"
      action={add}
      fields={[
        { name: "name", label: "Server name", hint: "Its fully qualified name, such as fs03.contoso.com." },
        { name: "osType", label: "Operating system", defaultValue: "Windows Server 2022" },
      ]}
    />
  );
}

export function AddFolderPanel({
  serverId,
  serverName,
  add,
}: {
  serverId: string;
  serverName: string;
  add: FormAction;
}) {
  return (
    <AddPanel
      trigger="Add folder"
      title={`Add folder on ${serverName}`}
      submitLabel="Add"
      action={add}
      hidden={{ serverId }}
      fields={[
        { name: "path", label: "Path", hint: "Such as D:\\Data." },
        { name: "sizeGb", label: "Size (GB)", defaultValue: "100" },
        { name: "dailyChangeRatePercent", label: "Daily change (%)", defaultValue: "1" },
      ]}
    />
  );
}
