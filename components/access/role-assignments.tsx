"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { PlusIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { VAULT_ROLE_LABELS, VAULT_ROLES, type VaultRole } from "@/lib/domain/access/permissions";

/** Access control (IAM): add a role assignment (the Owner only). */
export function AddRoleAssignment({
  assign,
  vaultId,
  users,
  denied,
}: {
  assign: ServerAction<{ vaultId: string; userId: string; role: string }>;
  vaultId: string;
  users: Array<{ id: string; label: string }>;
  denied: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState(users[0]?.id ?? "");
  const [role, setRole] = useState<VaultRole>("Reader");
  const action = usePanelAction("Add role assignment", () => setOpen(false));
  return (
    <>
      <CommandBar label="Access control commands">
        <CommandButton
          icon={<PlusIcon />}
          disabled={denied !== null}
          disabledReason={denied ?? undefined}
          onClick={() => setOpen(true)}
        >
          Add role assignment
        </CommandButton>
      </CommandBar>
      <ActionPanel
        open={open}
        onOpenChange={setOpen}
        title="Add role assignment"
        description="Azure's built-in Backup roles, on this vault."
        action={action}
        submitLabel="Save"
        disabled={!userId}
        onSubmit={() => action.run(() => assign({ vaultId, userId, role }))}
      >
        <label htmlFor="assign-role" className="mb-1 font-semibold">
          Role
        </label>
        <select
          id="assign-role"
          className={`${inputClass} mb-3 w-full`}
          value={role}
          onChange={(event) => setRole(event.target.value as VaultRole)}
        >
          {VAULT_ROLES.map((value) => (
            <option key={value} value={value}>
              {VAULT_ROLE_LABELS[value]}
            </option>
          ))}
        </select>
        <label htmlFor="assign-user" className="mb-1 font-semibold">
          User
        </label>
        <select
          id="assign-user"
          className={`${inputClass} w-full`}
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
        >
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.label}
            </option>
          ))}
        </select>
        <ActionMessage state={action.state} />
      </ActionPanel>
    </>
  );
}

export function RemoveRoleAssignment({
  remove,
  vaultId,
  assignmentId,
  label,
}: {
  remove: ServerAction<{ vaultId: string; assignmentId: string }>;
  vaultId: string;
  assignmentId: string;
  label: string;
}) {
  return (
    <ConfirmedAction
      label="Remove"
      title="Remove role assignment"
      description={label}
      body="The user loses access to this vault."
      confirmLabel="Remove"
      destructive
      perform={() => remove({ vaultId, assignmentId })}
    />
  );
}
