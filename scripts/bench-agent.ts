// npm run bench:agent: a benchmark, not a test. Generates ~1 GB of mixed files (--size-mb, default
// 1024) and backs them up with restic into a local directory repository (the baseline) and through
// the portal as the Backup Agent does it (the production server, a registered agent daemon, Backup
// now, restic's REST backend at /api/vault-storage/), each into an empty repository, --runs times
// each (default 1; alternated, the fastest of each counts). Prints both throughputs, their ratio
// (goal ≥ 0.8) and the server's peak resident memory during the upload (goal < 400 MB); exits 0
// whether the goals are met or not. Needs the production build (npx next build) and restic.
// Everything lives in one temp folder, removed at the end; the server and the agents are stopped
// even on error or Ctrl-C.
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdir, open, readdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs, promisify } from "node:util";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { createVaultCredential } from "@/lib/server/agents/credentials";
import { addServerFolder } from "@/lib/server/agents/folders";
import type { Actor } from "@/lib/server/auth/authorize";
import { createDb, type Db } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";
import { createPolicy } from "@/lib/server/services/policies";
import { itemArmId } from "@/lib/server/arm/resources";
import { configureBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { apiUser } from "@/tests/integration/api-users";
import { freePort, TEST_SERVER_ENV } from "@/tests/integration/portal-server";

const run = promisify(execFile);
const MIB = 1024 * 1024;
const OWNER: Actor = { userId: "bench-owner", email: "bench@vault-portal.local", name: "Bench Owner", isOwner: true };
const PASSPHRASE = "bench passphrase, not a secret";
const AGENT = path.resolve("bin/vault-portal-agent.mjs");
const RATIO_GOAL = 0.8;
const RSS_GOAL_MB = 400;
const SAMPLE_INTERVAL_MS = 100;
/** Linux's USER_HZ: /proc's CPU times are in these ticks on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
const SERVER_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

const { values: options } = parseArgs({
  options: { "size-mb": { type: "string", default: "1024" }, runs: { type: "string", default: "1" } },
});
const sizeMb = Number(options["size-mb"]);
const runs = Number(options.runs);
if (!Number.isFinite(sizeMb) || sizeMb < 8 || !Number.isInteger(runs) || runs < 1) {
  console.error(
    "Usage: npm run bench:agent [-- --size-mb <megabytes, at least 8; 1024>] [--runs <backups of each kind, alternated; 1>]",
  );
  process.exit(2);
}
if (!existsSync(path.join(".next", "BUILD_ID"))) {
  console.error(
    "There is no production build (.next/BUILD_ID): build it first with `npx next build` (or `npm run build`), then run npm run bench:agent again.",
  );
  process.exit(1);
}
let resticVersion: string;
try {
  resticVersion = execFileSync("restic", ["version"], { encoding: "utf8" }).trim();
} catch {
  console.error("restic isn't installed: apt-get install -y restic (0.14 on Debian 12).");
  process.exit(1);
}

// ---- clean-up: whatever happens, nothing is left running or on disk ----------------------------------

const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-agent-"));
/** Processes started here and still running. */
const started = new Set<ChildProcess>();
/** Those that lead their own process group, killed with it: the agent's restic, anything the server forks. */
const groupLeaders = new WeakSet<ChildProcess>();

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(groupLeaders.has(child) ? -child.pid : child.pid, signal);
  } catch {
    // Gone already.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL after a grace period. */
async function stop(child: ChildProcess) {
  kill(child, "SIGTERM");
  const timer = setTimeout(() => kill(child, "SIGKILL"), STOP_GRACE_MS);
  await exited(child);
  clearTimeout(timer);
  started.delete(child);
}

process.once("exit", () => {
  for (const child of started) kill(child, "SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

function startProcess(
  command: string,
  args: string[],
  settings: { env: NodeJS.ProcessEnv; logFile?: string; detached?: boolean },
): ChildProcess {
  const log = settings.logFile ? openSync(settings.logFile, "a") : "ignore";
  const child = spawn(command, args, {
    env: settings.env,
    stdio: ["ignore", settings.detached ? log : "pipe", log],
    detached: settings.detached ?? false,
  });
  if (typeof log === "number") closeSync(log);
  if (settings.detached) groupLeaders.add(child);
  started.add(child);
  child.once("exit", () => started.delete(child));
  return child;
}

const tail = (file: string, lines = 30) =>
  existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";

// ---- /proc: memory and CPU of processes -------------------------------------------------------------

function procStat(pid: number): { ppid: number; comm: string; cpuSeconds: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
    return {
      ppid: Number(fields[1]),
      comm: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** `root` and its descendants, with their command names. */
function processTree(root: number): Array<{ pid: number; comm: string }> {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = procStat(Number(entry));
    if (!info) continue;
    names.set(Number(entry), info.comm);
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]) ?? []));
  return tree.map((pid) => ({ pid, comm: names.get(pid) ?? "" }));
}

/**
 * Total CPU seconds of the restic processes under `root` (itself included), as last seen: sampled
 * every 100 ms while they run (Node can't wait for a grandchild's usage). The process tree is walked
 * once a second only, to find new ones: a walk reads all of /proc, CPU the backup would otherwise get.
 */
function resticCpu(root: number) {
  const lastSeen = new Map<number, number>();
  let ticks = 0;
  const sample = () => {
    if (ticks++ % 10 === 0)
      for (const node of processTree(root))
        if (node.comm === "restic" && !lastSeen.has(node.pid)) lastSeen.set(node.pid, 0);
    for (const pid of lastSeen.keys()) {
      const cpu = procStat(pid)?.cpuSeconds;
      if (cpu !== undefined) lastSeen.set(pid, cpu);
    }
  };
  return { sample, total: () => [...lastSeen.values()].reduce((sum, cpu) => sum + cpu, 0) };
}

// ---- the data: small, medium and large files, half random and half text -----------------------------

const VOCABULARY = Array.from({ length: 4096 }, () =>
  Buffer.from(
    Array.from({ length: 2 + Math.floor(Math.random() * 10) }, () =>
      String.fromCharCode(97 + Math.floor(Math.random() * 26)),
    ).join(""),
  ),
);

/** Text of random words: restic's zstd compresses it about 2.5:1, as prose or logs, yet it never repeats, so nothing deduplicates. */
function textBytes(size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  // A word takes at least 3 bytes (2 letters and a separator) and one 2-byte pick.
  const picks = randomBytes(Math.ceil((size * 2) / 3) + 2);
  let offset = 0;
  for (let pick = 0, words = 1; offset < size; pick += 2, words++) {
    offset += VOCABULARY[picks.readUInt16LE(pick) & 4095].copy(out, offset);
    if (offset < size) out[offset++] = words % 12 === 0 ? 0x0a : 0x20;
  }
  return out;
}

const contentOf = (size: number, text: boolean) => (text ? textBytes(size) : randomBytes(size));

async function writeLargeFile(file: string, size: number, text: boolean) {
  const handle = await open(file, "w");
  try {
    for (let written = 0; written < size;) {
      const chunk = contentOf(Math.min(8 * MIB, size - written), text);
      await handle.write(chunk);
      written += chunk.byteLength;
    }
  } finally {
    await handle.close();
  }
}

/** Runs `tasks` with at most `limit` at a time. */
async function inParallel(tasks: Array<() => Promise<void>>, limit: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

type DataSet = {
  files: number;
  bytes: number;
  small: number;
  medium: number;
  large: number;
  largeBytes: number;
  textShare: number;
};

/**
 * ~30 % in small files (1–64 KB, log-uniform: most are a few KB, as source trees and documents are;
 * 60 % text), ~35 % in medium files (1–4 MB, half text), ~35 % in two large files (one random, one text).
 */
async function generateData(root: string, totalBytes: number): Promise<DataSet> {
  const set: DataSet = { files: 0, bytes: 0, small: 0, medium: 0, large: 0, largeBytes: 0, textShare: 0 };
  let textBytesWritten = 0;
  const tasks: Array<() => Promise<void>> = [];
  const add = (file: string, size: number, text: boolean, kind: "small" | "medium") => {
    set.files++;
    set[kind]++;
    set.bytes += size;
    if (text) textBytesWritten += size;
    tasks.push(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, contentOf(size, text));
    });
  };
  for (let index = 0, budget = totalBytes * 0.3; budget > 0; index++) {
    const size = Math.round(1024 * 64 ** Math.random());
    const text = Math.random() < 0.6;
    add(
      path.join(
        root,
        "small",
        `dir-${Math.floor(index / 800)}`,
        `sub-${Math.floor(index / 20) % 40}`,
        `file-${index}.${text ? "txt" : "bin"}`,
      ),
      size,
      text,
      "small",
    );
    budget -= size;
  }
  for (let index = 0, budget = totalBytes * 0.35; budget > 0; index++) {
    const size = Math.round(MIB * (1 + 3 * Math.random()));
    const text = index % 2 === 0;
    add(
      path.join(root, "medium", `dir-${index % 8}`, `document-${index}.${text ? "txt" : "bin"}`),
      size,
      text,
      "medium",
    );
    budget -= size;
  }
  await inParallel(tasks, 16);
  const largeSize = Math.round((totalBytes * 0.35) / 2);
  await mkdir(path.join(root, "large"), { recursive: true });
  await writeLargeFile(path.join(root, "large", "disk.img"), largeSize, false);
  await writeLargeFile(path.join(root, "large", "export.log"), largeSize, true);
  set.files += 2;
  set.large = 2;
  set.largeBytes = largeSize;
  set.bytes += 2 * largeSize;
  set.textShare = (textBytesWritten + largeSize) / set.bytes;
  return set;
}

async function folderSize(folder: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = await folderSize(full);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += (await stat(full)).size;
      files++;
    }
  }
  return { bytes, files };
}

// ---- the baseline: restic into a local directory ----------------------------------------------------

type ResticSummary = {
  total_duration: number;
  total_bytes_processed: number;
  total_files_processed: number;
  data_added: number;
};

/** One backup's figures: restic's summary, the repository it left and the CPU restic took. */
type BackupRun = {
  wallSeconds: number;
  resticSeconds: number;
  bytesProcessed: number;
  filesProcessed: number;
  dataAdded: number;
  stored: { bytes: number; files: number };
  packs: number;
  resticCpuSeconds: number;
};
type PortalRun = BackupRun & { pickupSeconds: number; serverCpuSeconds: number; idleRssMb: number; peakRssMb: number };

function resticEnv(repository: string, cacheDir: string, passwordFile: string): NodeJS.ProcessEnv {
  // As the agent does: no inherited RESTIC_PASSWORD or the like wins over the password file.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("RESTIC_")) delete env[name];
  return Object.assign(env, {
    RESTIC_REPOSITORY: repository,
    RESTIC_PASSWORD_FILE: passwordFile,
    RESTIC_CACHE_DIR: cacheDir,
  });
}

/** A fresh repository and a fresh cache each run, as the agent's first backup has. */
async function localBaseline(source: string, passwordFile: string, runNumber: number): Promise<BackupRun> {
  const repository = path.join(scratch, `local-repository-${runNumber}`);
  const logFile = path.join(scratch, `local-restic-${runNumber}.log`);
  const env = resticEnv(repository, path.join(scratch, `local-cache-${runNumber}`), passwordFile);
  await run("restic", ["init"], { env });
  const startedAt = performance.now();
  const restic = startProcess("restic", ["backup", "--json", source], { env, logFile });
  const cpu = resticCpu(restic.pid!);
  const sampler = setInterval(cpu.sample, SAMPLE_INTERVAL_MS);
  const output: { summary: ResticSummary | null } = { summary: null };
  createInterface({ input: restic.stdout! }).on("line", (line) => {
    if (line.includes('"message_type":"summary"')) output.summary = JSON.parse(line) as ResticSummary;
  });
  const code = await new Promise<number | null>((resolve) => restic.once("close", resolve));
  clearInterval(sampler);
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const done = output.summary;
  if (code !== 0 || !done)
    throw new Error(`restic backup into the local directory failed (exit code ${code}):\n${tail(logFile)}`);
  return {
    wallSeconds,
    resticSeconds: done.total_duration,
    bytesProcessed: done.total_bytes_processed,
    filesProcessed: done.total_files_processed,
    dataAdded: done.data_added,
    stored: await folderSize(repository),
    packs: (await folderSize(path.join(repository, "data"))).files,
    resticCpuSeconds: cpu.total(),
  };
}

// ---- through the portal ------------------------------------------------------------------------------

/** The production server as tests/integration/portal-server.ts starts it, with its process id for /proc. */
async function startServer(databaseUrl: string, storageDir: string) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(scratch, "server.log");
  const child = startProcess("bash", ["scripts/serve.sh"], {
    env: {
      ...process.env,
      ...TEST_SERVER_ENV,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      VAULT_STORAGE_DIR: storageDir,
    },
    logFile,
    detached: true,
  });
  for (const deadline = Date.now() + SERVER_READY_TIMEOUT_MS; ;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The portal server exited before it was ready. Its output:\n${tail(logFile)}`);
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    await response?.body?.cancel();
    if (response?.status === 200) break;
    if (Date.now() > deadline)
      throw new Error(
        `The portal server didn't answer GET /api/health within ${SERVER_READY_TIMEOUT_MS / 1000} s. Its output:\n${tail(logFile)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // serve.sh execs node, which names itself next-server; should Next.js serve from a child process, that one is measured.
  const processes = processTree(child.pid!);
  const pid = processes.find((node) => node.comm.startsWith("next-server"))?.pid ?? child.pid!;
  return { baseUrl, child, pid, processes };
}

async function agentCommand(home: string, args: string[]) {
  try {
    return await run(process.execPath, [AGENT, ...args], { env: { ...process.env, AGENT_HOME: home } });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`agent ${args[0]} failed: ${failed.stderr || failed.stdout || failed.message}`);
  }
}

async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what()}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

type Portal = {
  db: Db;
  server: Awaited<ReturnType<typeof startServer>>;
  storageDir: string;
  vault: { id: string; subscriptionId: string; resourceGroup: string; name: string };
  policyId: string;
  /**
   * The bench owner's API token. Backup now goes through the server (its REST API), as a user's
   * does, so that the server wakes the agent's poll at once.
   */
  apiToken: string;
};

/** The server, a vault and a Backup Agent policy; each run then registers a server of its own, whose repository starts empty. */
async function openPortal(db: Db, databaseUrl: string): Promise<Portal> {
  const storageDir = path.join(scratch, "vault-storage");
  const server = await startServer(databaseUrl, storageDir);
  const apiToken = await apiUser(db, OWNER, "bench:agent");
  const vaultName = {
    subscriptionId: "11111111-2222-4333-8444-555555555555",
    resourceGroup: "rg-bench",
    name: "vault-bench-agent",
  };
  const vault = await createVault(db, { ...vaultName, location: "westeurope" }, OWNER);
  if (!vault.ok) throw new Error(vault.message);
  const policy = await createPolicy(
    db,
    { vaultId: vault.data.id, name: "Files-Daily", policy: draftToProperties(newPolicyDraft("MAB")) },
    OWNER,
  );
  if (!policy.ok) throw new Error(policy.message);
  return {
    db,
    server,
    storageDir,
    vault: { ...vaultName, id: vault.data.id },
    policyId: policy.data.id,
    apiToken,
  };
}

type JobFigures = {
  totalBytesProcessed: number;
  totalFilesProcessed: number;
  durationSeconds: number;
  dataAdded: number;
};
const TRANSFER_TASK = "Transfer data to vault";

/** Registers an agent, protects the folder and runs Backup now, sampling the server meanwhile. */
async function portalBackup(
  portal: Portal,
  source: string,
  passwordFile: string,
  runNumber: number,
  timeoutMs: number,
): Promise<PortalRun> {
  const { db, server } = portal;
  const vaultId = portal.vault.id;
  const home = path.join(scratch, `agent-home-${runNumber}`);
  const credential = await createVaultCredential(db, { vaultId }, OWNER, server.baseUrl);
  if (!credential.ok) throw new Error(credential.message);
  const credentialsFile = path.join(scratch, `${runNumber}-${credential.data.fileName}`);
  await writeFile(credentialsFile, JSON.stringify(credential.data.file));
  const name = `bench-${runNumber}.contoso.com`;
  await agentCommand(home, [
    "register",
    "--vault-credentials",
    credentialsFile,
    "--passphrase-file",
    passwordFile,
    "--name",
    name,
  ]);
  const { id: serverId } = await db.backupAgentServer.findFirstOrThrow({ where: { vaultId, name } });

  const agentLog = path.join(scratch, `agent-${runNumber}.log`);
  const daemon = startProcess(process.execPath, [AGENT, "run"], {
    env: { ...process.env, AGENT_HOME: home, AGENT_POLL_SECONDS: "1" },
    logFile: agentLog,
    detached: true,
  });
  try {
    // The first poll reports the server's folders: the agent is up and its repository open.
    await until(
      () => db.fileFolderSource.count({ where: { serverId } }),
      60_000,
      () => `the agent's first contact; its log:\n${tail(agentLog)}`,
    );
    const folder = await addServerFolder(db, { vaultId, serverId, path: source }, OWNER);
    if (!folder.ok) throw new Error(folder.message);
    const configured = await configureBackup(
      db,
      { vaultId, backupManagementType: "MAB", sourceIds: [folder.data.id], policyId: portal.policyId },
      OWNER,
    );
    if (!configured.ok) throw new Error(configured.message);

    const idleRssMb = rssMb(server.pid);
    const serverCpuBefore = procStat(server.pid)?.cpuSeconds ?? 0;
    let peakRssMb = idleRssMb;
    const cpu = resticCpu(daemon.pid!);
    const sampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, rssMb(server.pid));
      cpu.sample();
    }, SAMPLE_INTERVAL_MS);
    let job;
    try {
      const itemId = configured.data.itemIds[0];
      const item = await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } });
      const requested = await fetch(
        `${server.baseUrl}/api/arm${itemArmId(portal.vault, item)}/backup?api-version=2025-02-01`,
        {
          method: "POST",
          headers: { Authorization: `Bearer ${portal.apiToken}`, "Content-Type": "application/json" },
          body: JSON.stringify({ properties: { objectType: "IaasVMBackupRequest" } }),
        },
      );
      if (requested.status !== 202) throw new Error(`Backup now was refused: ${await requested.text()}`);
      const { id: jobId } = await db.job.findFirstOrThrow({
        where: { protectedItemId: itemId, operation: "Backup" },
        orderBy: { startTime: "desc" },
      });
      job = await until(
        async () => {
          const found = await db.job.findUniqueOrThrow({ where: { id: jobId } });
          return found.status === "InProgress" || found.status === "Cancelling" ? null : found;
        },
        timeoutMs,
        () => `the end of the backup job; the agent's log:\n${tail(agentLog)}`,
      );
    } finally {
      clearInterval(sampler);
    }
    const serverCpuSeconds = (procStat(server.pid)?.cpuSeconds ?? 0) - serverCpuBefore;
    if (job.status !== "Completed")
      throw new Error(`The backup job ended ${job.status}: ${job.errorMessage}\nThe agent's log:\n${tail(agentLog)}`);
    const figures = job.figures as JobFigures;
    // The agent's claim starts the transfer sub-task: until then the job waited for the agent's poll.
    const transfer = (job.subTasks as Array<{ name: string; startTime?: string }>).find(
      (task) => task.name === TRANSFER_TASK,
    );
    const pickupSeconds = transfer?.startTime
      ? (new Date(transfer.startTime).getTime() - job.startTime.getTime()) / 1000
      : Number.NaN;
    const repository = path.join(portal.storageDir, serverId);
    return {
      wallSeconds: (job.endTime!.getTime() - job.startTime.getTime()) / 1000,
      resticSeconds: figures.durationSeconds,
      pickupSeconds,
      bytesProcessed: figures.totalBytesProcessed,
      filesProcessed: figures.totalFilesProcessed,
      dataAdded: figures.dataAdded,
      stored: await folderSize(repository),
      packs: (await folderSize(path.join(repository, "data"))).files,
      resticCpuSeconds: cpu.total(),
      serverCpuSeconds,
      idleRssMb,
      peakRssMb,
    };
  } finally {
    await stop(daemon);
  }
}

// ---- the run ------------------------------------------------------------------------------------------

const mb = (bytes: number) => bytes / MIB;
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const verdict = (met: boolean) => (met ? "goal met" : "goal NOT met");
const row = (label: string, local: string, portal: string) =>
  console.log(`${label.padEnd(40)}${local.padStart(32)}${portal.padStart(34)}`);
const loadAverage = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
const rate = (backup: BackupRun) => mb(backup.bytesProcessed) / backup.wallSeconds;
/** The fastest run: other work on the machine only ever slows a run down. */
const fastest = <T extends BackupRun>(runs: T[]) =>
  runs.reduce((best, candidate) => (rate(candidate) > rate(best) ? candidate : best));

const cores = os.cpus();
const loadBefore = loadAverage();
const db: { current: Db | null } = { current: null };
let portal: Portal | null = null;
try {
  const source = path.join(scratch, "data");
  const passwordFile = path.join(scratch, "passphrase");
  await writeFile(passwordFile, `${PASSPHRASE}\n`, { mode: 0o600 });

  console.log(`Generating ${sizeMb} MB of mixed files in ${scratch}…`);
  const generationStarted = performance.now();
  const data = await generateData(source, sizeMb * MIB);
  // Flushed before measuring, so that no backup competes with the write-back of the data.
  execFileSync("sync");
  console.log(
    `  ${data.files} files (${data.small} of 1–64 KB, ${data.medium} of 1–4 MB, ${data.large} of ${fixed(mb(data.largeBytes), 0)} MB), ${fixed(mb(data.bytes), 0)} MB, ${fixed(data.textShare * 100, 0)} % text, in ${fixed((performance.now() - generationStarted) / 1000)} s`,
  );

  const databaseUrl = `file:${path.join(scratch, "portal.db")}`;
  await migrateDatabase(databaseUrl);
  db.current = createDb(databaseUrl);
  portal = await openPortal(db.current, databaseUrl);

  // Alternated, so that a burst of other work on the machine doesn't favour one side.
  const localRuns: BackupRun[] = [];
  const portalRuns: PortalRun[] = [];
  for (let runNumber = 1; runNumber <= runs; runNumber++) {
    const local = await localBaseline(source, passwordFile, runNumber);
    execFileSync("sync");
    localRuns.push(local);
    console.log(
      `Run ${runNumber}/${runs}: restic into a local directory: ${fixed(local.wallSeconds)} s, ${fixed(rate(local))} MB/s`,
    );
    const timeoutMs = Math.max(600_000, local.wallSeconds * 20_000);
    const throughPortal = await portalBackup(portal, source, passwordFile, runNumber, timeoutMs);
    execFileSync("sync");
    portalRuns.push(throughPortal);
    console.log(
      `Run ${runNumber}/${runs}: through the portal (Backup now): ${fixed(throughPortal.wallSeconds)} s, ${fixed(rate(throughPortal))} MB/s, server peak RSS ${fixed(throughPortal.peakRssMb, 0)} MB`,
    );
  }
  const loadAfter = loadAverage();

  const local = fastest(localRuns);
  const best = fastest(portalRuns);
  const ratio = rate(best) / rate(local);
  const resticRatio = mb(best.bytesProcessed) / best.resticSeconds / (mb(local.bytesProcessed) / local.resticSeconds);
  const peakRssMb = Math.max(...portalRuns.map((backup) => backup.peakRssMb));
  const of = runs > 1 ? ` (fastest of ${runs})` : "";

  console.log("");
  console.log(
    `Machine: ${cores.length} cores (${cores[0]?.model.trim()}), ${fixed(os.totalmem() / 1024 ** 3)} GB RAM; ${resticVersion}; node ${process.version}`,
  );
  console.log(`Load average (1 min): ${fixed(loadBefore, 2)} before, ${fixed(loadAfter, 2)} after the runs`);
  if (loadBefore >= cores.length / 2)
    console.log(
      `  Other processes kept the CPUs busy before the runs began: the figures are noisy. Run again on a quiet machine${runs < 3 ? ", or with --runs 3" : ""}.`,
    );
  console.log(
    `Data: ${data.files} files, ${fixed(mb(data.bytes), 0)} MB (${fixed(data.textShare * 100, 0)} % compressible text). MB = 2^20 bytes.`,
  );
  console.log("");
  row("", `local directory${of}`, `through the portal${of}`);
  row("wall clock (s)", fixed(local.wallSeconds), fixed(best.wallSeconds));
  row("restic's total_duration (s)", fixed(local.resticSeconds), fixed(best.resticSeconds));
  row("  before it: the agent's pickup (s)", "—", fixed(best.pickupSeconds));
  row(
    "  restic's start-up, finish; report (s)",
    fixed(local.wallSeconds - local.resticSeconds),
    fixed(best.wallSeconds - best.pickupSeconds - best.resticSeconds),
  );
  row("throughput, wall clock (MB/s)", fixed(rate(local)), fixed(rate(best)));
  row(
    "throughput, restic's own (MB/s)",
    fixed(mb(local.bytesProcessed) / local.resticSeconds),
    fixed(mb(best.bytesProcessed) / best.resticSeconds),
  );
  row("bytes processed (MB)", fixed(mb(local.bytesProcessed)), fixed(mb(best.bytesProcessed)));
  row("files processed", String(local.filesProcessed), String(best.filesProcessed));
  row("data added (MB, before compression)", fixed(mb(local.dataAdded)), fixed(mb(best.dataAdded)));
  row("repository on disk (MB)", fixed(mb(local.stored.bytes)), fixed(mb(best.stored.bytes)));
  row("objects / data packs", `${local.stored.files} / ${local.packs}`, `${best.stored.files} / ${best.packs}`);
  row("CPU of restic (s)", fixed(local.resticCpuSeconds), fixed(best.resticCpuSeconds));
  row("CPU of the portal server (s)", "—", fixed(best.serverCpuSeconds));
  row("  per MB stored (ms)", "—", fixed((best.serverCpuSeconds * 1000) / mb(best.stored.bytes)));
  console.log(
    "Wall clock: the local restic backup's run; through the portal, the job's start (Backup now) to its end (the agent's pickup, restic, its report).",
  );
  console.log("");
  console.log(
    `Throughput ratio, portal / local (wall clock):    ${fixed(ratio, 2)}   (goal ≥ ${RATIO_GOAL}: ${verdict(ratio >= RATIO_GOAL)})`,
  );
  console.log(
    `Throughput ratio, portal / local (restic's own):  ${fixed(resticRatio, 2)}   (goal ≥ ${RATIO_GOAL}: ${verdict(resticRatio >= RATIO_GOAL)})`,
  );
  console.log(
    `Server's peak RSS during the upload:              ${fixed(peakRssMb, 0)} MB (${fixed(best.idleRssMb, 0)} MB before it; goal < ${RSS_GOAL_MB} MB: ${verdict(peakRssMb < RSS_GOAL_MB)})`,
  );
  console.log(
    `  pid ${portal.server.pid} sampled every ${SAMPLE_INTERVAL_MS} ms; the server's processes: ${portal.server.processes.map((node) => `${node.pid} ${node.comm}`).join(", ")}`,
  );
  console.log(
    JSON.stringify({
      sizeMb: Math.round(mb(data.bytes)),
      files: data.files,
      runs,
      cores: cores.length,
      loadBefore,
      localMBps: Number(fixed(rate(local), 2)),
      portalMBps: Number(fixed(rate(best), 2)),
      ratio: Number(fixed(ratio, 3)),
      resticRatio: Number(fixed(resticRatio, 3)),
      peakServerRssMb: Math.round(peakRssMb),
      serverCpuSeconds: Number(fixed(best.serverCpuSeconds, 1)),
    }),
  );
} catch (error) {
  console.error(`bench:agent failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (portal) await stop(portal.server.child);
  await db.current?.$disconnect();
  // The exit handler kills whatever still runs and removes the scratch folder.
}
