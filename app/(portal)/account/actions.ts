"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import type { ActionState } from "@/components/forms/action-state";
import { changePasswordSchema } from "@/lib/schemas/access";
import { getAuth } from "@/lib/server/auth/auth";
import { requireActor } from "@/lib/server/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/tokens";
import { getDb } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/result";
import { invalidRequest, stateOf } from "../action-result";

/** Change password: the current one, then the new one twice; the user's other sessions end. */
export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const parsed = changePasswordSchema.safeParse(
    Object.fromEntries(
      ["currentPassword", "newPassword", "confirmPassword"].map((key) => [key, String(formData.get(key) ?? "")]),
    ),
  );
  if (!parsed.success)
    return { ok: false, message: "Some fields are not valid.", fieldErrors: fieldErrorsOf(parsed.error) };
  const auth = await getAuth();
  try {
    await auth.api.changePassword({
      body: {
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.newPassword,
        revokeOtherSessions: true,
      },
      headers: await headers(),
    });
  } catch {
    return {
      ok: false,
      message: "The current password is not right.",
      fieldErrors: { currentPassword: ["The current password is not right."] },
    };
  }
  return { ok: true, message: "Your password was changed; your other sessions were signed out." };
}

export async function createApiTokenAction(input: { name: string; expiresInDays: string }) {
  const actor = await requireActor();
  const result = await createApiToken(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The token was created. Copy it now: it isn't shown again.");
}

export async function revokeApiTokenAction(input: { tokenId: string }) {
  const actor = await requireActor();
  const result = await revokeApiToken(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The token ${data.name} was revoked.`);
}
