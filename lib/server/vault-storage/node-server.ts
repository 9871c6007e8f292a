// The vault storage over HTTP, at /api/vault-storage/<serverId>/…: restic's REST backend for the
// Backup Agents, each server reading and appending to its own repository only (and reading another's
// while it holds a recovery of that server's files to itself), authenticated with its server
// credential; deleting packs only while its Prune job runs. Served from Node's request
// (node-intercept.ts), not a route handler: Next.js drops Content-Length from route handlers'
// answers, which restic needs on HEAD, and uploads stream from Node's request to disk as they are.
import type http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { authenticateAgent } from "@/lib/server/agents/credentials";
import { pruneGranted } from "@/lib/server/agents/maintenance";
import { recoveryReadGranted } from "@/lib/server/agents/jobs";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { interceptBeforeNext } from "@/lib/server/node-intercept";
import { handleResticRequest } from "./rest-backend";
import { getVaultStorage } from "./storage";

export const VAULT_STORAGE_PATH = "/api/vault-storage/";

/** Writes a fetch API Response to Node's response, with its headers as given (Content-Length included). */
export async function sendWebResponse(
  answer: Response,
  method: string | undefined,
  response: http.ServerResponse,
): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (!answer.body || method === "HEAD") {
    response.end();
    return;
  }
  await pipeline(Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream), response);
}

async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
  let segments: string[];
  try {
    segments = pathname.slice(VAULT_STORAGE_PATH.length).split("/").map(decodeURIComponent);
  } catch {
    return sendWebResponse(new Response("Bad path\n", { status: 400 }), request.method, response);
  }
  const [serverId, ...path] = segments;
  const server = await authenticateAgent(getDb(), request.headers.authorization ?? null);
  let answer: Response;
  if (!server)
    answer = new Response("Unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Basic realm="vault-storage"' },
    });
  else if (
    server.id !== serverId &&
    !(
      (request.method === "GET" || request.method === "HEAD") &&
      (await recoveryReadGranted(getDb(), server.id, serverId, new Date()))
    )
  )
    answer = new Response("This repository belongs to another server.\n", { status: 403 });
  else {
    // Only a DELETE asks whether the server's Prune job is running now (the one time it may delete).
    const mayDelete = request.method === "DELETE" && (await pruneGranted(getDb(), serverId, new Date()));
    answer = await handleResticRequest(request, path, { serverId, mayDelete }, getVaultStorage());
  }
  // A refused upload's body is left unread: the connection closes after the answer.
  if (!request.complete && request.method === "POST") response.shouldKeepAlive = false;
  await sendWebResponse(answer, request.method, response);
}

/** Serves the vault storage on every HTTP server of this process. */
export function serveVaultStorage(): void {
  interceptBeforeNext("vault-storage", (request, response) => {
    if (!request.url?.startsWith(VAULT_STORAGE_PATH)) return false;
    serve(request, response).catch((error: unknown) => {
      logger.error({ event: "storage", err: error }, "a vault storage request failed");
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
      response.end("Internal error\n");
    });
    return true;
  });
}
