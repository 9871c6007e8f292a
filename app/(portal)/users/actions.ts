"use server";

import { refresh } from "next/cache";
import type { ActionState } from "@/components/forms/action-state";
import { setUserDisabledSchema } from "@/lib/schemas/access";
import { getAuth } from "@/lib/server/auth/auth";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/result";
import { createUser, resetUserPassword, setUserDisabled } from "@/lib/server/services/access";
import { invalidRequest, stateOf } from "../action-result";

export async function createUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
  };
  const result = await createUser(getDb(), await getAuth(), input, actor);
  if (result.ok) refresh();
  const state = stateOf(result, (data) => `${data.email} can sign in now. Give them a role on the vaults they need.`);
  return state.ok ? state : { ...state, values: { name: input.name, email: input.email } };
}

export async function setUserDisabledAction(input: { userId: string; disabled: boolean }): Promise<ActionState> {
  const actor = await requireActor();
  const parsed = setUserDisabledSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: "Some fields are not valid.", fieldErrors: fieldErrorsOf(parsed.error) };
  const { userId, disabled } = parsed.data;
  const result = await setUserDisabled(getDb(), { userId }, disabled, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) =>
    disabled
      ? `${data.email} is disabled and signed out; their API tokens are revoked.`
      : `${data.email} can sign in again.`,
  );
}

export async function resetUserPasswordAction(input: { userId: string; password: string }) {
  const actor = await requireActor();
  const result = await resetUserPassword(getDb(), await getAuth(), input, actor);
  return stateOf(
    result,
    (data) => `The password of ${data.email} was reset; their sessions ended and their API tokens are revoked.`,
  );
}
