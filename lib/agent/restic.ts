// The Backup Agent's driver of the restic CLI (written against restic 0.14): spawns restic, reads its
// output line by line and decides success from what restic printed, not from the exit code alone.
// Runs on the protected server: Node built-ins only, nothing from lib/server/.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import { getSystemErrorMap } from "node:util";

/** Where a repository is and how to open it. Secrets reach restic through its environment, never argv (visible in `ps`). */
export type ResticRepository = {
  /** e.g. "rest:http://user:token@portal:8000/vault/item/", or a local directory. */
  repository: string;
  passwordFile: string;
  cacheDir?: string;
  /** Extra environment for restic (e.g. RESTIC_CACERT); inherited RESTIC_* variables are dropped. */
  env?: Record<string, string>;
  /** Reading another server's repository: restic takes no lock (it may not write one there). */
  readOnly?: boolean;
};

export type ResticErrorKind =
  | "WrongPassword"
  | "RepositoryNotFound"
  | "AlreadyInitialized"
  | "SourceNotFound"
  | "DiskFull"
  | "Locked"
  | "AccessDenied"
  | "Unreachable"
  | "Aborted"
  | "Unknown";

export class ResticError extends Error {
  readonly kind: ResticErrorKind;
  /** null when restic didn't start or was killed by a signal. */
  readonly exitCode: number | null;
  readonly stderrTail: string;

  constructor(kind: ResticErrorKind, message: string, exitCode: number | null, stderrTail: string) {
    super(message);
    this.name = "ResticError";
    this.kind = kind;
    this.exitCode = exitCode;
    this.stderrTail = stderrTail;
  }
}

// restic 0.14 exits 1 for every fatal error (the specific exit codes came in 0.17), so the kind comes
// from its message. First match wins: "unable to open config file" also prefixes network failures.
const FAILURE_PATTERNS: ReadonlyArray<readonly [ResticErrorKind, RegExp]> = [
  ["WrongPassword", /wrong password or no key found/],
  ["Locked", /repository is already locked/],
  // 507 is what a REST server answers when its disk is full.
  ["DiskFull", /no space left on device|unexpected HTTP response \(507\)/],
  ["AlreadyInitialized", /config file already exists/],
  ["AccessDenied", /unexpected HTTP response \(40[13]\)/],
  [
    "Unreachable",
    /dial tcp|connection refused|no such host|i\/o timeout|network is unreachable|connection reset by peer|Client\.Timeout exceeded|TLS handshake timeout|unexpected HTTP response \(5\d\d\)/,
  ],
  ["RepositoryNotFound", /unable to open config file: .*(no such file or directory|does not exist)/],
  ["SourceNotFound", /all target directories\/files do not exist/],
];

const STDERR_TAIL_LINES = 40;
// restic removes its lock when interrupted; past this it is killed and leaves a stale lock for `unlock`.
const SIGINT_GRACE_MS = 5_000;
const PROGRESS_MIN_INTERVAL_MS = 1_000;

type RunOptions = {
  signal?: AbortSignal;
  /** When given, stdout lines go here and are not kept. */
  onStdoutLine?: (line: string) => void;
  /** Sees every stderr line; returns true when it has dealt with the line, which then stays out of the tail. */
  onStderrLine?: (line: string) => boolean;
};

type RunResult = {
  command: string;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  aborted: boolean;
  stdout: string;
  stderrTail: string;
};

function resticEnvironment(repo: ResticRepository): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  // An inherited RESTIC_PASSWORD would win over the password file, RESTIC_PASSWORD_COMMAND would conflict with it.
  for (const name of Object.keys(environment)) if (name.startsWith("RESTIC_")) delete environment[name];
  Object.assign(environment, repo.env, { RESTIC_REPOSITORY: repo.repository, RESTIC_PASSWORD_FILE: repo.passwordFile });
  if (repo.cacheDir) environment.RESTIC_CACHE_DIR = repo.cacheDir;
  return environment;
}

function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line.replace(/\r$/, ""));
  });
  stream.on("end", () => {
    if (pending) onLine(pending);
  });
}

// restic clears the terminal line ("\x1b[2K") before some messages even when stderr isn't a terminal.
const stripAnsi = (line: string) => line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

function runRestic(
  repo: ResticRepository,
  args: string[],
  { signal, onStdoutLine, onStderrLine }: RunOptions = {},
): Promise<RunResult> {
  const command = args[0];
  if (signal?.aborted)
    return Promise.reject(new ResticError("Aborted", `restic ${command} was aborted before it started`, null, ""));
  return new Promise((resolve, reject) => {
    const child = spawn("restic", args, { env: resticEnvironment(repo), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const tail: string[] = [];
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;

    forEachLine(child.stdout, (line) => {
      if (onStdoutLine) onStdoutLine(line);
      else stdout += `${line}\n`;
    });
    forEachLine(child.stderr, (raw) => {
      const line = stripAnsi(raw);
      if (onStderrLine?.(line) || !line.trim()) return;
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    });

    const abort = () => {
      aborted = true;
      child.kill("SIGINT");
      killTimer = setTimeout(() => child.kill("SIGKILL"), SIGINT_GRACE_MS);
    };
    signal?.addEventListener("abort", abort, { once: true });
    const finish = () => {
      signal?.removeEventListener("abort", abort);
      clearTimeout(killTimer);
    };
    child.on("error", (error) => {
      finish();
      reject(new ResticError("Unknown", `cannot run restic ${command}: ${error.message}`, null, ""));
    });
    // "close", unlike "exit", comes after both pipes have ended, so every line has been seen.
    child.on("close", (exitCode, exitSignal) => {
      finish();
      resolve({ command, exitCode, exitSignal, aborted, stdout, stderrTail: tail.join("\n") });
    });
  });
}

const outcomeOf = (run: RunResult) =>
  run.exitCode === null ? `killed by ${run.exitSignal}` : `exit code ${run.exitCode}`;

function failureOf(run: RunResult): ResticError {
  if (run.aborted)
    return new ResticError(
      "Aborted",
      `restic ${run.command} was aborted (${outcomeOf(run)})`,
      run.exitCode,
      run.stderrTail,
    );
  const lines = run.stderrTail.split("\n");
  for (const [kind, pattern] of FAILURE_PATTERNS) {
    const line = lines.find((candidate) => pattern.test(candidate));
    if (line)
      return new ResticError(
        kind,
        `restic ${run.command} failed (${outcomeOf(run)}): ${line}`,
        run.exitCode,
        run.stderrTail,
      );
  }
  const reason = lines.find((line) => line.startsWith("Fatal: ")) ?? lines.at(-1) ?? "";
  return new ResticError(
    "Unknown",
    `restic ${run.command} failed (${outcomeOf(run)}): ${reason}`,
    run.exitCode,
    run.stderrTail,
  );
}

/** restic's output wasn't what it promised: a failure even if it exited 0. */
function unexpectedOutput(run: RunResult, what: string): ResticError {
  return new ResticError(
    "Unknown",
    `restic ${run.command} ended (${outcomeOf(run)}) but ${what}`,
    run.exitCode,
    run.stderrTail,
  );
}

type JsonObject = Record<string, unknown>;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseJsonObject(line: string): JsonObject | null {
  if (!line.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(line);
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

function numberField(message: JsonObject, name: string): number {
  const value = message[name];
  return typeof value === "number" ? value : 0;
}

function stringsField(message: JsonObject, name: string): string[] {
  const value = message[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function assertValidTags(tags: string[]): void {
  // restic splits a --tag value on commas.
  const invalid = tags.find((tag) => !tag || tag.includes(","));
  if (invalid !== undefined) throw new Error(`invalid restic tag '${invalid}': tags are non-empty and have no comma`);
}

/** A literal path as a restic pattern: restic matches patterns with Go's filepath.Match, where backslash escapes. */
const escapePattern = (literal: string) => literal.replace(/[\\*?[\]]/g, "\\$&");

function fileTypePattern(fileType: string): string {
  const extension = fileType.replace(/^\*?\./, "");
  if (!extension || extension.includes("/"))
    throw new Error(`invalid file type to exclude '${fileType}': expected an extension such as ".tmp"`);
  return `*.${escapePattern(extension)}`;
}

/** Creates the repository; returns the id restic gave it. */
export async function init(repo: ResticRepository): Promise<{ repositoryId: string }> {
  // restic 0.14's init has no JSON output.
  const run = await runRestic(repo, ["init"]);
  if (run.exitCode !== 0) throw failureOf(run);
  const created = /created restic repository ([0-9a-f]+) at/.exec(run.stdout);
  if (!created) throw unexpectedOutput(run, "did not say it created the repository");
  return { repositoryId: created[1] };
}

export type BackupExcludes = {
  /** Folders excluded with everything in them. */
  folders: string[];
  /** Extensions excluded in every folder, ignoring case as Windows does: ".tmp", "*.iso" or "iso". */
  fileTypes: string[];
};

export type BackupProgress = {
  /** 0 to 1. */
  percentDone: number;
  totalFiles: number;
  filesDone: number;
  totalBytes: number;
  bytesDone: number;
  currentFiles: string[];
  /** Items restic couldn't read so far. */
  errorCount: number;
  /** Since backup() was called; restic's own count starts only once the repository is open. */
  secondsElapsed: number;
};

export type BackupSummary = {
  filesNew: number;
  filesChanged: number;
  filesUnmodified: number;
  dirsNew: number;
  dirsChanged: number;
  dirsUnmodified: number;
  /** Bytes added to the repository, data and metadata, before compression. */
  dataAdded: number;
  totalFilesProcessed: number;
  totalBytesProcessed: number;
  durationSeconds: number;
};

/** Something left out of the snapshot: a source path that doesn't exist or an item that couldn't be read. */
export type BackupWarning = { item: string; message: string };

export type BackupOptions = {
  /** Folders or files to back up; made absolute. */
  paths: string[];
  excludes?: BackupExcludes;
  tags?: string[];
  /** The snapshot's host name; the machine's by default. */
  host?: string;
  limitUploadKiBps?: number;
  /**
   * Called with the latest status no more often than every second and at least every 2 s while restic runs,
   * then with restic's last status if it wasn't reported yet.
   */
  onProgress?: (progress: BackupProgress) => void;
  /** Interrupts restic (SIGINT, then SIGKILL after 5 s); the backup then fails with kind "Aborted". */
  signal?: AbortSignal;
};

export type BackupResult = {
  /** As restic 0.14 reports it: the snapshot id's first 8 hex digits, which restic accepts wherever it takes an id. */
  snapshotId: string;
  summary: BackupSummary;
  /** What the snapshot lacks: items restic couldn't read (it then exits 3 but saves the snapshot) and missing source paths. */
  warnings: BackupWarning[];
};

const NO_PROGRESS: Omit<BackupProgress, "secondsElapsed"> = {
  percentDone: 0,
  totalFiles: 0,
  filesDone: 0,
  totalBytes: 0,
  bytesDone: 0,
  currentFiles: [],
  errorCount: 0,
};

function progressOf(status: JsonObject): Omit<BackupProgress, "secondsElapsed"> {
  return {
    percentDone: numberField(status, "percent_done"),
    totalFiles: numberField(status, "total_files"),
    filesDone: numberField(status, "files_done"),
    totalBytes: numberField(status, "total_bytes"),
    bytesDone: numberField(status, "bytes_done"),
    currentFiles: stringsField(status, "current_files"),
    errorCount: numberField(status, "error_count"),
  };
}

function summaryOf(summary: JsonObject): BackupSummary {
  return {
    filesNew: numberField(summary, "files_new"),
    filesChanged: numberField(summary, "files_changed"),
    filesUnmodified: numberField(summary, "files_unmodified"),
    dirsNew: numberField(summary, "dirs_new"),
    dirsChanged: numberField(summary, "dirs_changed"),
    dirsUnmodified: numberField(summary, "dirs_unmodified"),
    dataAdded: numberField(summary, "data_added"),
    totalFilesProcessed: numberField(summary, "total_files_processed"),
    totalBytesProcessed: numberField(summary, "total_bytes_processed"),
    durationSeconds: numberField(summary, "total_duration"),
  };
}

/** The text of a backup "error" message's error. */
function describeItemError(error: unknown): string {
  if (isJsonObject(error)) {
    // Newer restic sends {message}; 0.14 marshals Go's error value as is, {Op, Path, Err: errno} for the usual *os.PathError.
    if (typeof error.message === "string") return error.message;
    if (typeof error.Op === "string" && typeof error.Path === "string" && typeof error.Err === "number") {
      const description = getSystemErrorMap().get(-error.Err)?.[1] ?? `errno ${error.Err}`;
      return `${error.Op} ${error.Path}: ${description}`;
    }
  }
  // Other Go errors marshal to {}.
  return "could not be read";
}

export async function backup(repo: ResticRepository, options: BackupOptions): Promise<BackupResult> {
  const {
    paths,
    excludes = { folders: [], fileTypes: [] },
    tags = [],
    host,
    limitUploadKiBps,
    onProgress,
    signal,
  } = options;
  if (paths.length === 0) throw new Error("backup needs at least one path");
  assertValidTags(tags);
  if (limitUploadKiBps !== undefined && !(Number.isInteger(limitUploadKiBps) && limitUploadKiBps > 0)) {
    throw new Error(`invalid upload limit ${limitUploadKiBps}: expected a positive number of KiB/s`);
  }
  const args = [
    "backup",
    "--json",
    ...tags.flatMap((tag) => ["--tag", tag]),
    ...(host ? ["--host", host] : []),
    ...(limitUploadKiBps ? ["--limit-upload", String(limitUploadKiBps)] : []),
    // A pattern starting with "/" is matched against the whole absolute path, so folders are made absolute;
    // one without "/" matches a name at any depth. Both go as flags: an --exclude-file would have its lines
    // trimmed and its $VARIABLES expanded, which would change some folder names.
    ...excludes.folders.flatMap((folder) => ["--exclude", escapePattern(path.resolve(folder))]),
    ...excludes.fileTypes.flatMap((fileType) => ["--iexclude", fileTypePattern(fileType)]),
    "--",
    ...paths.map((source) => path.resolve(source)),
  ];

  const startedAt = Date.now();
  let latest = NO_PROGRESS;
  let latestReported = false;
  let lastReportedAt = 0;
  const reportProgress = () => {
    lastReportedAt = Date.now();
    latestReported = true;
    onProgress?.({ ...latest, secondsElapsed: Math.floor((lastReportedAt - startedAt) / 1000) });
  };
  const reportProgressThrottled = () => {
    if (Date.now() - lastReportedAt >= PROGRESS_MIN_INTERVAL_MS) reportProgress();
  };
  // Also reports while restic prints nothing (opening the repository, loading its index) so a watcher sees the agent alive.
  const heartbeat = onProgress ? setInterval(reportProgressThrottled, PROGRESS_MIN_INTERVAL_MS) : undefined;

  let summary = null as JsonObject | null;
  const warnings = new Map<string, string>();
  try {
    const run = await runRestic(repo, args, {
      signal,
      onStdoutLine: (line) => {
        const message = parseJsonObject(line);
        if (message?.message_type === "status") {
          latest = progressOf(message);
          latestReported = false;
          reportProgressThrottled();
        } else if (message?.message_type === "summary") summary = message;
      },
      onStderrLine: (line) => {
        const message = parseJsonObject(line);
        if (message?.message_type === "error") {
          const item = typeof message.item === "string" ? message.item : "";
          // The scanner and then the archiver may both report an item; the archiver's error is the one that made the snapshot incomplete.
          if (message.during === "archival" || !warnings.has(item))
            warnings.set(item, describeItemError(message.error));
          return true;
        }
        // A source path that's missing while others exist: restic says so, skips it and exits 0.
        // Kept in the tail too: when every path is missing, it names them.
        const missing = /^(.+) does not exist, skipping$/.exec(line);
        if (missing) warnings.set(missing[1], "does not exist");
        return false;
      },
    });
    // 3: some source data could not be read, but the snapshot was saved.
    if (run.exitCode !== 0 && run.exitCode !== 3) throw failureOf(run);
    if (!summary) throw unexpectedOutput(run, "printed no summary");
    const snapshotId = summary.snapshot_id;
    if (typeof snapshotId !== "string" || !/^[0-9a-f]{8,64}$/.test(snapshotId))
      throw unexpectedOutput(run, "its summary names no snapshot");
    // restic's last word, even within a second of the previous report: a short backup may have had no other.
    if (!latestReported) reportProgress();
    return {
      snapshotId,
      summary: summaryOf(summary),
      warnings: [...warnings].map(([item, message]) => ({ item, message })),
    };
  } finally {
    clearInterval(heartbeat);
  }
}

export type ResticSnapshot = {
  /** The full 64-hex-digit id. */
  id: string;
  /** ISO 8601, UTC. */
  time: string;
  paths: string[];
  tags: string[];
  hostname: string;
};

/** The repository's snapshots, oldest first; with `tags`, only those carrying all of them. */
export async function snapshots(
  repo: ResticRepository,
  { tags = [] }: { tags?: string[] } = {},
): Promise<ResticSnapshot[]> {
  assertValidTags(tags);
  // One --tag with a comma-separated list means "all of these"; several --tag flags would mean "any".
  const run = await runRestic(repo, ["snapshots", "--json", ...(tags.length ? ["--tag", tags.join(",")] : [])]);
  if (run.exitCode !== 0) throw failureOf(run);
  let listed: unknown;
  try {
    listed = JSON.parse(run.stdout);
  } catch {
    throw unexpectedOutput(run, "printed no JSON");
  }
  if (!Array.isArray(listed)) throw unexpectedOutput(run, "printed no list of snapshots");
  return listed.filter(isJsonObject).map((snapshot) => {
    if (typeof snapshot.id !== "string" || typeof snapshot.time !== "string")
      throw unexpectedOutput(run, "listed a snapshot without id or time");
    return {
      id: snapshot.id,
      time: new Date(snapshot.time).toISOString(),
      paths: stringsField(snapshot, "paths"),
      tags: stringsField(snapshot, "tags"),
      hostname: typeof snapshot.hostname === "string" ? snapshot.hostname : "",
    };
  });
}

/**
 * Verifies the repository's structure and, with `readDataSubset` ("5%", "1/10", "500M"), reads that part of its data.
 * Errors found in the repository give `ok: false` with restic's report; being unable to check at all throws.
 */
export async function check(
  repo: ResticRepository,
  { readDataSubset, signal }: { readDataSubset?: string; signal?: AbortSignal } = {},
): Promise<{ ok: boolean; output: string }> {
  const stderr: string[] = [];
  const run = await runRestic(repo, ["check", ...(readDataSubset ? [`--read-data-subset=${readDataSubset}`] : [])], {
    signal,
    onStderrLine: (line) => {
      stderr.push(line);
      return false;
    },
  });
  const output = `${run.stdout}${stderr.join("\n")}`.trim();
  if (run.exitCode === 0) return { ok: true, output };
  // restic 0.14 exits 1 both when the repository has errors and when it can't be opened or locked.
  const failure = failureOf(run);
  if (failure.kind !== "Unknown") throw failure;
  return { ok: false, output };
}

/** Removes data no snapshot refers to any more (after the portal removed snapshots). */
export async function prune(repo: ResticRepository, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
  const run = await runRestic(repo, ["prune"], { signal });
  if (run.exitCode !== 0) throw failureOf(run);
}

/** Removes stale locks: those of restic processes that died on this host, or older than 30 minutes. */
export async function unlock(repo: ResticRepository): Promise<void> {
  const run = await runRestic(repo, ["unlock"]);
  if (run.exitCode !== 0) throw failureOf(run);
}

/**
 * Size in bytes: "raw-data" is what the repository stores (deduplicated, before compression),
 * "restore-size" what restoring every snapshot would write.
 */
export async function stats(
  repo: ResticRepository,
  mode: "raw-data" | "restore-size",
  { signal }: { signal?: AbortSignal } = {},
): Promise<number> {
  const run = await runRestic(repo, ["stats", "--json", "--mode", mode], { signal });
  if (run.exitCode !== 0) throw failureOf(run);
  const totals = parseJsonObject(run.stdout.trim());
  if (typeof totals?.total_size !== "number") throw unexpectedOutput(run, "printed no total_size");
  return totals.total_size;
}

const lockOption = (repo: ResticRepository) => (repo.readOnly ? ["--no-lock"] : []);

/** A file, folder or link in a snapshot. */
export type ResticNode = { path: string; type: string; size: number; mtime: string | null };

function nodeOf(message: JsonObject): ResticNode | null {
  if (typeof message.path !== "string") return null;
  return {
    path: message.path,
    type: String(message.type),
    size: numberField(message, "size"),
    mtime: typeof message.mtime === "string" ? message.mtime : null,
  };
}

/**
 * What a snapshot holds at `paths` (absolute paths as backed up): each path and what is directly
 * in it, or everything below it with `recursive`.
 */
export async function listNodes(
  repo: ResticRepository,
  snapshotId: string,
  paths: string[],
  { recursive = true, signal }: { recursive?: boolean; signal?: AbortSignal } = {},
): Promise<ResticNode[]> {
  const nodes: ResticNode[] = [];
  const args = ["ls", ...lockOption(repo), "--json", ...(recursive ? ["--recursive"] : []), snapshotId, ...paths];
  const run = await runRestic(repo, args, {
    signal,
    onStdoutLine: (line) => {
      const message = parseJsonObject(line);
      const node = message?.struct_type === "node" ? nodeOf(message) : null;
      if (node) nodes.push(node);
    },
  });
  if (run.exitCode !== 0) throw failureOf(run);
  return nodes;
}

/** The snapshot's files and folders whose name matches `pattern` (a restic/glob pattern), whatever the case. */
export async function findNodes(
  repo: ResticRepository,
  snapshotId: string,
  pattern: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ResticNode[]> {
  const run = await runRestic(repo, ["find", ...lockOption(repo), "--json", "-i", "--snapshot", snapshotId, pattern], {
    signal,
  });
  if (run.exitCode !== 0) throw failureOf(run);
  let found: unknown;
  try {
    found = JSON.parse(run.stdout || "[]");
  } catch {
    throw unexpectedOutput(run, "printed no JSON");
  }
  if (!Array.isArray(found)) throw unexpectedOutput(run, "printed no list of matches");
  return found
    .filter(isJsonObject)
    .flatMap((snapshot) => (Array.isArray(snapshot.matches) ? snapshot.matches.filter(isJsonObject) : []))
    .flatMap((match) => nodeOf(match) ?? []);
}

/** A literal text as part of a restic pattern. */
export const literalPattern = (text: string) => escapePattern(text);

export type RestoreFailure = { item: string; message: string };

/**
 * Restores `includes` (absolute paths as backed up, with what is below them) of a snapshot below
 * `target`, where each keeps its full path, and verifies what it wrote. restic 0.14 overwrites what
 * is there and reports no progress; the files it couldn't write come back as failures.
 */
export async function restore(
  repo: ResticRepository,
  {
    snapshotId,
    target,
    includes,
    signal,
  }: { snapshotId: string; target: string; includes: string[]; signal?: AbortSignal },
): Promise<{ failures: RestoreFailure[] }> {
  const failures: RestoreFailure[] = [];
  const includeArgs = includes.flatMap((include) => ["--include", escapePattern(include)]);
  const run = await runRestic(
    repo,
    ["restore", ...lockOption(repo), snapshotId, "--target", target, "--verify", ...includeArgs],
    {
      signal,
      onStderrLine: (line) => {
        const failure = /^ignoring error for (.+?): (.+)$/.exec(line);
        if (failure) failures.push({ item: failure[1], message: failure[2] });
        return failure !== null;
      },
    },
  );
  // restic exits 1 when it ignored errors for some files: those are the failures, not the restore's.
  if (run.exitCode !== 0 && (run.aborted || failures.length === 0)) throw failureOf(run);
  return { failures };
}

/**
 * Streams a file of a snapshot, or a folder as a zip archive (`restic dump`). `finished` settles
 * when restic ends: it rejects when restic failed, whatever it wrote before.
 */
export function dump(
  repo: ResticRepository,
  snapshotId: string,
  target: string,
  { archive, signal }: { archive?: "zip"; signal?: AbortSignal } = {},
): { output: Readable; finished: Promise<void> } {
  const args = ["dump", ...lockOption(repo), ...(archive ? ["--archive", archive] : []), snapshotId, target];
  const child = spawn("restic", args, { env: resticEnvironment(repo), stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  forEachLine(child.stderr, (line) => {
    tail.push(stripAnsi(line));
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
  });
  const abort = () => child.kill("SIGINT");
  signal?.addEventListener("abort", abort, { once: true });
  const finished = new Promise<void>((resolve, reject) => {
    child.on("error", (error) =>
      reject(new ResticError("Unknown", `cannot run restic dump: ${error.message}`, null, "")),
    );
    child.on("close", (exitCode, exitSignal) => {
      signal?.removeEventListener("abort", abort);
      if (exitCode === 0) resolve();
      else
        reject(
          failureOf({
            command: "dump",
            exitCode,
            exitSignal,
            aborted: signal?.aborted ?? false,
            stdout: "",
            stderrTail: tail.join("\n"),
          }),
        );
    });
  });
  return { output: child.stdout, finished };
}
