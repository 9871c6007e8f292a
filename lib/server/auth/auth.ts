// Sign-in with better-auth (email and password) on our database, through its Prisma adapter.
// The secret comes from BETTER_AUTH_SECRET or is generated once and kept in the database, so a
// fresh `npm start` needs no set-up and several instances on one database share it.
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/auth";
import { providerOf, resolveDatabaseUrl } from "@/lib/server/database-url";
import { type Db, getDb } from "@/lib/server/db";
import { claimSignIn, settleSignIn } from "./sign-in-limiter";

/** The global role of the portal's Owner: the admin plugin's "admin", kept in User.role. */
export const OWNER_ROLE = "admin";
const SECRET_SETTING = "authSecret";

/** BETTER_AUTH_SECRET, else the secret kept in the database (created on first use). */
export async function authSecret(db: Db, env: Record<string, string | undefined> = process.env): Promise<string> {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const kept = await db.serverSetting.findUnique({ where: { key: SECRET_SETTING } });
  if (kept) return kept.value;
  // Two instances starting together: the first write wins and both read it back.
  await db.serverSetting
    .createMany({ data: [{ key: SECRET_SETTING, value: randomBytes(32).toString("hex") }] })
    .catch(() => undefined);
  return (await db.serverSetting.findUniqueOrThrow({ where: { key: SECRET_SETTING } })).value;
}

function trustedProxies(): string[] | undefined {
  const list = process.env.TRUSTED_PROXIES?.split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return list && list.length > 0 ? list : undefined;
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const SIGN_IN_PATH = "/sign-in/email";

/** The email of a sign-in, from the body as better-auth parsed it (JSON or form-encoded). */
function signInEmailOf(ctx: HookContext): string | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return ctx.path === SIGN_IN_PATH && typeof email === "string" && email.trim() ? email : null;
}

/** Before a sign-in: the account's attempt, or 429 while it is locked (lib/server/auth/sign-in-limiter.ts). */
async function limitSignIn(db: Db, ctx: HookContext) {
  const email = signInEmailOf(ctx);
  if (!email) return;
  const wait = await claimSignIn(db, email);
  if (wait !== null) {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "TOO_MANY_ATTEMPTS", message: "Too many failed sign-ins for this account. Try again later." },
      { "X-Retry-After": String(wait) },
    );
  }
}

/** After a sign-in: a wrong email or password (401) keeps the attempt counted; a success clears the count. */
async function settleSignInOf(db: Db, ctx: HookContext) {
  const email = signInEmailOf(ctx);
  if (!email) return;
  const returned = ctx.context.returned;
  const outcome = !isAPIError(returned) ? "succeeded" : returned.statusCode === 401 ? "failed" : "not-checked";
  await settleSignIn(db, email, outcome);
}

/**
 * better-auth's admin endpoints that change a user or act as one. The Users blade does these through
 * the services (lib/server/services/access.ts), which log them and revoke sessions and tokens in the
 * change's transaction; served over HTTP they would do it without (impersonation would even record
 * the impersonated user as the actor), so they answer 404. Server-side calls are not affected.
 */
const UNSERVED_ADMIN_PATHS = [
  "/admin/create-user",
  "/admin/set-user-password",
  "/admin/ban-user",
  "/admin/unban-user",
  "/admin/set-role",
  "/admin/update-user",
  "/admin/remove-user",
  "/admin/impersonate-user",
  "/admin/stop-impersonating",
  "/admin/revoke-user-session",
  "/admin/revoke-user-sessions",
];

export function createAuth(db: Db, secret: string, url = resolveDatabaseUrl()) {
  const trustedProxyIpHeader = process.env.TRUSTED_PROXY_IP_HEADER?.trim().toLowerCase();
  return betterAuth({
    database: prismaAdapter(db, { provider: providerOf(url) === "postgres" ? "postgresql" : "sqlite" }),
    secret,
    baseURL: process.env.BETTER_AUTH_URL,
    // Without BETTER_AUTH_URL, requests that carry a cookie must come from a page of the host they
    // were sent to (Next's request URL says "localhost" whatever the Host was, so the Host header
    // decides); a page of another site is refused. Behind a TLS proxy, set BETTER_AUTH_URL.
    trustedOrigins: async (request) => {
      const host = request?.headers.get("host");
      return process.env.BETTER_AUTH_URL || !request || !host ? [] : [`${new URL(request.url).protocol}//${host}`];
    },
    telemetry: { enabled: false },
    disabledPaths: UNSERVED_ADMIN_PATHS,
    // Accounts are created by the Owner (or the first-run set-up), never by sign-up.
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, disableSignUp: true },
    // better-auth's limits per client address (3 sign-ins per 10 seconds), kept in the database so
    // that several instances share the counters.
    rateLimit: { storage: "database" },
    advanced: {
      // Secure cookies when the portal is served over HTTPS (BETTER_AUTH_URL says so); always httpOnly and SameSite=Lax.
      useSecureCookies: process.env.BETTER_AUTH_URL?.startsWith("https://") ?? false,
      // The client address comes only from a header a trusted proxy sets (TRUSTED_PROXY_IP_HEADER).
      // Without one, any client could claim any address, and the only alternative, one bucket for
      // every client, would let one client lock everybody out: so then there are no per-address
      // limits at all (better-auth skips them when it has no address and tracking is off), and the
      // per-account limit of the hooks below is what holds.
      ipAddress: trustedProxyIpHeader
        ? { ipAddressHeaders: [trustedProxyIpHeader], trustedProxies: trustedProxies() }
        : { disableIpTracking: true },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => limitSignIn(db, ctx)),
      after: createAuthMiddleware(async (ctx) => settleSignInOf(db, ctx)),
    },
    plugins: [admin({ defaultRole: "user", adminRoles: [OWNER_ROLE] }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const state = globalThis as unknown as { vaultPortalAuth?: Promise<Auth> };

/** The process-wide auth, built on first use. */
export function getAuth(): Promise<Auth> {
  state.vaultPortalAuth ??= (async () => createAuth(getDb(), await authSecret(getDb())))();
  return state.vaultPortalAuth;
}
