// Downloads from a recovery point of a Backup Agent item: the portal can't read the point (no
// passphrase), so it asks the server's agent, which streams `restic dump` to
// /api/agent/requests/<id>/content (served before Next.js); the portal writes it to disk as it comes and the browser's
// download follows the file, so neither side holds it whole and several portal processes work.
import { createWriteStream } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AgentQuestion } from "@/lib/schemas/agent";
import { type Db, getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { interceptBeforeNext } from "@/lib/server/node-intercept";
import { fail, ok, type ServiceResult } from "@/lib/server/result";
import { vaultStorageDir } from "@/lib/server/vault-storage/storage";
import { type AuthenticatedServer, authenticateAgent } from "./credentials";
import { ANSWER_TIMEOUT_MS } from "./requests";
import { wakeAgents } from "./wake";

const CHUNK_BYTES = 1024 * 1024;
const FOLLOW_INTERVAL_MS = 200;

const fileOf = (requestId: string) => path.join(vaultStorageDir(), ".downloads", requestId);
const pause = () => new Promise((resolve) => setTimeout(resolve, FOLLOW_INTERVAL_MS));

/** The agent's upload of a dump, written to disk as it comes; the request is answered with its size when it ends. */
export async function receiveDump(
  db: Db,
  server: AuthenticatedServer,
  requestId: string,
  body: Readable,
): Promise<ServiceResult<{ size: number }>> {
  const request = await db.agentRequest.findFirst({
    where: { id: requestId, serverId: server.id, answeredAt: null },
    select: { question: true },
  });
  if (!request || (request.question as AgentQuestion).kind !== "Dump")
    return fail("Conflict", "No download waits for this upload: it was given up, or isn't this server's.");
  const file = fileOf(requestId);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await pipeline(body, createWriteStream(file));
  } catch (error) {
    await db.agentRequest.updateMany({
      where: { id: requestId, answeredAt: null },
      data: { answer: { error: `The upload broke off: ${(error as Error).message}` }, answeredAt: new Date() },
    });
    return fail("BadRequest", "The upload broke off.");
  }
  const { size } = await stat(file);
  await db.agentRequest.updateMany({
    where: { id: requestId, answeredAt: null },
    data: { answer: { size }, answeredAt: new Date() },
  });
  return ok({ size });
}

/**
 * Asks the agent of `serverId` for a dump and returns its bytes as they arrive, once the first have
 * (null when the agent didn't start within the answer timeout, or failed at once; then nothing is left).
 */
export async function followDump(
  db: Db,
  serverId: string,
  question: Extract<AgentQuestion, { kind: "Dump" }>,
): Promise<{ stream: ReadableStream<Uint8Array> } | { error: string }> {
  const { id } = await db.agentRequest.create({ data: { serverId, question }, select: { id: true } });
  wakeAgents();
  const file = fileOf(id);
  const cleanUp = async () => {
    await rm(file, { force: true });
    await db.agentRequest.deleteMany({ where: { id } });
  };
  const answerOf = async () =>
    (await db.agentRequest.findUnique({ where: { id }, select: { answer: true } }))?.answer as
      { size: number } | { error: string } | null | undefined;
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  let handle = await open(file, "r").catch(() => null);
  while (!handle) {
    const answer = await answerOf();
    if ((answer && "error" in answer) || Date.now() > deadline) {
      await cleanUp();
      return { error: answer && "error" in answer ? answer.error : "" };
    }
    await pause();
    handle = await open(file, "r").catch(() => null);
  }
  const reader = handle;
  let offset = 0;
  async function* follow() {
    try {
      for (;;) {
        const { bytesRead, buffer } = await reader.read(Buffer.alloc(CHUNK_BYTES), 0, CHUNK_BYTES, offset);
        if (bytesRead > 0) {
          offset += bytesRead;
          yield new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
          continue;
        }
        const answer = await answerOf();
        if (answer && "error" in answer) throw new Error(answer.error);
        if (answer && offset >= answer.size) return;
        await pause();
      }
    } finally {
      await reader.close();
      await cleanUp();
    }
  }
  return { stream: Readable.toWeb(Readable.from(follow())) as ReadableStream<Uint8Array> };
}

const UPLOAD_PATH = /^\/api\/agent\/requests\/([A-Za-z0-9]{1,64})\/content$/;

/**
 * Serves the agents' dump uploads on Node's server, before Next.js: its proxy would buffer a body
 * it sees and cut it at 10 MB (experimental.proxyClientMaxBodySize), and a dump can be gigabytes.
 */
export function serveDumpUploads(): void {
  interceptBeforeNext("dump-uploads", (request, response) => {
    const match = UPLOAD_PATH.exec(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!match || request.method !== "POST") return false;
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    (async () => {
      const server = await authenticateAgent(getDb(), request.headers.authorization ?? null);
      if (!server) {
        response.shouldKeepAlive = false;
        return answer(401, { error: { code: "Unauthorized", message: "The server's credential is not valid." } });
      }
      const result = await receiveDump(getDb(), server, match[1], request);
      if (!request.complete) response.shouldKeepAlive = false;
      answer(
        result.ok ? 200 : 409,
        result.ok ? result.data : { error: { code: result.code, message: result.message } },
      );
    })().catch((error: unknown) => {
      logger.error({ event: "dump-upload", err: error }, "a dump upload failed");
      if (!response.headersSent) answer(500, { error: { code: "InternalError", message: "The upload failed." } });
    });
    return true;
  });
}
