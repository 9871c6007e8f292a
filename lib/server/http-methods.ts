// Methods that Node's HTTP server accepts but the fetch API's Request refuses to represent (TRACE;
// TRACK and CONNECT never reach a request handler): Next.js fails to build its request for them and
// answers 500. The guard answers 405 first, where Node hands the request to Next.js (node-intercept.ts).
import http from "node:http";
import { armError, isArmPath } from "@/lib/server/arm/http";
import { interceptBeforeNext } from "./node-intercept";

const UNREPRESENTABLE_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/** The 405: ARM's error envelope under the API, plain text elsewhere. */
async function refuse(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const message = `The ${request.method} method is not supported.`;
  const answer = isArmPath(request.url ?? "")
    ? armError(405, "MethodNotAllowed", message)
    : new Response(message, { status: 405, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  response.writeHead(answer.status, {
    ...Object.fromEntries(answer.headers),
    Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  });
  response.end(await answer.text());
}

/** Installs the guard on every HTTP server of this process. */
export function refuseUnrepresentableMethods(): void {
  interceptBeforeNext("unrepresentable-methods", (request, response) => {
    if (!UNREPRESENTABLE_METHODS.has(request.method ?? "")) return false;
    void refuse(request, response);
    return true;
  });
}
