"use server";

import { requireActor } from "@/lib/server/auth/session";
import { refresh } from "next/cache";
import type { SoftDeleteSettingsInput } from "@/lib/schemas/vault";
import { getDb } from "@/lib/server/db";
import { updateSoftDeleteSettings } from "@/lib/server/services/vaults";
import { stateOf } from "../../../action-result";

export async function updateSoftDeleteSettingsAction(input: SoftDeleteSettingsInput) {
  const actor = await requireActor();
  const result = await updateSoftDeleteSettings(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The soft delete settings were saved.");
}
