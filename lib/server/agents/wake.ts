// Wakes the agents' long polls as soon as work for an agent is created (Backup now, a recovery, a
// question about a point), in this process or another of the portal's (lib/server/process-signals.ts).
import { onSignal, raiseSignal } from "@/lib/server/process-signals";

export function wakeAgents(): void {
  raiseSignal("agent-work");
}

/** Resolves after `ms`, or as soon as work for an agent is created. */
export function untilWorkOrTimeout(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = onSignal("agent-work", done);
  });
}
