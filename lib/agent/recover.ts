// Recover Data on the server: restic restores the point's items into a staging folder beside the
// destination (restic 0.14 always overwrites, and a file restic is still writing must never appear
// in the destination), then each file moves into place by one rename, as the chosen option says:
// beside an existing item as a dated copy, over it, or not at all. The staging folder goes at the end,
// whatever happened; a killed agent's is removed when the agent starts again (state.ts).
import { lstat, mkdir, readdir, rename, rm, chmod, utimes } from "node:fs/promises";
import path from "node:path";
import { counted } from "@/lib/domain/format/count";
import { copyNameOf, placementOf, recoveredPath } from "@/lib/domain/restore/file-recovery";
import type { AgentJob, RestoreResult } from "@/lib/schemas/agent";
import { MAX_REPORTED_WARNINGS } from "@/lib/schemas/agent";
import type { Log } from "./daemon";
import type { PortalClient } from "./portal";
import { listNodes, ResticError, type ResticRepository, restore, type RestoreFailure } from "./restic";
import { forgetStagingFolder, rememberStagingFolder } from "./state";

type RestoreJob = Extract<AgentJob, { operation: "Restore" }>;

const PROGRESS_INTERVAL_MS = 2000;

/** The staging folder: in the nearest existing folder above the first item's destination, so a move is a rename. */
async function stagingFolderFor(job: RestoreJob): Promise<string> {
  let folder = path.dirname(recoveredPath(job.includes[0], job.destination));
  while (!(await exists(folder))) folder = path.dirname(folder);
  return path.join(folder, `.vault-portal-recovery-${job.jobId}`);
}

async function exists(target: string): Promise<boolean> {
  return lstat(target).then(
    () => true,
    () => false,
  );
}

/** Bytes and files below a folder so far: restic 0.14 says nothing while it restores. */
async function measure(folder: string): Promise<{ files: number; bytes: number }> {
  const totals = { files: 0, bytes: 0 };
  async function walk(current: string) {
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        totals.files++;
        totals.bytes += (await lstat(full).catch(() => ({ size: 0 }))).size;
      }
    }
  }
  await walk(folder);
  return totals;
}

type Counts = Omit<Extract<RestoreResult, { outcome: "Completed" }>, "outcome">;

/**
 * Moves what restic restored below `staging` into place. Folders that don't exist at the
 * destination are made; with Restore the ACLs, they get the backed-up folder's mode and times.
 */
async function placeRecovered(
  job: RestoreJob,
  staging: string,
  failed: Set<string>,
  cancelled: () => boolean,
): Promise<Counts> {
  const counts: Counts = { filesRecovered: 0, bytesRecovered: 0, copiesCreated: 0, filesSkipped: 0, failures: [] };
  const pointTime = new Date(job.pointTime);
  const defaultFileMode = 0o666 & ~process.umask();
  const fail = (item: string, error: unknown) =>
    counts.failures.push({ item, message: (error as Error).message.slice(0, 1000) });

  async function place(original: string) {
    if (cancelled()) return;
    const staged = path.join(staging, original);
    const info = await lstat(staged).catch(() => null);
    if (!info || failed.has(original)) return;
    const destination = recoveredPath(original, job.destination);
    if (info.isDirectory()) {
      const made = !(await exists(destination));
      try {
        await mkdir(destination, { recursive: true });
      } catch (error) {
        return fail(original, error);
      }
      for (const name of (await readdir(staged)).sort()) await place(path.posix.join(original, name));
      if (made && job.restoreAcls)
        await chmod(destination, info.mode & 0o7777).then(
          () => utimes(destination, info.atime, info.mtime),
          (error) => fail(original, error),
        );
      return;
    }
    const placement = placementOf(await exists(destination), job.conflict);
    if (placement === "skip") {
      counts.filesSkipped++;
      return;
    }
    const target =
      placement === "copy"
        ? path.join(path.dirname(destination), copyNameOf(path.basename(destination), pointTime))
        : destination;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await rename(staged, target);
      if (!job.restoreAcls && !info.isSymbolicLink()) await chmod(target, defaultFileMode);
      counts.filesRecovered++;
      counts.bytesRecovered += info.size;
      if (placement === "copy") counts.copiesCreated++;
    } catch (error) {
      fail(original, error);
    }
  }

  for (const include of job.includes) await place(include);
  return counts;
}

/** Runs one Restore job and reports its progress and outcome. */
export async function runRestoreJob(
  client: PortalClient,
  repo: ResticRepository,
  home: string,
  job: RestoreJob,
  log: Log,
  stopping: AbortSignal,
): Promise<void> {
  log(`Recovery of ${job.includes.join(", ")} started (job ${job.jobId}).`);
  const abort = new AbortController();
  const stop = () => abort.abort();
  stopping.addEventListener("abort", stop);
  let cancelRequested = false;
  let staging: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const report = async (filesDone: number, bytesDone: number, totals: { files: number; bytes: number }) => {
    const answer = await client.progress(job.jobId, {
      filesDone,
      filesTotal: totals.files,
      bytesDone,
      bytesTotal: totals.bytes,
      currentFile: null,
    });
    if (answer.cancel && !cancelRequested) {
      cancelRequested = true;
      log("The job was cancelled in the portal: stopping the recovery.");
      abort.abort();
    }
  };
  // The outcome is reported once the staging folder is gone: the job's end means the recovery is done.
  let result: RestoreResult;
  try {
    const nodes = await listNodes(repo, job.snapshotId, job.includes, { signal: abort.signal });
    const totals = nodes.reduce(
      (sum, node) => (node.type === "dir" ? sum : { files: sum.files + 1, bytes: sum.bytes + node.size }),
      { files: 0, bytes: 0 },
    );
    // The first report says the recovery started: from now on an interrupted one fails rather than runs again.
    await report(0, 0, totals);
    staging = await stagingFolderFor(job);
    await rememberStagingFolder(home, staging);
    const stagingFolder = staging;
    timer = setInterval(() => {
      measure(stagingFolder)
        .then((done) => report(done.files, done.bytes, totals))
        .catch((error: Error) => log(`Progress report failed: ${error.message}`));
    }, PROGRESS_INTERVAL_MS);
    const restored = await restore(repo, {
      snapshotId: job.snapshotId,
      target: staging,
      includes: job.includes,
      signal: abort.signal,
    });
    clearInterval(timer);
    const failed = new Set(restored.failures.map((failure) => failure.item));
    const counts = await placeRecovered(job, staging, failed, () => cancelRequested);
    const failures: RestoreFailure[] = [...restored.failures, ...counts.failures].slice(0, MAX_REPORTED_WARNINGS);
    result = cancelRequested ? { outcome: "Cancelled" } : { ...counts, outcome: "Completed", failures };
  } catch (error) {
    if (!(error instanceof ResticError)) throw error;
    const detail =
      error.kind === "Aborted"
        ? "The agent was stopped during the recovery."
        : `restic: ${error.stderrTail.split("\n").filter(Boolean).slice(-3).join(" ") || error.message}`;
    result =
      error.kind === "Aborted" && cancelRequested
        ? { outcome: "Cancelled" }
        : { outcome: "Failed", failure: "Unknown", detail: detail.slice(0, 4000) };
  } finally {
    clearInterval(timer);
    stopping.removeEventListener("abort", stop);
    if (staging) {
      await rm(staging, { recursive: true, force: true });
      await forgetStagingFolder(home, staging);
    }
  }
  const answer = await client.result(job.jobId, result);
  log(
    result.outcome === "Completed"
      ? `Recovery ${answer.status}: ${counted(result.filesRecovered, "file")} (${result.copiesCreated} as copies), ${result.filesSkipped} skipped, ${result.failures.length} failed.`
      : result.outcome === "Failed"
        ? `Recovery failed: ${result.detail}`
        : "Recovery cancelled.",
  );
}
