// Accounts: the Owner on first run, and the demo users who show the three Backup roles.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { isAPIError } from "better-auth/api";
import type { Db } from "@/lib/server/db";
import { fail, ok, type ServiceResult } from "@/lib/server/result";
import { type Auth, OWNER_ROLE } from "./auth";

const SETUP_TOKEN_SETTING = "setupToken";

export const DEMO_USERS = [
  { email: "reader@contoso.com", name: "Riley Reader", password: "Reader-demo-2026", role: "Reader" },
  { email: "operator@contoso.com", name: "Olivia Operator", password: "Operator-demo-2026", role: "Operator" },
  {
    email: "contributor@contoso.com",
    name: "Casey Contributor",
    password: "Contributor-demo-2026",
    role: "Contributor",
  },
] as const;

export function ownerExists(db: Db): Promise<boolean> {
  return db.user.count({ where: { role: OWNER_ROLE } }).then((count) => count > 0);
}

export async function createOwner(auth: Auth, input: { email: string; name: string; password: string }) {
  return auth.api.createUser({
    body: { email: input.email, name: input.name, password: input.password, role: OWNER_ROLE },
  });
}

/**
 * First run: the Owner from ADMIN_EMAIL and ADMIN_PASSWORD when both are set; otherwise a one-time
 * set-up token, for the link that lets the first visitor create the Owner. Never a default password.
 */
export async function ensureOwner(
  auth: Auth,
  db: Db,
  env: Record<string, string | undefined> = process.env,
): Promise<{ created: string } | { setupToken: string } | null> {
  if (await ownerExists(db)) return null;
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    await createOwner(auth, { email: env.ADMIN_EMAIL, name: env.ADMIN_NAME ?? "Owner", password: env.ADMIN_PASSWORD });
    return { created: env.ADMIN_EMAIL.toLowerCase() };
  }
  const kept = await db.serverSetting.findUnique({ where: { key: SETUP_TOKEN_SETTING } });
  if (kept) return { setupToken: kept.value };
  const setupToken = randomBytes(24).toString("hex");
  await db.serverSetting.create({ data: { key: SETUP_TOKEN_SETTING, value: setupToken } });
  return { setupToken };
}

/** Whether `token` is the pending set-up token (compared in constant time). */
export async function setupTokenValid(db: Db, token: string): Promise<boolean> {
  const kept = await db.serverSetting.findUnique({ where: { key: SETUP_TOKEN_SETTING } });
  if (!kept) return false;
  const expected = Buffer.from(kept.value);
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The set-up link's form: the Owner, created by the visitor who holds the pending token. Taking
 * the token is one conditional delete, which exactly one of simultaneous submissions wins; only
 * that one creates the Owner. Should creating it fail, the token is put back for another try.
 */
export async function createOwnerWithSetupToken(
  auth: Auth,
  db: Db,
  input: { token: string; email: string; name: string; password: string },
): Promise<ServiceResult<{ email: string }>> {
  const refused = fail(
    "Conflict",
    "This set-up link is not valid any more: the Owner exists already. Sign in instead.",
  );
  if ((await ownerExists(db)) || !(await setupTokenValid(db, input.token))) return refused;
  const taken = await db.serverSetting.deleteMany({ where: { key: SETUP_TOKEN_SETTING, value: input.token } });
  if (taken.count === 0) return refused;
  try {
    await createOwner(auth, input);
  } catch (error) {
    await db.serverSetting.create({ data: { key: SETUP_TOKEN_SETTING, value: input.token } });
    if (isAPIError(error)) return fail("BadRequest", error.message, { email: [error.message] });
    throw error;
  }
  return ok({ email: input.email });
}

export async function consumeSetupToken(db: Db): Promise<void> {
  await db.serverSetting.deleteMany({ where: { key: SETUP_TOKEN_SETTING } });
}

/** The demo's Reader, Operator and Contributor, each with that role on every vault. */
export async function seedDemoUsers(auth: Auth, db: Db): Promise<void> {
  const vaults = await db.vault.findMany({ select: { id: true } });
  for (const demo of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: demo.email } });
    const userId =
      existing?.id ??
      (await auth.api.createUser({ body: { email: demo.email, name: demo.name, password: demo.password } })).user.id;
    // The demo history names its author by email (the portal acted as them before they existed).
    await db.activityLogEntry.updateMany({
      where: { actorEmail: demo.email, actorId: null },
      data: { actorId: userId },
    });
    for (const vault of vaults) {
      await db.vaultRoleAssignment.upsert({
        where: { userId_vaultId: { userId, vaultId: vault.id } },
        create: { userId, vaultId: vault.id, role: demo.role },
        update: { role: demo.role },
      });
    }
  }
}
