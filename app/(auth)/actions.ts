"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/forms/action-state";
import { setupOwnerSchema } from "@/lib/schemas/auth";
import { getAuth } from "@/lib/server/auth/auth";
import { createOwnerWithSetupToken } from "@/lib/server/auth/users";
import { getDb } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/result";
import { invalidRequest } from "../(portal)/action-result";

export async function signOutAction() {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect("/sign-in");
}

/** First run without ADMIN_EMAIL: the set-up link's form creates the Owner and signs them in. */
export async function setupOwnerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!(formData instanceof FormData)) return invalidRequest;
  const values = Object.fromEntries(
    ["token", "name", "email", "password", "confirmPassword"].map((key) => [key, String(formData.get(key) ?? "")]),
  );
  const parsed = setupOwnerSchema.safeParse(values);
  const keep = { name: values.name, email: values.email };
  if (!parsed.success)
    return { ok: false, message: "Some fields are not valid.", fieldErrors: fieldErrorsOf(parsed.error), values: keep };
  const auth = await getAuth();
  const created = await createOwnerWithSetupToken(auth, getDb(), parsed.data);
  if (!created.ok) return { ok: false, message: created.message, fieldErrors: created.fieldErrors, values: keep };
  await auth.api.signInEmail({
    body: { email: parsed.data.email, password: parsed.data.password },
    headers: await headers(),
  });
  redirect("/");
}
