"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/forms/action-state";
import { counted } from "@/lib/domain/format/count";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import {
  createPolicy,
  deletePolicy,
  previewItemPolicyChange,
  previewPolicyChange,
  switchItemPolicy,
  updatePolicy,
} from "@/lib/server/services/policies";
import { invalidRequest, stateOf } from "../../../action-result";

export async function createPolicyAction(input: {
  vaultId: string;
  name: string;
  policy: unknown;
  protectFolderIds?: string[];
}) {
  const actor = await requireActor();
  const result = await createPolicy(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    (data) =>
      `Policy ${data.name} was created${data.protectedItems ? ` and protects ${counted(data.protectedItems, "item")}` : ""}.`,
  );
}

export async function previewPolicyChangeAction(input: { vaultId: string; policyId: string; policy: unknown }) {
  const actor = await requireActor();
  return stateOf(await previewPolicyChange(getDb(), input, actor), () => "");
}

export async function updatePolicyAction(input: {
  vaultId: string;
  policyId: string;
  policy: unknown;
  confirmRemoval?: boolean;
}) {
  const actor = await requireActor();
  const result = await updatePolicy(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The policy was saved and applied to existing recovery points.");
}

/** Form action of the delete confirmation. */
export async function deletePolicyAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const vaultId = String(formData.get("vaultId") ?? "");
  const policyId = String(formData.get("policyId") ?? "");
  const result = await deletePolicy(
    getDb(),
    { vaultId, policyId, confirmName: String(formData.get("confirmName") ?? "") },
    actor,
  );
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  redirect(`/vaults/${vaultId}/policies?deleted=${encodeURIComponent(result.data.name)}`);
}

/** What Change policy or Resume backup with a policy would do to the item's recovery points. */
export async function previewItemPolicyChangeAction(input: { vaultId: string; itemId: string; policyId: string }) {
  const actor = await requireActor();
  return stateOf(await previewItemPolicyChange(getDb(), input, actor), () => "");
}

export async function switchItemPolicyAction(input: {
  vaultId: string;
  itemId: string;
  policyId: string;
  confirmRemoval?: boolean;
}) {
  const actor = await requireActor();
  const result = await switchItemPolicy(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The item now uses ${data.policyName}.`);
}

/** Form action of the import page: a name and Azure REST JSON. */
export async function importPolicyAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const vaultId = String(formData.get("vaultId") ?? "");
  const values = { name: String(formData.get("name") ?? ""), json: String(formData.get("json") ?? "") };
  let policy: unknown;
  try {
    policy = JSON.parse(values.json);
  } catch (error) {
    return {
      ok: false,
      message: "The policy is not valid JSON.",
      fieldErrors: { json: [`Not JSON: ${(error as Error).message}`] },
      values,
    };
  }
  const result = await createPolicy(getDb(), { vaultId, name: values.name, policy }, actor);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  redirect(`/vaults/${vaultId}/policies/${result.data.id}`);
}
