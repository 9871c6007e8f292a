// `agent run`: long-polls the portal for the jobs of this server (its items' backups and recoveries, the
// repository's Prune and IntegrityCheck), runs each with restic (one at a time: restic locks the
// repository), reports progress at least every 2 seconds and the outcome. It also reports the server's top-level folders, which Configure backup offers.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { uploadLimitKiBps } from "@/lib/domain/agent/throttling";
import { counted } from "@/lib/domain/format/count";
import { type AgentJob, MAX_REPORTED_FOLDERS, MAX_REPORTED_WARNINGS, type ResultRequest } from "@/lib/schemas/agent";
import type { PortalClient } from "./portal";
import { answerRequests } from "./browse";
import { runRestoreJob } from "./recover";
import { otherPassphrases, removeLeftoverStagingFolders } from "./state";
import { backup, check, init, prune, type ResticRepository, ResticError, unlock } from "./restic";

export type Log = (message: string) => void;
export type RepositoryOf = (other?: { id: string; name: string }) => ResticRepository;

/** Folders of a file system that hold no data to back up. */
const VIRTUAL_FOLDERS = new Set(["/proc", "/sys", "/dev", "/run", "/lost+found"]);
const FOLDERS_REPORT_INTERVAL_MS = 10 * 60_000;
const RETRY_AFTER_ERROR_MS = 5000;

/** The top-level folders of the server's volumes: `/` and every mounted block device. */
export async function topLevelFolders(): Promise<string[]> {
  const mounts = new Set(["/"]);
  const table = await readFile("/proc/mounts", "utf8").catch(() => "");
  for (const line of table.split("\n")) {
    const [device, mountPoint] = line.split(" ");
    if (device?.startsWith("/dev/") && mountPoint) mounts.add(mountPoint.replace(/\\040/g, " "));
  }
  const folders = new Set<string>();
  for (const mount of mounts) {
    const entries = await readdir(mount, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const folder = path.join(mount, entry.name);
      if (entry.isDirectory() && !VIRTUAL_FOLDERS.has(folder)) folders.add(folder);
    }
  }
  return [...folders].sort().slice(0, MAX_REPORTED_FOLDERS);
}

/**
 * Creates the repository in the vault's storage the first time; afterwards removes the locks that
 * restic processes of this server left when they died (an agent killed mid-backup), which would
 * refuse the next backup.
 */
export async function ensureRepository(repo: ResticRepository): Promise<void> {
  try {
    await unlock(repo);
  } catch (error) {
    if (!(error instanceof ResticError && error.kind === "RepositoryNotFound")) throw error;
    await init(repo);
  }
}

const FAILURE_OF_KIND: Partial<Record<ResticError["kind"], Extract<ResultRequest, { outcome: "Failed" }>["failure"]>> =
  {
    SourceNotFound: "SourceNotFound",
    WrongPassword: "WrongPassword",
    RepositoryNotFound: "RepositoryNotFound",
    DiskFull: "DiskFull",
    Locked: "Locked",
    Unreachable: "Unreachable",
  };

type Job<Operation extends AgentJob["operation"]> = Extract<AgentJob, { operation: Operation }>;

/** The last lines restic printed, for the job's message. */
const tailOf = (text: string) => text.split("\n").filter(Boolean).slice(-3).join(" ").slice(0, 4000);

/** Runs one backup job and reports its progress and outcome. */
export async function runBackupJob(
  client: PortalClient,
  repo: ResticRepository,
  job: Job<"Backup">,
  log: Log,
  stopping: AbortSignal,
): Promise<void> {
  log(`Backup of ${job.paths.join(", ")} started (job ${job.jobId}).`);
  const abort = new AbortController();
  const stop = () => abort.abort();
  stopping.addEventListener("abort", stop);
  let cancelRequested = false;
  let reporting = false;
  // Network throttling applies by the server's own clock, as the agent's does; it is set when the backup starts.
  const now = new Date();
  const limitUploadKiBps =
    uploadLimitKiBps(job.throttling, {
      isoWeekday: now.getDay() === 0 ? 7 : now.getDay(),
      minutes: now.getHours() * 60 + now.getMinutes(),
    }) ?? undefined;
  try {
    const result = await backup(repo, {
      paths: job.paths,
      excludes: job.exclusions,
      tags: job.tags,
      limitUploadKiBps,
      signal: abort.signal,
      // restic's status comes every second or two; one report in flight at a time.
      onProgress: (progress) => {
        if (reporting) return;
        reporting = true;
        client
          .progress(job.jobId, {
            filesDone: progress.filesDone,
            filesTotal: progress.totalFiles,
            bytesDone: progress.bytesDone,
            bytesTotal: progress.totalBytes,
            currentFile: progress.currentFiles[0] ?? null,
          })
          .then((answer) => {
            if (answer.cancel && !cancelRequested) {
              cancelRequested = true;
              log("The job was cancelled in the portal: stopping the backup.");
              abort.abort();
            }
          })
          .catch((error: Error) => log(`Progress report failed: ${error.message}`))
          .finally(() => {
            reporting = false;
          });
      },
    });
    const { summary } = result;
    const answer = await client.result(job.jobId, {
      outcome: "Completed",
      snapshotId: result.snapshotId,
      summary: {
        filesNew: summary.filesNew,
        filesChanged: summary.filesChanged,
        filesUnmodified: summary.filesUnmodified,
        dataAdded: summary.dataAdded,
        totalFilesProcessed: summary.totalFilesProcessed,
        totalBytesProcessed: summary.totalBytesProcessed,
        durationSeconds: summary.durationSeconds,
      },
      warnings: result.warnings
        .slice(0, MAX_REPORTED_WARNINGS)
        .map((warning) => ({ item: warning.item.slice(0, 4096), message: warning.message.slice(0, 1000) })),
    });
    log(
      `Backup ${answer.status}: ${counted(summary.totalFilesProcessed, "file")}, ${counted(summary.dataAdded, "byte")} added, snapshot ${result.snapshotId}.`,
    );
  } catch (error) {
    if (!(error instanceof ResticError)) throw error;
    if (error.kind === "Aborted" && cancelRequested) {
      await client.result(job.jobId, { outcome: "Cancelled" });
      log("Backup cancelled.");
      return;
    }
    const detail =
      error.kind === "Aborted"
        ? "The agent was stopped during the backup."
        : `restic: ${tailOf(error.stderrTail) || error.message}`;
    await client.result(job.jobId, {
      outcome: "Failed",
      failure: FAILURE_OF_KIND[error.kind] ?? "Unknown",
      detail: detail.slice(0, 4000),
    });
    log(`Backup failed (${error.kind}): ${detail}`);
  } finally {
    stopping.removeEventListener("abort", stop);
  }
}

/** restic's prune and check say nothing while they work: a report every few seconds keeps the job's lease. */
const MAINTENANCE_HEARTBEAT_MS = 5000;

/** Runs a Prune (the portal lets this server delete unused packs meanwhile) or an IntegrityCheck, and reports its outcome. */
export async function runMaintenanceJob(
  client: PortalClient,
  repo: ResticRepository,
  job: Job<"Prune" | "IntegrityCheck">,
  log: Log,
  stopping: AbortSignal,
): Promise<void> {
  log(`${job.operation} started (job ${job.jobId}).`);
  const heartbeat = setInterval(() => {
    client
      .progress(job.jobId, { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, currentFile: null })
      .catch((error: Error) => log(`Progress report failed: ${error.message}`));
  }, MAINTENANCE_HEARTBEAT_MS);
  try {
    if (job.operation === "Prune") {
      await prune(repo, { signal: stopping });
      await client.result(job.jobId, { outcome: "Completed", detail: "Data no recovery point uses was removed." });
    } else {
      const checked = await check(repo, { readDataSubset: job.readDataSubset, signal: stopping });
      await client.result(
        job.jobId,
        checked.ok
          ? { outcome: "Completed", detail: tailOf(checked.output) }
          : { outcome: "Failed", failure: "IntegrityErrors", detail: tailOf(checked.output) },
      );
    }
    log(`${job.operation} ended.`);
  } catch (error) {
    if (!(error instanceof ResticError)) throw error;
    const detail =
      error.kind === "Aborted"
        ? "The agent was stopped during the job."
        : `restic: ${tailOf(error.stderrTail) || error.message}`;
    await client.result(job.jobId, { outcome: "Failed", failure: FAILURE_OF_KIND[error.kind] ?? "Unknown", detail });
    log(`${job.operation} failed (${error.kind}): ${detail}`);
  } finally {
    clearInterval(heartbeat);
  }
}

/** The daemon's loop, until `stopping` aborts. */
export async function runDaemon(
  client: PortalClient,
  /** This server's repository, or another server's whose files it recovers. */
  repositories: RepositoryOf,
  home: string,
  log: Log,
  stopping: AbortSignal,
  waitSeconds = 20,
): Promise<void> {
  let foldersReportedAt = 0;
  let repositoryReady = false;
  const repo = repositories();
  for (const folder of await removeLeftoverStagingFolders(home))
    log(`Removed the staging folder of an interrupted recovery: ${folder}`);
  while (!stopping.aborted) {
    try {
      if (!repositoryReady) {
        await ensureRepository(repo);
        repositoryReady = true;
      }
      const folders =
        Date.now() - foldersReportedAt >= FOLDERS_REPORT_INTERVAL_MS ? await topLevelFolders() : undefined;
      const { job, requests = [] } = await client.poll(
        { folders, passphrasesFor: await otherPassphrases(home), waitSeconds },
        stopping,
      );
      if (folders) foldersReportedAt = Date.now();
      await answerRequests(client, repo, requests, log);
      if (job?.operation === "Backup") await runBackupJob(client, repo, job, log, stopping);
      else if (job?.operation === "Restore")
        await runRestoreJob(client, repositories(job.sourceServer ?? undefined), home, job, log, stopping);
      else if (job) await runMaintenanceJob(client, repo, job, log, stopping);
    } catch (error) {
      if (stopping.aborted) break;
      log(`Contacting the vault failed: ${(error as Error).message}. Retrying in ${RETRY_AFTER_ERROR_MS / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_ERROR_MS));
    }
  }
}
