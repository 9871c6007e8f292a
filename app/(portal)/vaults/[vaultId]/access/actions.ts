"use server";

import { refresh } from "next/cache";
import { VAULT_ROLE_LABELS } from "@/lib/domain/access/permissions";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { assignRole, removeRoleAssignment } from "@/lib/server/services/access";
import { stateOf } from "../../../action-result";

export async function assignRoleAction(input: { vaultId: string; userId: string; role: string }) {
  const actor = await requireActor();
  const result = await assignRole(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    (data) =>
      `${data.email} now has the ${VAULT_ROLE_LABELS[data.role as keyof typeof VAULT_ROLE_LABELS]} role on this vault.`,
  );
}

export async function removeRoleAssignmentAction(input: { vaultId: string; assignmentId: string }) {
  const actor = await requireActor();
  const result = await removeRoleAssignment(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `${data.email} has no role on this vault any more.`);
}
