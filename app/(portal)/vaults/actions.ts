"use server";

import { requireActor } from "@/lib/server/auth/session";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { vaultPinSchema } from "@/lib/schemas/vault";
import { getDb } from "@/lib/server/db";
import { createVault, deleteVault, setVaultPinned, updateVaultTags } from "@/lib/server/services/vaults";
import type { ActionState } from "@/components/forms/action-state";
import { invalidRequest } from "../action-result";

export async function createVaultAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const values = Object.fromEntries(formData) as Record<string, string>;
  const result = await createVault(getDb(), values, actor);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  redirect(`/vaults/${result.data.id}`);
}

export async function deleteVaultAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const result = await deleteVault(
    getDb(),
    {
      vaultId: String(formData.get("vaultId") ?? ""),
      confirmName: String(formData.get("confirmName") ?? ""),
    },
    actor,
  );
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  redirect(`/vaults?deleted=${encodeURIComponent(result.data.name)}`);
}

export async function setVaultPinnedAction(vaultId: string, pinned: boolean): Promise<ActionState> {
  const actor = await requireActor();
  const parsed = vaultPinSchema.safeParse({ vaultId, pinned });
  if (!parsed.success) return { ok: false, message: "The request was not valid." };
  const result = await setVaultPinned(getDb(), parsed.data.vaultId, parsed.data.pinned, actor);
  if (!result.ok) return { ok: false, message: result.message };
  refresh();
  return { ok: true, message: pinned ? "Pinned to dashboard." : "Unpinned from dashboard." };
}

export async function updateVaultTagsAction(input: {
  vaultId: string;
  tags: Record<string, string>;
}): Promise<ActionState> {
  const actor = await requireActor();
  const result = await updateVaultTags(getDb(), input, actor);
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors };
  refresh();
  return { ok: true, message: "The vault's tags were saved." };
}
