// The server side of restic's REST backend protocol (v2), in append-only mode: the agents of the
// protected servers back up into the portal's storage but can't destroy what they stored. Spec:
// https://restic.readthedocs.io/en/stable/100_references.html#rest-backend; the statuses follow
// restic's rest-server with --append-only.
import { createHash } from "node:crypto";
import type http from "node:http";
import { logger } from "@/lib/server/logger";
import {
  InvalidNameError,
  isObjectName,
  isObjectType,
  ObjectExistsError,
  type ByteRange,
  type ObjectRef,
  type ObjectType,
  type RepositoryStore,
} from "@/lib/server/vault-storage/store";

/** restic 0.14's packs are 16 MiB at most by default; --pack-size can raise that up to 128 MiB. */
export const MAX_OBJECT_BYTES = 128 * 1024 * 1024;

export type StorageAccess = {
  serverId: string;
  /** A prune job is in progress: it may delete packs and indexes (never snapshots, config or keys). */
  mayDelete: boolean;
};

export type RestBackendOptions = { maxObjectBytes?: number };

const CONTENT_TYPE_V1 = "application/vnd.x.restic.rest.v1";
const CONTENT_TYPE_V2 = "application/vnd.x.restic.rest.v2";

/** A request the protocol refuses, with the status that says why. */
class RefusedError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 416,
    message: string,
  ) {
    super(message);
  }
}

type Target = { kind: "repository" } | { kind: "list"; type: ObjectType } | { kind: "object"; object: ObjectRef };

/**
 * Answers one request of restic's REST backend for the repository of `access.serverId`. `path` is
 * what follows the repository in the URL, decoded: [] for the repository, ["config"], ["data"] for
 * a list (restic asks for `data/`, so ["data", ""] too) or ["data", "<64 hex digits>"]. The request
 * is Node's (node-server.ts): an upload goes from it to the store as it arrives, through no fetch
 * API stream (Readable.toWeb copies every chunk, garbage the server then spends its CPU collecting).
 */
export async function handleResticRequest(
  request: http.IncomingMessage,
  path: string[],
  access: StorageAccess,
  store: RepositoryStore,
  options: RestBackendOptions = {},
): Promise<Response> {
  try {
    const target = parseTarget(path);
    if (target.kind === "repository") return await handleRepository(request, access, store);
    if (target.kind === "list") return await handleList(request, access, store, target.type);
    return await handleObject(request, access, store, target.object, options.maxObjectBytes ?? MAX_OBJECT_BYTES);
  } catch (error) {
    if (error instanceof RefusedError) return plainText(error.status, error.message);
    if (error instanceof InvalidNameError) return plainText(400, error.message);
    if (error instanceof ObjectExistsError) return plainText(403, "Objects can't be overwritten");
    logger.error(
      { err: error, serverId: access.serverId, method: request.method, path: path.join("/") },
      "Vault storage request failed",
    );
    return plainText(500, "Internal server error");
  }
}

function parseTarget(path: string[]): Target {
  const [type, name, ...rest] = path;
  if (type === undefined || (type === "" && path.length === 1)) return { kind: "repository" };
  if (type === "config" && path.length === 1) return { kind: "object", object: { type: "config" } };
  if (!isObjectType(type) || rest.length > 0) throw new RefusedError(400, "Invalid path");
  if (name === undefined || name === "") return { kind: "list", type };
  if (!isObjectName(name)) throw new RefusedError(400, "Invalid object name");
  return { kind: "object", object: { type, name } };
}

async function handleRepository(
  request: http.IncomingMessage,
  access: StorageAccess,
  store: RepositoryStore,
): Promise<Response> {
  if (request.method === "DELETE") throw new RefusedError(403, "Repositories can't be deleted");
  if (request.method !== "POST") return methodNotAllowed("POST, DELETE");
  if (new URL(request.url ?? "/", "http://localhost").searchParams.get("create") !== "true")
    throw new RefusedError(400, "Expected ?create=true");
  await store.createRepository(access.serverId);
  return new Response(null, { status: 200 });
}

async function handleList(
  request: http.IncomingMessage,
  access: StorageAccess,
  store: RepositoryStore,
  type: ObjectType,
): Promise<Response> {
  if (request.method !== "GET") return methodNotAllowed("GET");
  const objects = await store.list(access.serverId, type);
  if (!objects) throw new RefusedError(404, "No such repository");
  if (request.headers.accept?.includes(CONTENT_TYPE_V2))
    return Response.json(objects, { headers: { "Content-Type": CONTENT_TYPE_V2 } });
  return Response.json(
    objects.map((object) => object.name),
    { headers: { "Content-Type": CONTENT_TYPE_V1 } },
  );
}

async function handleObject(
  request: http.IncomingMessage,
  access: StorageAccess,
  store: RepositoryStore,
  object: ObjectRef,
  maxObjectBytes: number,
): Promise<Response> {
  switch (request.method) {
    case "HEAD": {
      const info = await store.stat(access.serverId, object);
      if (!info) throw new RefusedError(404, "Not found");
      return new Response(null, { status: 200, headers: { "Content-Length": String(info.size) } });
    }
    case "GET":
      return readObject(request, access, store, object);
    case "POST":
      return writeObject(request, access, store, object, maxObjectBytes);
    case "DELETE": {
      if (!mayDelete(object, access)) throw new RefusedError(403, "Deleting is not allowed");
      // Deleting what isn't there succeeds, as with rest-server, so that a retried DELETE doesn't fail.
      await store.remove(access.serverId, object);
      return new Response(null, { status: 200 });
    }
    default:
      return methodNotAllowed("HEAD, GET, POST, DELETE");
  }
}

// Locks come and go with every restic command; while a prune job runs, the packs and indexes it
// rewrites may go too. Snapshots are removed by the portal alone (by the policy), and the config
// and the keys (the repository's identity and its passwords) never go.
function mayDelete(object: ObjectRef, access: StorageAccess): boolean {
  if (object.type === "locks") return true;
  return access.mayDelete && (object.type === "data" || object.type === "index");
}

async function readObject(
  request: http.IncomingMessage,
  access: StorageAccess,
  store: RepositoryStore,
  object: ObjectRef,
): Promise<Response> {
  const info = await store.stat(access.serverId, object);
  if (!info) throw new RefusedError(404, "Not found");
  const range = requestedRange(request.headers.range, info.size);
  if (range === "unsatisfiable")
    return plainText(416, "Range not satisfiable", { "Content-Range": `bytes */${info.size}` });
  const body = await store.read(access.serverId, object, range ?? undefined);
  if (!body) throw new RefusedError(404, "Not found");
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream", "Accept-Ranges": "bytes" };
  if (!range) return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(info.size) } });
  const last = range.offset + range.length - 1;
  return new Response(body, {
    status: 206,
    headers: {
      ...headers,
      "Content-Length": String(range.length),
      "Content-Range": `bytes ${range.offset}-${last}/${info.size}`,
    },
  });
}

/**
 * The one range of a `Range: bytes=…` header (a-b, a- or -n), null for the whole object: RFC 9110
 * lets a server ignore a Range it doesn't understand, and restic asks only for one range.
 */
function requestedRange(header: string | undefined, size: number): ByteRange | null | "unsatisfiable" {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, first, last] = match;
  if (first === "") {
    if (last === "") return null;
    const suffix = Math.min(Number(last), size);
    return suffix === 0 ? "unsatisfiable" : { offset: size - suffix, length: suffix };
  }
  const offset = Number(first);
  if (last !== "" && Number(last) < offset) return null;
  if (offset >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return { offset, length: end - offset + 1 };
}

async function writeObject(
  request: http.IncomingMessage,
  access: StorageAccess,
  store: RepositoryStore,
  object: ObjectRef,
  maxObjectBytes: number,
): Promise<Response> {
  // Refused before the body is read; the store's exclusive write settles concurrent uploads.
  if (await store.stat(access.serverId, object)) throw new RefusedError(403, "Objects can't be overwritten");
  const contentLength = Number(request.headers["content-length"] ?? Number.NaN);
  const declaredLength = Number.isSafeInteger(contentLength) ? contentLength : null;
  if (declaredLength !== null && declaredLength > maxObjectBytes)
    throw new RefusedError(413, `Objects are limited to ${maxObjectBytes} bytes`);
  // Every object but the config is named by the SHA-256 of its content (restic.Hash of the encrypted file).
  const sha256 = object.type === "config" ? null : object.name;
  await store.write(
    access.serverId,
    object,
    checkedBody(request, { maxBytes: maxObjectBytes, declaredLength, sha256 }),
  );
  return new Response(null, { status: 200 });
}

/**
 * The request body, throwing (so that the store keeps nothing) when it grows past `maxBytes`, ends
 * short of its declared length, breaks off, or doesn't hash to its name. The body is read with
 * next() alone: a `for await` left early would destroy Node's request, and with it the connection,
 * before the refusal is sent.
 */
async function* checkedBody(
  body: AsyncIterable<Uint8Array>,
  expected: { maxBytes: number; declaredLength: number | null; sha256: string | null },
): AsyncGenerator<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  const hash = createHash("sha256");
  let received = 0;
  for (;;) {
    let chunk: IteratorResult<Uint8Array>;
    try {
      chunk = await chunks.next();
    } catch {
      throw new RefusedError(400, "The upload broke off");
    }
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > expected.maxBytes) throw new RefusedError(413, `Objects are limited to ${expected.maxBytes} bytes`);
    hash.update(chunk.value);
    yield chunk.value;
  }
  if (expected.declaredLength !== null && received !== expected.declaredLength)
    throw new RefusedError(400, "The body's length doesn't match its Content-Length");
  if (expected.sha256 !== null && hash.digest("hex") !== expected.sha256)
    throw new RefusedError(400, "The content's SHA-256 doesn't match the object's name");
}

function methodNotAllowed(allow: string): Response {
  return plainText(405, "Method not allowed", { Allow: allow });
}

function plainText(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}
