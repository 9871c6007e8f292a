// Requests answered where Node's HTTP server hands them to Next.js, before it: `next start` gives no
// other hook. Used for what Next.js can't serve: the methods its Request can't represent
// (http-methods.ts) and the vault storage, whose HEAD answers need their Content-Length (Next.js
// drops it from route handlers' answers) and whose uploads stream to disk unbuffered.
import http from "node:http";

/** Answers the request and returns true, or returns false to leave it to Next.js. */
export type Intercept = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;

const REGISTRY = Symbol.for("vault-portal.request-intercepts");
type Patched = http.Server & { [REGISTRY]?: Map<string, Intercept> };

/** Adds (or replaces, by name) an intercept on every HTTP server of this process. */
export function interceptBeforeNext(name: string, intercept: Intercept): void {
  const prototype = http.Server.prototype as Patched;
  if (!prototype[REGISTRY]) {
    const intercepts = new Map<string, Intercept>();
    prototype[REGISTRY] = intercepts;
    const emit = prototype.emit;
    prototype.emit = function interceptingEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
        for (const handle of intercepts.values()) if (handle(request, response)) return true;
      }
      return emit.apply(this, [event, ...args] as Parameters<http.Server["emit"]>);
    };
  }
  prototype[REGISTRY].set(name, intercept);
}
