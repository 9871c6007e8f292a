// restic's REST backend as the portal serves it: real restic backs up into, restores from and checks
// a repository served by handleResticRequest, and can't destroy what it stored unless a prune job
// lets it. No database: a node:http server stands in for the portal's (node-server.ts).
import { execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleResticRequest } from "@/lib/server/vault-storage/rest-backend";
import { LocalDirectoryStore } from "@/lib/server/vault-storage/store";

const SERVER_ID = "cmvaultstoragetest01";
const RESTIC_TIMEOUT_MS = 60_000;
const SMALL_LIMIT_BYTES = 1024 * 1024;

let workDir: string;
let sourceDir: string;
let repositoryDir: string;
let store: LocalDirectoryStore;
let server: http.Server;
let baseUrl: string;
// What the route would decide per request: whether a prune job runs, and the object size limit.
let mayDelete = false;
let maxObjectBytes: number | undefined;

/** node-server.ts's part: Node's request handed over as it is, the answer piped back. */
async function serveResticRequest(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
  const rawUrl = incoming.url ?? "/";
  // Split as written: WHATWG URL parsing would resolve `..` before the handler could refuse it.
  let segments: string[];
  try {
    segments = rawUrl.split("?")[0].split("/").slice(1).map(decodeURIComponent);
  } catch {
    outgoing.writeHead(400).end();
    return;
  }
  const [serverId = "", ...objectPath] = segments;
  const answer = await handleResticRequest(incoming, objectPath, { serverId, mayDelete }, store, { maxObjectBytes });
  outgoing.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (answer.body && incoming.method !== "HEAD")
    Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>).pipe(outgoing);
  else outgoing.end();
}

type ResticResult = { code: number; stdout: string; stderr: string };

function resticEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RESTIC_REPOSITORY: `rest:${baseUrl}/${SERVER_ID}/`,
    RESTIC_PASSWORD: "correct horse battery staple",
    RESTIC_CACHE_DIR: path.join(workDir, "cache"),
  };
}

function restic(...args: string[]): Promise<ResticResult> {
  return new Promise((resolve) => {
    execFile("restic", args, { env: resticEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function resticSucceeds(...args: string[]): Promise<string> {
  const result = await restic(...args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/**
 * Runs restic until its error output matches `until`, then interrupts it (restic removes its lock
 * when interrupted). restic retries a refused request 10 times over about a minute before it gives
 * up: the first refusal is what the test is about.
 */
function resticUntil(until: RegExp, ...args: string[]): Promise<ResticResult> {
  return new Promise((resolve) => {
    const child = spawn("restic", args, { env: resticEnv() });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && until.test(stderr)) interrupted = child.kill("SIGINT");
    });
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function snapshotIds(): Promise<string[]> {
  return (JSON.parse(await resticSucceeds("snapshots", "--json")) as { id: string }[]).map((snapshot) => snapshot.id);
}

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request with its path exactly as written (fetch would resolve `..` and `%2E%2E`). */
function raw(
  method: string,
  requestPath: string,
  options: { headers?: Record<string, string>; body?: Buffer; chunked?: boolean } = {},
): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo;
  const headers: Record<string, string> = { connection: "close", ...options.headers };
  if (options.body && !options.chunked) headers["content-length"] = String(options.body.length);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port, method, path: requestPath, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    outgoing.on("error", reject);
    if (options.body && options.chunked) {
      for (let offset = 0; offset < options.body.length; offset += 64 * 1024)
        outgoing.write(options.body.subarray(offset, offset + 64 * 1024));
      outgoing.end();
    } else outgoing.end(options.body);
  });
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const repoPath = (...parts: string[]) => path.join(repositoryDir, ...parts);
const objectUrl = (type: string, name: string) => `/${SERVER_ID}/${type}/${name}`;

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function uploadsInProgress(): Promise<string[]> {
  return readdir(repoPath("tmp")).catch(() => []);
}

/** Every file under `root`, by relative path, with the SHA-256 of its content. */
async function fileHashes(root: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hashes[path.relative(root, file)] = sha256(await readFile(file));
  }
  return hashes;
}

async function dataFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of await readdir(repoPath("data"))) files.push(...(await readdir(repoPath("data", folder))));
  return files;
}

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "vault-storage-restic-"));
  store = new LocalDirectoryStore(path.join(workDir, "repositories"));
  repositoryDir = path.join(workDir, "repositories", SERVER_ID);
  server = http.createServer((incoming, outgoing) => void serveResticRequest(incoming, outgoing));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  sourceDir = path.join(workDir, "source");
  await mkdir(path.join(sourceDir, "documents", "reports", "2024"), { recursive: true });
  await mkdir(path.join(sourceDir, "ünïcødé — 写真"), { recursive: true });
  await writeFile(path.join(sourceDir, "documents", "reports", "2024", "q1.txt"), "First quarter\n".repeat(1000));
  await writeFile(path.join(sourceDir, "documents", "readme.md"), "# Read me\n");
  await writeFile(path.join(sourceDir, "ünïcødé — 写真", "日本語ファイル.txt"), "こんにちは\n");
  await writeFile(path.join(sourceDir, "empty"), "");
  await writeFile(path.join(sourceDir, "random.bin"), randomBytes(20 * 1024 * 1024));
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("restic against the vault storage", () => {
  let firstSnapshot: string;

  it(
    "initialises, backs up, restores every file unchanged and checks all data",
    async () => {
      await resticSucceeds("init");
      await resticSucceeds("backup", "--host", "vault-test", sourceDir);
      const [snapshot, ...others] = JSON.parse(await resticSucceeds("snapshots", "--json")) as {
        id: string;
        paths: string[];
      }[];
      expect(others).toEqual([]);
      expect(snapshot.paths).toEqual([sourceDir]);
      firstSnapshot = snapshot.id;

      const restoreDir = path.join(workDir, "restore");
      await resticSucceeds("restore", firstSnapshot, "--target", restoreDir);
      const restored = await fileHashes(path.join(restoreDir, sourceDir));
      expect(restored).toEqual(await fileHashes(sourceDir));
      expect(Object.keys(restored)).toHaveLength(5);

      await resticSucceeds("check", "--read-data");
      expect(await store.repositorySize(SERVER_ID)).toBeGreaterThan(20 * 1024 * 1024);
      expect(await uploadsInProgress()).toEqual([]);
    },
    RESTIC_TIMEOUT_MS,
  );

  it(
    "refuses restic's forget --prune: the snapshot stays",
    async () => {
      const forget = await resticUntil(/403/, "forget", firstSnapshot, "--prune");
      expect(forget.code).not.toBe(0);
      expect(forget.stderr).toMatch(/403 Forbidden/);
      expect(await snapshotIds()).toEqual([firstSnapshot]);
      await resticSucceeds("check");
    },
    RESTIC_TIMEOUT_MS,
  );

  it("refuses deleting snapshots, data, keys and config, but lets locks go", async () => {
    const [pack] = await dataFiles();
    const [key] = await readdir(repoPath("keys"));
    for (const [type, name] of [
      ["snapshots", firstSnapshot],
      ["data", pack],
      ["index", (await readdir(repoPath("index")))[0]],
      ["keys", key],
    ]) {
      expect((await raw("DELETE", objectUrl(type, name))).status).toBe(403);
    }
    expect((await raw("DELETE", `/${SERVER_ID}/config`)).status).toBe(403);
    expect((await raw("DELETE", `/${SERVER_ID}/`)).status).toBe(403);
    expect(await exists(repoPath("snapshots", firstSnapshot))).toBe(true);
    expect(await exists(repoPath("data", pack.slice(0, 2), pack))).toBe(true);

    const lock = randomBytes(100);
    expect((await raw("POST", objectUrl("locks", sha256(lock)), { body: lock })).status).toBe(200);
    expect((await raw("DELETE", objectUrl("locks", sha256(lock)))).status).toBe(200);
    expect(await exists(repoPath("locks", sha256(lock)))).toBe(false);
  });

  it("refuses overwriting an object or the config: the content stays", async () => {
    const snapshotFile = repoPath("snapshots", firstSnapshot);
    const before = await readFile(snapshotFile);
    expect(
      (await raw("POST", objectUrl("snapshots", firstSnapshot), { body: randomBytes(before.length) })).status,
    ).toBe(403);
    expect((await raw("POST", objectUrl("snapshots", firstSnapshot), { body: before })).status).toBe(403);
    expect(sha256(await readFile(snapshotFile))).toBe(sha256(before));

    const config = await readFile(repoPath("config"));
    expect((await raw("POST", `/${SERVER_ID}/config`, { body: Buffer.from("replaced") })).status).toBe(403);
    expect(sha256(await readFile(repoPath("config")))).toBe(sha256(config));
  });

  it("refuses content that doesn't hash to its name, keeping nothing", async () => {
    const content = randomBytes(1000);
    const wrongName = sha256(Buffer.from("something else"));
    const answer = await raw("POST", objectUrl("data", wrongName), { body: content });
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(await exists(repoPath("data", wrongName.slice(0, 2), wrongName))).toBe(false);
    expect(await uploadsInProgress()).toEqual([]);
  });

  it("refuses names that aren't 64 lowercase hex digits of a known type, and bad server ids", async () => {
    const name = sha256(Buffer.from("name"));
    for (const requestPath of [
      `/${SERVER_ID}/data/..`,
      `/${SERVER_ID}/data/../config`,
      `/${SERVER_ID}/data/%2E%2E%2Fconfig`,
      `/${SERVER_ID}/snapshots/${name.slice(0, 30)}%2F${name.slice(33)}`,
      `/${SERVER_ID}/data/${name.toUpperCase()}`,
      `/${SERVER_ID}/data/${name.slice(1)}`,
      `/${SERVER_ID}/data/${name.slice(1)}%00`,
      `/${SERVER_ID}/data/${name}/more`,
      `/${SERVER_ID}/tmp/`,
      `/${SERVER_ID}/deleted-snapshots/${name}`,
      `/..%2F${SERVER_ID}/config`,
      `/${SERVER_ID.toUpperCase()}/config`,
      `/short/config`,
    ]) {
      expect((await raw("GET", requestPath)).status, requestPath).toBe(400);
    }
    expect((await raw("POST", `/${SERVER_ID}/data/..%2F..%2Fescaped`, { body: Buffer.from("x") })).status).toBe(400);
    expect(await exists(path.join(workDir, "escaped"))).toBe(false);
  });

  it("answers the protocol's other requests: lists (v1 and v2), HEAD, 404 and 405", async () => {
    const v2 = await raw("GET", `/${SERVER_ID}/data/`, { headers: { accept: "application/vnd.x.restic.rest.v2" } });
    expect(v2.headers["content-type"]).toBe("application/vnd.x.restic.rest.v2");
    const listed = JSON.parse(v2.body.toString()) as { name: string; size: number }[];
    expect(listed.map((object) => object.name).sort()).toEqual((await dataFiles()).sort());
    for (const { name, size } of listed) expect(size).toBe((await stat(repoPath("data", name.slice(0, 2), name))).size);

    const v1 = await raw("GET", `/${SERVER_ID}/snapshots/`);
    expect(v1.headers["content-type"]).toBe("application/vnd.x.restic.rest.v1");
    expect(JSON.parse(v1.body.toString())).toEqual([firstSnapshot]);

    const head = await raw("HEAD", objectUrl("snapshots", firstSnapshot));
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe((await stat(repoPath("snapshots", firstSnapshot))).size);
    const missing = sha256(Buffer.from("missing"));
    expect((await raw("HEAD", objectUrl("index", missing))).status).toBe(404);
    expect((await raw("GET", objectUrl("index", missing))).status).toBe(404);
    expect((await raw("GET", `/cmnorepository0001/config`)).status).toBe(404);

    const put = await raw("PUT", `/${SERVER_ID}/config`);
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("HEAD, GET, POST, DELETE");
    expect((await raw("HEAD", `/${SERVER_ID}/data/`)).status).toBe(405);
  });

  it("answers ranged reads with 206 and the part asked for", async () => {
    const [pack] = await dataFiles();
    const content = await readFile(repoPath("data", pack.slice(0, 2), pack));
    const url = objectUrl("data", pack);
    const cases: [string, number, number][] = [
      ["bytes=10-109", 10, 109],
      ["bytes=100-", 100, content.length - 1],
      ["bytes=-50", content.length - 50, content.length - 1],
      [`bytes=${content.length - 10}-${content.length + 1000}`, content.length - 10, content.length - 1],
    ];
    for (const [range, first, last] of cases) {
      const answer = await raw("GET", url, { headers: { range } });
      expect(answer.status, range).toBe(206);
      expect(answer.headers["content-range"]).toBe(`bytes ${first}-${last}/${content.length}`);
      // Hashes, not bytes: a failing comparison of megabytes would print them all.
      expect(sha256(answer.body), range).toBe(sha256(content.subarray(first, last + 1)));
    }
    const whole = await raw("GET", url);
    expect(whole.status).toBe(200);
    expect(sha256(whole.body)).toBe(pack);
    const beyond = await raw("GET", url, { headers: { range: `bytes=${content.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${content.length}`);
  });

  it("refuses objects over the size limit with 413, keeping nothing", async () => {
    maxObjectBytes = SMALL_LIMIT_BYTES;
    try {
      const content = randomBytes(2 * SMALL_LIMIT_BYTES);
      const name = sha256(content);
      expect((await raw("POST", objectUrl("data", name), { body: content })).status).toBe(413);
      // Without a Content-Length the limit applies while the body streams in.
      expect((await raw("POST", objectUrl("data", name), { body: content, chunked: true })).status).toBe(413);
      expect(await exists(repoPath("data", name.slice(0, 2), name))).toBe(false);
      expect(await uploadsInProgress()).toEqual([]);
    } finally {
      maxObjectBytes = undefined;
    }
  });

  it("keeps nothing of an upload the client abandons", async () => {
    const content = randomBytes(1024 * 1024);
    const name = sha256(content);
    const { port } = server.address() as AddressInfo;
    const outgoing = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: objectUrl("data", name),
      headers: { "content-length": String(content.length) },
      agent: false,
    });
    outgoing.on("error", () => undefined);
    outgoing.write(content.subarray(0, 256 * 1024));
    await waitFor(async () => (await uploadsInProgress()).length > 0, "the upload to start");
    outgoing.destroy();
    await waitFor(async () => (await uploadsInProgress()).length === 0, "the abandoned upload to be removed");
    expect(await exists(repoPath("data", name.slice(0, 2), name))).toBe(false);
  });

  it(
    "hides a snapshot from restic, shows it again, and removes it for good",
    async () => {
      await writeFile(path.join(sourceDir, "documents", "later.txt"), "Added after the first backup\n");
      await resticSucceeds("backup", "--host", "vault-test", sourceDir);
      const secondSnapshot = (await snapshotIds()).find((id) => id !== firstSnapshot) ?? "";
      expect(secondSnapshot).toMatch(/^[0-9a-f]{64}$/);

      expect(await store.hideSnapshot(SERVER_ID, secondSnapshot)).toBe(true);
      expect(await store.hideSnapshot(SERVER_ID, secondSnapshot)).toBe(true);
      expect(await snapshotIds()).toEqual([firstSnapshot]);
      expect(await store.listSnapshotIds(SERVER_ID)).toEqual({ visible: [firstSnapshot], hidden: [secondSnapshot] });

      expect(await store.unhideSnapshot(SERVER_ID, secondSnapshot)).toBe(true);
      expect(await store.unhideSnapshot(SERVER_ID, secondSnapshot)).toBe(true);
      expect((await snapshotIds()).sort()).toEqual([firstSnapshot, secondSnapshot].sort());

      await store.hideSnapshot(SERVER_ID, secondSnapshot);
      await store.removeSnapshot(SERVER_ID, secondSnapshot);
      await store.removeSnapshot(SERVER_ID, secondSnapshot);
      expect(await store.unhideSnapshot(SERVER_ID, secondSnapshot)).toBe(false);
      expect(await store.listSnapshotIds(SERVER_ID)).toEqual({ visible: [firstSnapshot], hidden: [] });
      expect(await snapshotIds()).toEqual([firstSnapshot]);
      await resticSucceeds("check");
    },
    RESTIC_TIMEOUT_MS,
  );

  it(
    "lets restic prune while a prune job runs, once the portal removed the snapshot; never the snapshots, the keys or the config",
    async () => {
      mayDelete = true;
      try {
        const sizeBefore = await store.repositorySize(SERVER_ID);
        const [key] = await readdir(repoPath("keys"));
        expect((await raw("DELETE", objectUrl("keys", key))).status).toBe(403);
        expect((await raw("DELETE", `/${SERVER_ID}/config`)).status).toBe(403);
        // Removing snapshots is the portal's, by its policy: an agent can't, even while it prunes.
        expect((await raw("DELETE", objectUrl("snapshots", firstSnapshot))).status).toBe(403);
        expect(await snapshotIds()).toEqual([firstSnapshot]);

        await store.removeSnapshot(SERVER_ID, firstSnapshot);
        await resticSucceeds("prune");
        expect(await snapshotIds()).toEqual([]);
        await resticSucceeds("check", "--read-data");
        expect(await store.repositorySize(SERVER_ID)).toBeLessThan(sizeBefore - 20 * 1024 * 1024);
      } finally {
        mayDelete = false;
      }
    },
    RESTIC_TIMEOUT_MS,
  );
});
