// Sign-in with better-auth (email and password) on our database, through its Prisma adapter.
// The secret comes from BETTER_AUTH_SECRET or is generated once and kept in the database, so a
// fresh `npm start` needs no set-up and several instances on one database share it.
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/auth";
import { providerOf, resolveDatabaseUrl } from "@/lib/server/database-url";
import { type Db, getDb } from "@/lib/server/db";

/** The global role of the portal's Owner: the admin plugin's "admin", kept in User.role. */
export const OWNER_ROLE = "admin";
const SECRET_SETTING = "authSecret";

/** BETTER_AUTH_SECRET, else the secret kept in the database (created on first use). */
export async function authSecret(db: Db, env: Record<string, string | undefined> = process.env): Promise<string> {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const kept = await db.serverSetting.findUnique({ where: { key: SECRET_SETTING } });
  if (kept) return kept.value;
  // Two instances starting together: the first write wins and both read it back.
  await db.serverSetting.createMany({ data: [{ key: SECRET_SETTING, value: randomBytes(32).toString("hex") }] }).catch(() => undefined);
  return (await db.serverSetting.findUniqueOrThrow({ where: { key: SECRET_SETTING } })).value;
}

function trustedProxies(): string[] | undefined {
  const list = process.env.TRUSTED_PROXIES?.split(",").map((entry) => entry.trim()).filter(Boolean);
  return list && list.length > 0 ? list : undefined;
}

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
    // Accounts are created by the Owner (or the first-run set-up), never by sign-up.
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, disableSignUp: true },
    // Kept in the database so that several instances share the counters.
    rateLimit: { storage: "database", ...(trustedProxyIpHeader ? {} : { customRules: { "/sign-in/email": { window: 10, max: 30 } } }) },
    advanced: {
      // Secure cookies when the portal is served over HTTPS (BETTER_AUTH_URL says so); always httpOnly and SameSite=Lax.
      useSecureCookies: process.env.BETTER_AUTH_URL?.startsWith("https://") ?? false,
      // The client address comes from a header only a trusted proxy sets (TRUSTED_PROXY_IP_HEADER).
      // Without one, any client could pick its own address, so every client shares one bucket
      // per path (with a higher sign-in limit, see customRules) and the per-account limit applies.
      ipAddress: trustedProxyIpHeader ? { ipAddressHeaders: [trustedProxyIpHeader], trustedProxies: trustedProxies() } : { ipAddressHeaders: [] },
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
