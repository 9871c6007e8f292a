"use server";

import { refresh } from "next/cache";
import type { ActionState } from "@/components/forms/action-state";
import { describeExclusions } from "@/lib/domain/agent/exclusions";
import { describeThrottling } from "@/lib/domain/agent/throttling";
import { deleteServer, updateExclusions, updateThrottling } from "@/lib/server/agents/servers";
import type { ExclusionsInput, ThrottlingInput } from "@/lib/schemas/servers";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { invalidRequest, stateOf } from "../../../action-result";

export async function updateThrottlingAction(input: ThrottlingInput) {
  const actor = await requireActor();
  const result = await updateThrottling(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(
    result,
    (data) => `Network throttling of ${data.name} was saved: ${describeThrottling(data.throttling)}.`,
  );
}

export async function updateExclusionsAction(input: ExclusionsInput) {
  const actor = await requireActor();
  const result = await updateExclusions(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => {
    const description = describeExclusions(data.exclusions);
    return `Exclusion settings of ${data.name} were saved: ${description === "None" ? "nothing is excluded" : `${description} excluded`}.`;
  });
}

export async function deleteServerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const input = {
    vaultId: String(formData.get("vaultId") ?? ""),
    serverId: String(formData.get("serverId") ?? ""),
    confirmName: String(formData.get("confirmName") ?? ""),
  };
  const result = await deleteServer(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `${data.name} was deleted, with its backup storage.`);
}
