"use server";

import { headers } from "next/headers";
import type { ActionState } from "@/components/forms/action-state";
import { changePasswordSchema } from "@/lib/schemas/access";
import { getAuth } from "@/lib/server/auth/auth";
import { requireActor } from "@/lib/server/auth/session";
import { fieldErrorsOf } from "@/lib/server/result";

/** Change password: the current one, then the new one twice; the user's other sessions end. */
export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  await requireActor();
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(["currentPassword", "newPassword", "confirmPassword"].map((key) => [key, String(formData.get(key) ?? "")])));
  if (!parsed.success) return { ok: false, message: "Some fields are not valid.", fieldErrors: fieldErrorsOf(parsed.error) };
  const auth = await getAuth();
  try {
    await auth.api.changePassword({ body: { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, revokeOtherSessions: true }, headers: await headers() });
  } catch {
    return { ok: false, message: "The current password is not right.", fieldErrors: { currentPassword: ["The current password is not right."] } };
  }
  return { ok: true, message: "Your password was changed; your other sessions were signed out." };
}
