"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

export function VirtualMachineActions({
  remove,
  markDeleted,
  id,
  name,
  deleted,
  hasBackupItem,
}: {
  remove: ServerAction<{ id: string }>;
  markDeleted: ServerAction<{ id: string }>;
  id: string;
  name: string;
  deleted: boolean;
  hasBackupItem: boolean;
}) {
  return (
    <span className="flex gap-3">
      {deleted ? null : (
        <ConfirmedAction
          label="Delete VM"
          title={`Delete ${name}`}
          body={
            hasBackupItem
              ? `${name} is deleted in Azure while its backup item stays: its scheduled and on-demand backups fail with UserErrorVmNotFoundV2, and its latest recovery point is kept.`
              : `${name} is deleted in Azure.`
          }
          confirmLabel="Delete VM"
          destructive
          perform={() => markDeleted({ id })}
        />
      )}
      {hasBackupItem ? null : (
        <ConfirmedAction
          label="Remove"
          title={`Remove ${name}`}
          body={`${name} leaves the inventory.`}
          confirmLabel="Remove"
          destructive
          perform={() => remove({ id })}
        />
      )}
    </span>
  );
}

export function RemoveServerAction({
  id,
  name,
  remove,
}: {
  id: string;
  name: string;
  remove: ServerAction<{ id: string }>;
}) {
  return (
    <ConfirmedAction
      label="Remove"
      title={`Remove ${name}`}
      body={`${name} and its folders leave the inventory; a registered server is unregistered.`}
      confirmLabel="Remove"
      destructive
      perform={() => remove({ id })}
    />
  );
}

export function RegisterServerAction({
  register,
  serverId,
  serverName,
  vaults,
}: {
  register: ServerAction<{ serverId: string; vaultId: string }>;
  serverId: string;
  serverName: string;
  vaults: Array<{ id: string; name: string }>;
}) {
  const [open, setOpen] = useState(false);
  const [vaultId, setVaultId] = useState(vaults[0]?.id ?? "");
  const action = usePanelAction(`Register ${serverName}`, () => setOpen(false));
  return (
    <ActionPanel
      open={open}
      onOpenChange={setOpen}
      title={`Register ${serverName}`}
      description="The Backup Agent registers the server to one vault; its folders can then be protected there."
      trigger={
        <button type="button" className="text-primary hover:underline">
          Register
        </button>
      }
      action={action}
      submitLabel="Register"
      busyLabel="Registering…"
      disabled={!vaultId}
      onSubmit={() => action.run(() => register({ serverId, vaultId }))}
    >
      <label htmlFor={`register-${serverId}`} className="mb-1 font-semibold">
        Vault
      </label>
      <select
        id={`register-${serverId}`}
        className={`${inputClass} w-full`}
        value={vaultId}
        onChange={(event) => setVaultId(event.target.value)}
      >
        {vaults.map((vault) => (
          <option key={vault.id} value={vault.id}>
            {vault.name}
          </option>
        ))}
      </select>
      <ActionMessage state={action.state} />
    </ActionPanel>
  );
}
