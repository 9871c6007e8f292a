"use client";

import { useEffect, useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { Field, inputClass } from "@/components/forms/field";
import { WarningIcon } from "@/components/icons";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import {
  type RestoreTier,
  VM_RESTORE_TYPE_LABELS,
  type VmRestoreType,
  vmRestoreRefusal,
} from "@/lib/domain/restore/vm-restore";
import type { VmRestoreInput } from "@/lib/schemas/restore";

export type RestorePointChoice = { id: string; label: string; tier: RestoreTier };

type Configuration = "CreateNew" | "ReplaceExisting";

const TIER_LABELS: Record<RestoreTier, string> = {
  snapshot: "Snapshot and vault · Instant restore",
  vault: "Vault",
};

/**
 * Restore Virtual Machine, as Azure's blade: a restore point, then Create new (a new VM, or only
 * its disks) or Replace existing (the VM's disks), with the fields each needs.
 */
export function RestoreVmPanel({
  open,
  onOpenChange,
  vaultId,
  itemId,
  itemName,
  source,
  points,
  initialPointId,
  action: restore,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  vaultId: string;
  itemId: string;
  itemName: string;
  source: { vmName: string; resourceGroup: string; deleted: boolean };
  points: RestorePointChoice[];
  /** The point chosen when the panel opens (a restore point's row); else the latest. */
  initialPointId?: string;
  action: (input: VmRestoreInput) => Promise<ActionState & { data?: { jobId: string } }>;
}) {
  const initial = {
    recoveryPointId: points.find((point) => point.id === initialPointId)?.id ?? points[0]?.id ?? "",
    configuration: "CreateNew" as Configuration,
    newType: "CreateVirtualMachine" as "CreateVirtualMachine" | "RestoreDisks",
    vmName: `${source.vmName}-restored`.slice(0, 64),
    resourceGroup: source.resourceGroup,
    virtualNetwork: `${source.resourceGroup}-vnet`.slice(0, 64),
    subnet: "default",
    stagingLocation: "",
  };
  const [form, setForm] = useState(initial);
  // A restore point's row chose the point (the panel may have been mounted before, in a blade
  // Next.js kept and shows again, which runs its effects again).
  useEffect(() => {
    if (initialPointId && points.some((point) => point.id === initialPointId))
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setForm((current) => ({ ...current, recoveryPointId: initialPointId }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialPointId]);
  const set = (field: keyof typeof initial) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  const action = usePanelAction(`Restore (${itemName})`, () => onOpenChange(false));
  const errors = action.state?.fieldErrors ?? {};
  const restoreType: VmRestoreType = form.configuration === "ReplaceExisting" ? "ReplaceDisks" : form.newType;
  const refusal = vmRestoreRefusal({ softDeleted: false, vmDeleted: source.deleted }, restoreType);
  const chosen = points.find((point) => point.id === form.recoveryPointId);

  function request(): VmRestoreInput {
    const common = { vaultId, itemId, recoveryPointId: form.recoveryPointId, stagingLocation: form.stagingLocation };
    if (restoreType === "CreateVirtualMachine")
      return {
        ...common,
        restoreType,
        vmName: form.vmName,
        resourceGroup: form.resourceGroup,
        virtualNetwork: form.virtualNetwork,
        subnet: form.subnet,
      };
    if (restoreType === "RestoreDisks") return { ...common, restoreType, resourceGroup: form.resourceGroup };
    return { ...common, restoreType };
  }

  const text = (
    field: "vmName" | "resourceGroup" | "virtualNetwork" | "subnet" | "stagingLocation",
    label: string,
    hint?: string,
  ) => (
    <Field id={`restore-${field}`} label={label} required hint={hint} errors={errors[field]}>
      <input
        id={`restore-${field}`}
        className={`${inputClass} w-full`}
        value={form[field]}
        onChange={(event) => set(field)(event.target.value)}
        aria-invalid={Boolean(errors[field])}
      />
    </Field>
  );

  return (
    <ActionPanel
      open={open}
      onOpenChange={onOpenChange}
      onClosed={() => setForm(initial)}
      title="Restore Virtual Machine"
      description={itemName}
      action={action}
      submitLabel="Restore"
      busyLabel="Starting restore…"
      disabled={points.length === 0 || refusal !== null}
      onSubmit={() =>
        action.run(
          () => restore(request()),
          (data) => `/vaults/${vaultId}/jobs/${data.jobId}`,
        )
      }
    >
      <Field
        id="restore-point"
        label="Restore point"
        required
        hint={chosen ? `Restore from: ${TIER_LABELS[chosen.tier]}` : undefined}
        errors={errors.recoveryPointId}
      >
        {points.length === 0 ? (
          <p>This item has no restore points yet.</p>
        ) : (
          <select
            id="restore-point"
            className={`${inputClass} w-full`}
            value={form.recoveryPointId}
            onChange={(event) => set("recoveryPointId")(event.target.value)}
          >
            {points.map((point) => (
              <option key={point.id} value={point.id}>
                {point.label} · {point.tier === "snapshot" ? "Snapshot and vault (Instant restore)" : "Vault"}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="mb-4">
        <legend className="mb-2 font-semibold">Restore Configuration</legend>
        <div className="flex gap-6">
          {(
            [
              ["CreateNew", "Create new"],
              ["ReplaceExisting", "Replace existing"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="restore-configuration"
                value={value}
                checked={form.configuration === value}
                onChange={() => set("configuration")(value)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {form.configuration === "CreateNew" ? (
        <>
          <Field id="restore-type" label="Restore Type" required>
            <select
              id="restore-type"
              className={`${inputClass} w-full`}
              value={form.newType}
              onChange={(event) => set("newType")(event.target.value)}
            >
              <option value="CreateVirtualMachine">{VM_RESTORE_TYPE_LABELS.CreateVirtualMachine}</option>
              <option value="RestoreDisks">{VM_RESTORE_TYPE_LABELS.RestoreDisks}</option>
            </select>
          </Field>
          {form.newType === "CreateVirtualMachine" ? (
            <>
              {text("vmName", "Virtual machine name", "Unique in the target resource group.")}
              {text("resourceGroup", "Resource group")}
              {text("virtualNetwork", "Virtual network")}
              {text("subnet", "Subnet")}
            </>
          ) : (
            text("resourceGroup", "Resource group", "The restored disks are created here.")
          )}
        </>
      ) : (
        <>
          <Field id="restore-type-replace" label="Restore Type" required>
            <input
              id="restore-type-replace"
              className={`${inputClass} w-full`}
              value={VM_RESTORE_TYPE_LABELS.ReplaceDisks}
              readOnly
            />
          </Field>
          <p className="mb-4 text-text-secondary">
            The disks of {source.vmName} are replaced with those of the restore point; its current disks are kept as
            copies, listed in the Restore job.
          </p>
        </>
      )}
      {text(
        "stagingLocation",
        "Staging Location",
        "A storage account in the vault's region (3–24 lowercase letters and digits) the restore passes through.",
      )}
      {refusal ? (
        <p role="alert" className="flex items-start gap-2 rounded-sm bg-warning-bg px-3 py-2">
          <WarningIcon className="mt-0.5" />
          <span>{refusal.message}</span>
        </p>
      ) : null}
      {/* A field's reason shows next to its field only. */}
      {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
    </ActionPanel>
  );
}
