// Wakes the agents' long polls held by this process as soon as work for an agent is created here
// (Backup now, a recovery, a question about a point); a poll held by another process finds the
// work at its next check, a second later.
import { EventEmitter } from "node:events";

const state = globalThis as unknown as { vaultPortalAgentWork?: EventEmitter };

function work(): EventEmitter {
  state.vaultPortalAgentWork ??= new EventEmitter().setMaxListeners(0);
  return state.vaultPortalAgentWork;
}

export function wakeAgents(): void {
  work().emit("work");
}

/** Resolves after `ms`, or as soon as work for an agent is created in this process. */
export function untilWorkOrTimeout(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      work().off("work", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    work().once("work", done);
  });
}
