// Methods that Node's HTTP server accepts but the fetch API's Request refuses to represent (TRACE;
// TRACK and CONNECT never reach a request handler): Next.js fails to build its request for them and
// answers 500. The guard answers 405 first, where Node hands the request to Next.js. It patches the
// HTTP server's `emit` because Next.js (`next start`) gives us no hook before it builds the request.
import http from "node:http";
import { armError, isArmPath } from "@/lib/server/arm/http";

const UNREPRESENTABLE_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);
const GUARDED = Symbol.for("vault-portal.unrepresentable-methods-guard");

/** The 405: ARM's error envelope under the API, plain text elsewhere. */
async function refuse(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const message = `The ${request.method} method is not supported.`;
  const answer = isArmPath(request.url ?? "") ? armError(405, "MethodNotAllowed", message) : new Response(message, { status: 405, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" });
  response.end(await answer.text());
}

/** Installs the guard on every HTTP server of this process (once). */
export function refuseUnrepresentableMethods(): void {
  const prototype = http.Server.prototype as http.Server & { [GUARDED]?: true };
  if (prototype[GUARDED]) return;
  const emit = prototype.emit;
  prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    if (event === "request" && UNREPRESENTABLE_METHODS.has(request.method ?? "")) {
      void refuse(request, response);
      return true;
    }
    return emit.apply(this, [event, ...args] as Parameters<http.Server["emit"]>);
  };
  prototype[GUARDED] = true;
}
