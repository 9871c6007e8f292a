// Where the restic repositories of the protected servers live: one repository per server. The REST
// backend (rest-backend.ts) speaks restic's protocol on top of a RepositoryStore, so that another
// store (S3) can replace the local directory without touching the protocol.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { link, mkdir, open, readdir, rename, rm, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";

export const OBJECT_TYPES = ["data", "keys", "locks", "snapshots", "index"] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** The repository's config, or an object named by the SHA-256 of its content. */
export type ObjectRef = { type: "config" } | { type: ObjectType; name: string };
export type ObjectInfo = { name: string; size: number };
export type ByteRange = { offset: number; length: number };
export type SnapshotIds = { visible: string[]; hidden: string[] };

/** A server id, object type or object name that isn't one: the client's fault (400). */
export class InvalidNameError extends Error {}
/** The object is already stored: objects are written once (403). */
export class ObjectExistsError extends Error {}

const SERVER_ID = /^[a-z0-9]{8,40}$/;
const OBJECT_NAME = /^[0-9a-f]{64}$/;

export function isObjectType(value: string): value is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(value);
}

export function isObjectName(value: string): boolean {
  return OBJECT_NAME.test(value);
}

export interface RepositoryStore {
  /** Prepares an empty repository; nothing happens when it exists. */
  createRepository(serverId: string): Promise<void>;
  /** The object's size, or null when it isn't stored. */
  stat(serverId: string, object: ObjectRef): Promise<ObjectInfo | null>;
  /** The object's bytes (those of `range` only, when given), or null when it isn't stored. */
  read(serverId: string, object: ObjectRef, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null>;
  /**
   * Stores `body` as the object once it has ended, streaming it (never held whole); when the body
   * throws, the error is rethrown and nothing is left behind. ObjectExistsError when the object is
   * already stored.
   */
  write(serverId: string, object: ObjectRef, body: AsyncIterable<Uint8Array>): Promise<void>;
  /** The objects of a type, or null when the repository doesn't exist. */
  list(serverId: string, type: ObjectType): Promise<ObjectInfo[] | null>;
  /** Removes the object; nothing happens when it isn't stored. */
  remove(serverId: string, object: ObjectRef): Promise<void>;
  /** Bytes the repository takes: its storage used. */
  repositorySize(serverId: string): Promise<number>;
  /** Removes the repository with everything in it (hidden snapshots too); nothing happens when it doesn't exist. */
  removeRepository(serverId: string): Promise<void>;
  /** Puts a snapshot where restic doesn't look; false when the repository has no such snapshot. */
  hideSnapshot(serverId: string, snapshotId: string): Promise<boolean>;
  /** Shows a hidden snapshot to restic again; false when the repository has no such snapshot. */
  unhideSnapshot(serverId: string, snapshotId: string): Promise<boolean>;
  /** Removes a snapshot for good, hidden or not. */
  removeSnapshot(serverId: string, snapshotId: string): Promise<void>;
  listSnapshotIds(serverId: string): Promise<SnapshotIds>;
}

// restic reads only config and the object types' folders: hidden snapshots and uploads in progress
// live beside them.
const HIDDEN_SNAPSHOTS = "deleted-snapshots";
const UPLOADS = "tmp";
const READ_CHUNK_BYTES = 256 * 1024;
// The chunks of an upload that arrive while a write is under way are held, up to about this much,
// and go down together in one writev: fewer, larger writes than one per chunk received.
const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * Repositories as folders of `root`, laid out like restic's local backend (data in `data/xx/`
 * folders named by the first two hex digits). Objects are written to `tmp/` first and hard-linked
 * into place, which fails when the object exists: an object is never replaced, even by two
 * concurrent uploads.
 */
export class LocalDirectoryStore implements RepositoryStore {
  constructor(private readonly root: string) {}

  async createRepository(serverId: string): Promise<void> {
    const repository = this.repositoryPath(serverId);
    for (const folder of [...OBJECT_TYPES, HIDDEN_SNAPSHOTS, UPLOADS])
      await mkdir(path.join(repository, folder), { recursive: true });
  }

  async stat(serverId: string, object: ObjectRef): Promise<ObjectInfo | null> {
    const found = await statOrNull(this.objectPath(serverId, object));
    return found?.isFile() ? { name: object.type === "config" ? "config" : object.name, size: found.size } : null;
  }

  async read(serverId: string, object: ObjectRef, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null> {
    let file: FileHandle;
    try {
      file = await open(this.objectPath(serverId, object), "r");
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const start = range?.offset ?? 0;
    const end = range ? start + range.length : (await file.stat()).size;
    return fileStream(file, start, end);
  }

  async write(serverId: string, object: ObjectRef, body: AsyncIterable<Uint8Array>): Promise<void> {
    const repository = this.repositoryPath(serverId);
    const target = this.objectPath(serverId, object);
    const upload = path.join(repository, UPLOADS, `${path.basename(target)}.${randomUUID()}`);
    await mkdir(path.dirname(upload), { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await pipeline(body, createWriteStream(upload, { flags: "wx", mode: 0o600, highWaterMark: WRITE_BUFFER_BYTES }));
      await syncPath(upload);
      try {
        await link(upload, target);
      } catch (error) {
        if (errorCode(error) === "EEXIST") throw new ObjectExistsError(`${describe(object)} already exists`);
        throw error;
      }
      await syncPath(path.dirname(target));
    } finally {
      await rm(upload, { force: true });
    }
  }

  async list(serverId: string, type: ObjectType): Promise<ObjectInfo[] | null> {
    const repository = this.repositoryPath(serverId);
    if (!(await statOrNull(repository))?.isDirectory()) return null;
    const typeFolder = path.join(repository, type);
    const folders =
      type === "data"
        ? (await entriesOf(typeFolder))
            .filter((entry) => entry.isDirectory())
            .map((entry) => path.join(typeFolder, entry.name))
        : [typeFolder];
    const objects: ObjectInfo[] = [];
    for (const folder of folders) {
      for (const entry of await entriesOf(folder)) {
        if (!entry.isFile() || !isObjectName(entry.name)) continue;
        const found = await statOrNull(path.join(folder, entry.name));
        if (found) objects.push({ name: entry.name, size: found.size });
      }
    }
    return objects;
  }

  async remove(serverId: string, object: ObjectRef): Promise<void> {
    await rm(this.objectPath(serverId, object), { force: true });
  }

  async repositorySize(serverId: string): Promise<number> {
    return folderSize(this.repositoryPath(serverId));
  }

  async removeRepository(serverId: string): Promise<void> {
    await rm(this.repositoryPath(serverId), { recursive: true, force: true });
  }

  async hideSnapshot(serverId: string, snapshotId: string): Promise<boolean> {
    const { visible, hidden } = this.snapshotPaths(serverId, snapshotId);
    return moveIdempotently(visible, hidden);
  }

  async unhideSnapshot(serverId: string, snapshotId: string): Promise<boolean> {
    const { visible, hidden } = this.snapshotPaths(serverId, snapshotId);
    return moveIdempotently(hidden, visible);
  }

  async removeSnapshot(serverId: string, snapshotId: string): Promise<void> {
    const { visible, hidden } = this.snapshotPaths(serverId, snapshotId);
    await rm(visible, { force: true });
    await rm(hidden, { force: true });
  }

  async listSnapshotIds(serverId: string): Promise<SnapshotIds> {
    const repository = this.repositoryPath(serverId);
    const idsIn = async (folder: string) =>
      (await entriesOf(path.join(repository, folder)))
        .filter((entry) => entry.isFile() && isObjectName(entry.name))
        .map((entry) => entry.name);
    return { visible: await idsIn("snapshots"), hidden: await idsIn(HIDDEN_SNAPSHOTS) };
  }

  private repositoryPath(serverId: string): string {
    if (!SERVER_ID.test(serverId)) throw new InvalidNameError("Invalid server id");
    return path.join(this.root, serverId);
  }

  private objectPath(serverId: string, object: ObjectRef): string {
    const repository = this.repositoryPath(serverId);
    if (object.type === "config") return path.join(repository, "config");
    if (!isObjectType(object.type)) throw new InvalidNameError("Invalid object type");
    if (!isObjectName(object.name)) throw new InvalidNameError("Invalid object name");
    return object.type === "data"
      ? path.join(repository, "data", object.name.slice(0, 2), object.name)
      : path.join(repository, object.type, object.name);
  }

  private snapshotPaths(serverId: string, snapshotId: string): { visible: string; hidden: string } {
    const visible = this.objectPath(serverId, { type: "snapshots", name: snapshotId });
    return { visible, hidden: path.join(this.repositoryPath(serverId), HIDDEN_SNAPSHOTS, snapshotId) };
  }
}

function describe(object: ObjectRef): string {
  return object.type === "config" ? "config" : `${object.type}/${object.name}`;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isNotFound(error: unknown): boolean {
  return errorCode(error) === "ENOENT";
}

async function statOrNull(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

async function entriesOf(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

async function folderSize(folder: string): Promise<number> {
  let bytes = 0;
  for (const entry of await entriesOf(folder)) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) bytes += await folderSize(entryPath);
    else if (entry.isFile()) bytes += (await statOrNull(entryPath))?.size ?? 0;
  }
  return bytes;
}

/** Moves `from` to `to`; true when the file is at `to` afterwards (already moved counts). */
async function moveIdempotently(from: string, to: string): Promise<boolean> {
  const isAt = async (file: string) => (await statOrNull(file))?.isFile() ?? false;
  // Folders are made only for a file that exists: no repository appears for a wrong server id.
  if (!(await isAt(from))) return isAt(to);
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if (isNotFound(error)) return isAt(to);
    throw error;
  }
  await syncPath(path.dirname(from));
  await syncPath(path.dirname(to));
  return true;
}

/**
 * Flushes a file or a folder to the disk: a new name is durable only once its folder is synced, not
 * just the file. (A write stream's own `flush` option would do for files, but Node 20.9 ignores it.)
 */
async function syncPath(fileOrFolder: string): Promise<void> {
  const handle = await open(fileOrFolder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Bytes [start, end) of an open file, read as the consumer asks; the file is closed at the end. */
function fileStream(file: FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const length = Math.min(READ_CHUNK_BYTES, end - position);
        if (length <= 0) {
          await file.close();
          controller.close();
          return;
        }
        const { buffer, bytesRead } = await file.read(new Uint8Array(length), 0, length, position);
        if (bytesRead === 0) throw new Error("The file ended before the requested range");
        position += bytesRead;
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await file.close().catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      await file.close();
    },
  });
}
