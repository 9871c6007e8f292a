"use client";

import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import {
  markVirtualMachineDeletedAction,
  registerServerAction,
  removeServerAction,
  removeVirtualMachineAction,
} from "@/app/(portal)/inventory/actions";

export function VirtualMachineActions({
  id,
  name,
  deleted,
  hasBackupItem,
}: {
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
          perform={() => markVirtualMachineDeletedAction({ id })}
        />
      )}
      {hasBackupItem ? null : (
        <ConfirmedAction
          label="Remove"
          title={`Remove ${name}`}
          body={`${name} leaves the inventory.`}
          confirmLabel="Remove"
          destructive
          perform={() => removeVirtualMachineAction({ id })}
        />
      )}
    </span>
  );
}

export function RemoveServerAction({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmedAction
      label="Remove"
      title={`Remove ${name}`}
      body={`${name} and its folders leave the inventory; a registered server is unregistered.`}
      confirmLabel="Remove"
      destructive
      perform={() => removeServerAction({ id })}
    />
  );
}

export function RegisterServerAction({
  serverId,
  serverName,
  vaults,
}: {
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
      onSubmit={() => action.run(() => registerServerAction({ serverId, vaultId }))}
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
