// The portal under measurement, for npm run bench and npm run load: the scale estate in
// DATABASE_URL, a bench Owner (fresh password each run) with an API token, and the production
// server started on a free loopback port with the engine off, signed in.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { authSecret, createAuth } from "@/lib/server/auth/auth";
import type { Actor } from "@/lib/server/auth/authorize";
import { createApiToken } from "@/lib/server/auth/tokens";
import { createOwner } from "@/lib/server/auth/users";
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { SCALE_VAULT } from "@/lib/server/seed/scale-estate";

const OWNER = { email: "bench@vault-portal.local", name: "Bench" };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function portalUnderTest() {
  const url = resolveDatabaseUrl();
  await migrateDatabase(url);
  const db = createDb(url);
  const vault = await db.vault.findFirst({ where: { nameKey: SCALE_VAULT.name } });
  if (!vault) {
    console.error(`No ${SCALE_VAULT.name} in this database: run npm run seed:scale first (same DATABASE_URL).`);
    process.exit(2);
  }
  const password = `Bench-${randomBytes(6).toString("hex")}-2026`;
  await db.user.deleteMany({ where: { email: OWNER.email } });
  await createOwner(createAuth(db, await authSecret(db), url), { ...OWNER, password });
  const user = await db.user.findUniqueOrThrow({ where: { email: OWNER.email } });
  const actor: Actor = { userId: user.id, email: user.email, name: user.name, isOwner: true };
  const token = await createApiToken(db, { name: "bench", expiresInDays: 1 }, actor);
  if (!token.ok) throw new Error(token.message);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  execFileSync("node", ["scripts/ensure-build.mjs"], { stdio: "inherit" });
  const server: ChildProcess = spawn("bash", ["scripts/serve.sh"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: "127.0.0.1",
      PORT: String(port),
      ENGINE: "off",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    // Next.js may linger over open connections: give it five seconds, then kill it.
    const exited =
      server.exitCode !== null || server.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const lingering = setTimeout(() => server.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(lingering);
    await db.user.deleteMany({ where: { email: OWNER.email } });
    await db.$disconnect();
  };
  try {
    for (let waited = 0; ; waited += 250) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      if (waited > 60_000) throw new Error("The server didn't start.");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: OWNER.email, password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    if (!signIn.ok || !cookie) throw new Error(`Sign-in failed: ${signIn.status}`);
    return { url, db, vault, actor, token: token.data.token, base, cookie, server, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type PortalUnderTest = Awaited<ReturnType<typeof portalUnderTest>>;
