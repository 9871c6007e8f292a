"use server";

import { refresh } from "next/cache";
import type { AlertStateInput } from "@/lib/schemas/alert-state";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { changeAlertState } from "@/lib/server/services/alerts";
import { stateOf } from "../../../action-result";

export async function changeAlertStateAction(input: AlertStateInput) {
  const actor = await requireActor();
  const result = await changeAlertState(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The alert's state is now ${data.state}.`);
}
