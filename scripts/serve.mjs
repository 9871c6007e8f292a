// The production server's processes (scripts/serve.sh runs this): WEB_CONCURRENCY Next.js servers
// (default: one per core) sharing one port through Node's cluster, the engine in the first alone.
// Sessions, limits, leases and jobs live in the database, so any process serves any request; the
// signals one process raises for the others (lib/server/process-signals.ts) go through this primary.
// With one process, Next.js runs here without a primary.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";

/** A process of the first start that exits sooner than this stops the server: it would only fail again. */
const STARTUP_FAILURE_MS = 30_000;
/** A process that dies later is started again after this pause (no busy loop while, say, the database is down). */
const RESTART_DELAY_MS = 1_000;
const STOP_GRACE_MS = 10_000;
const SIGNAL_MESSAGE_KEY = "vaultPortalSignal";

const processes = Number(process.env.WEB_CONCURRENCY || availableParallelism());
if (!Number.isInteger(processes) || processes < 1) {
  console.error(
    `WEB_CONCURRENCY must be a whole number of processes, at least 1 (it is "${process.env.WEB_CONCURRENCY}").`,
  );
  process.exit(2);
}

if (processes === 1 || cluster.isWorker) {
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  process.argv = [
    process.argv[0],
    next,
    "start",
    "-H",
    process.env.HOST || "127.0.0.1",
    "-p",
    process.env.PORT || "3000",
  ];
  await import(next);
} else {
  let stopping = false;
  const start = (index, restarted) => {
    // The engine runs in the first process only (unless ENGINE=off turns it off everywhere).
    const worker = cluster.fork(index === 0 ? {} : { ENGINE: "off" });
    const startedAt = Date.now();
    worker.on("error", (error) => console.error(`Server process ${index + 1}: ${error.message}`));
    worker.on("message", (message) => {
      if (!message || typeof message !== "object" || !(SIGNAL_MESSAGE_KEY in message)) return;
      for (const other of Object.values(cluster.workers ?? {}))
        if (other && other !== worker && other.isConnected()) other.send(message);
    });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (!restarted && Date.now() - startedAt < STARTUP_FAILURE_MS) {
        console.error(`Server process ${index + 1} of ${processes} exited at its start (${how}); stopping.`);
        stop(code || 1);
        return;
      }
      console.error(`Server process ${index + 1} of ${processes} exited (${how}); starting it again.`);
      setTimeout(() => stopping || start(index, true), RESTART_DELAY_MS);
    });
  };
  const stop = (exitCode) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    for (const worker of workers) worker.process.kill("SIGTERM");
    const lingering = setTimeout(() => {
      for (const worker of workers) worker.process.kill("SIGKILL");
    }, STOP_GRACE_MS);
    Promise.all(
      workers.map((worker) => new Promise((resolve) => (worker.isDead() ? resolve() : worker.once("exit", resolve)))),
    ).then(() => {
      clearTimeout(lingering);
      process.exit(exitCode);
    });
  };
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));
  for (let index = 0; index < processes; index++) start(index, false);
}
