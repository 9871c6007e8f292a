"use server";

import { requireActor } from "@/lib/server/auth/session";
import { refresh } from "next/cache";
import { getDb } from "@/lib/server/db";
import { cancelJob } from "@/lib/server/services/jobs";
import { stateOf } from "../../../action-result";

export async function cancelJobAction(input: { vaultId: string; jobId: string }) {
  const actor = await requireActor();
  const result = await cancelJob(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) =>
    data.status === "Cancelled" ? "The job was cancelled." : "The job is being cancelled.",
  );
}
