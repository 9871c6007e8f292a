// Signals between the portal's processes. npm start serves from several (scripts/serve.mjs), and
// work created in one (Backup now, a restore, a question for an agent) must wake the engine and the
// agents' polls held by another at once, not at their next check. A signal raised here runs its
// handlers in this process and, through the cluster's primary, in every other one.
import cluster from "node:cluster";
import { EventEmitter } from "node:events";

const SIGNALS = ["agent-work", "engine-run"] as const;
export type ProcessSignal = (typeof SIGNALS)[number];
/** The message's key, as scripts/serve.mjs relays it. */
const MESSAGE_KEY = "vaultPortalSignal";

const state = globalThis as unknown as { vaultPortalSignals?: EventEmitter };

function signals(): EventEmitter {
  if (state.vaultPortalSignals) return state.vaultPortalSignals;
  const emitter = new EventEmitter().setMaxListeners(0);
  state.vaultPortalSignals = emitter;
  if (cluster.isWorker)
    process.on("message", (message: unknown) => {
      const signal = (message as Record<string, unknown> | null)?.[MESSAGE_KEY];
      if (SIGNALS.includes(signal as ProcessSignal)) emitter.emit(signal as ProcessSignal);
    });
  return emitter;
}

export function raiseSignal(signal: ProcessSignal): void {
  signals().emit(signal);
  if (cluster.isWorker) process.send?.({ [MESSAGE_KEY]: signal });
}

/** Runs `handler` on every `signal`, from this process or another; returns what stops it. */
export function onSignal(signal: ProcessSignal, handler: () => void): () => void {
  signals().on(signal, handler);
  return () => signals().off(signal, handler);
}
