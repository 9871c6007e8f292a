// The portal's production build as a real HTTP server for integration tests: `next start` on a
// free loopback port and the given database, ready once GET /api/health answers 200.
// The build must exist (scripts/test.sh builds before Vitest runs); this never builds.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export type PortalServer = { baseUrl: string; stop: () => Promise<void> };

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
/** How much of the server's output is kept to explain a failed start. */
const OUTPUT_TAIL_CHARS = 20_000;

/** Settings every test server gets; `env` of startPortalServer adds to or overrides them. */
export const TEST_SERVER_ENV: Record<string, string> = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  // The engine ticks only at New Year: nothing scheduled runs during a test; Backup now still
  // runs at once in the server's process.
  ENGINE_TICK_CRON: "0 0 1 1 *",
  // Simulated data moves so fast that a backup finishes in well under a second.
  ENGINE_THROUGHPUT_MB_PER_SECOND: "100000",
  // A small page size for the ARM API's lists, so that tests exercise nextLink paging.
  ARM_PAGE_SIZE: "3",
  BETTER_AUTH_SECRET: "integration-tests-only-secret-0123456789abcdef",
  LOG_LEVEL: "warn",
  // One process per test server (npm start runs one per core); web-concurrency.test.ts runs two.
  WEB_CONCURRENCY: "1",
};

/** A TCP port nothing listens on right now (the OS picks it; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port was assigned."))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Signals the server's whole process group (it runs detached, so helpers it forks go too). */
function signal(child: ChildProcess, name: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    try {
      child.kill(name);
    } catch {
      // Gone already.
    }
  }
}

/**
 * Starts the production build on 127.0.0.1 and a free port (scripts/serve.sh) with DATABASE_URL set
 * (the database must be migrated already) and resolves when the server is healthy.
 */
export async function startPortalServer(databaseUrl: string, env: Record<string, string> = {}): Promise<PortalServer> {
  const root = process.cwd();
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error(
      "There is no production build (.next/BUILD_ID): run `npx next build` first (scripts/test.sh does).",
    );
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // As npm start serves it (scripts/serve.sh).
  const child = spawn("bash", [path.join(root, "scripts", "serve.sh")], {
    cwd: root,
    env: {
      ...process.env,
      ...TEST_SERVER_ENV,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // A test run that ends without stop() (a crash, Ctrl-C) must not leave the server behind.
  const killOnExit = () => signal(child, "SIGKILL");
  process.once("exit", killOnExit);

  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const status: { exit: { code: number | null; signal: NodeJS.Signals | null } | null } = { exit: null };
  child.once("exit", (code, signalName) => {
    status.exit = { code, signal: signalName };
  });

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (status.exit) return;
    signal(child, "SIGTERM");
    const timer = setTimeout(() => signal(child, "SIGKILL"), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (status.exit) {
      const { code, signal: how } = status.exit;
      throw new Error(
        `The portal server exited before it was ready (code ${code}, signal ${how}). Its output:\n${output}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The portal server did not answer GET /api/health with 200 within ${READY_TIMEOUT_MS / 1000} s. Its output:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
