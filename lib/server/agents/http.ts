// The Backup Agent's HTTP API (app/api/agent): JSON bodies bounded as the REST API's, answers and
// refusals in Azure's error shape, every request but register authenticated as a server.
import { armError, armJson, refusal } from "@/lib/server/arm/http";
import { readArmBody } from "@/lib/server/arm/body";
import { getDb } from "@/lib/server/db";
import type { ServiceResult } from "@/lib/server/result";
import { type AuthenticatedServer, authenticateAgent } from "./credentials";

export function agentAnswer<T>(result: ServiceResult<T>, status = 200): Response {
  return result.ok ? armJson(result.data, status) : refusal(result);
}

/** Runs `handle` for an authenticated server's request with its JSON body; 401 for anyone else. */
export async function asAgent(
  request: Request,
  handle: (server: AuthenticatedServer, body: unknown) => Promise<Response>,
): Promise<Response> {
  const server = await authenticateAgent(getDb(), request.headers.get("authorization"));
  if (!server) return armError(401, "Unauthorized", "The server's credential is not valid: register the server again.");
  const body = await readArmBody(request);
  if (!body.ok) return body.response;
  return handle(server, body.body ?? {});
}
