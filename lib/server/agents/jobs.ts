// The Backup Agent's side of the engine: it claims the jobs of its server's items with the engine's
// leases (named `agent:<serverId>`), reports progress (each report renews the lease) and the
// outcome, which ends the job exactly as the engine's runner ends its own (completeBackup, fail).
import { exclusionsOf as parseExclusions } from "@/lib/domain/agent/exclusions";
import { throttlingOf } from "@/lib/domain/agent/throttling";
import { counted } from "@/lib/domain/format/count";
import type { JobStatus, SubTask } from "@/lib/domain/jobs/display";
import type { FileRecoveryDetails } from "@/lib/domain/restore/file-recovery";
import { Prisma } from "@/generated/sqlite/client";
import { JOB_ERRORS, type JobError } from "@/lib/domain/jobs/errors";
import {
  type AgentExclusions,
  type AgentJob,
  type PollResponse,
  type ResultRequest,
  maintenanceResultSchema,
  restoreResultSchema,
  pollRequestSchema,
  progressRequestSchema,
  resultRequestSchema,
} from "@/lib/schemas/agent";
import type { Db } from "@/lib/server/db";
import { isUniqueViolation } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { systemClock } from "@/lib/server/engine/clock";
import {
  AGENT_CLAIM_PREFIX,
  type ClaimedJob,
  type JobUpdate,
  type Lease,
  LeaseLost,
  cancelIfUnprotected,
  claimJobs,
  closeJobs,
  completeBackup,
  endJob,
  fail as failJob,
  failedWith,
  loadClaimedJobs,
  updateOwned,
  withTask,
} from "@/lib/server/engine/runner";
import { reconcileServerStorage } from "@/lib/server/vault-storage/reconcile";
import type { RepositoryStore } from "@/lib/server/vault-storage/store";
import { INTEGRITY_CHECK_DATA_SHARE, MAINTENANCE_TASKS, type MaintenanceOperation } from "./maintenance";
import { getVaultStorage } from "@/lib/server/vault-storage/storage";
import { type AuthenticatedServer, REAL_AGENT_SERVER } from "./credentials";
import { pendingRequests, removeAbandonedRequests } from "./requests";
import { untilWorkOrTimeout } from "./wake";

/** A claim holds this long without a report; the agent reports at least every 2 seconds while it works. */
export const AGENT_LEASE_MS = 60_000;
/** An agent that hasn't polled for this long is Offline. */
export const AGENT_OFFLINE_AFTER_MS = 10 * 60_000;
const POLL_INTERVAL_MS = 1000;
const TRANSFER = "Transfer data to vault";
/** A recovery's one sub task (lib/server/services/restore.ts). */
const RECOVERY_TRANSFER = "Transfer data";

function agentLease(serverId: string): Lease {
  return { engineId: `${AGENT_CLAIM_PREFIX}${serverId}`, leaseMs: AGENT_LEASE_MS };
}

function exclusionsOf(stored: unknown): AgentExclusions {
  return parseExclusions(stored);
}

/** The server's top-level folders as Configure backup offers them: new ones are added, none removed (items may use them). */
async function recordReportedFolders(db: Db, serverId: string, folders: string[]) {
  const known = new Set(
    (await db.fileFolderSource.findMany({ where: { serverId }, select: { path: true } })).map((folder) => folder.path),
  );
  const added = [...new Set(folders)].filter((path) => !known.has(path));
  if (added.length === 0) return;
  try {
    // A folder's size is unknown until its first backup.
    await db.fileFolderSource.createMany({
      data: added.map((path) => ({ serverId, path, sizeGb: 0, dailyChangeRatePercent: 0 })),
    });
  } catch (error) {
    // Another poll of the same server added them meanwhile.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Claims the oldest pending job of the server (its items' backups, its maintenance), if any, and marks it started. */
async function claimNext(
  db: Db,
  server: AuthenticatedServer,
  now: Date,
  store: RepositoryStore,
): Promise<AgentJob | null> {
  const lease = agentLease(server.id);
  const pending = await db.job.findMany({
    where: {
      status: "InProgress",
      claimedAt: null,
      OR: [
        { operation: "Backup", protectedItem: { fileFolderSource: { serverId: server.id } } },
        { operation: "Restore", recoveryServerId: server.id },
        { backupServerId: server.id },
      ],
    },
    orderBy: { startTime: "asc" },
    select: { id: true },
    take: 10,
  });
  for (const { id } of pending) {
    const [job] = await claimJobs(db, [id], { now: () => now }, lease);
    if (!job) continue;
    if (job.operation === "Prune" || job.operation === "IntegrityCheck")
      return startMaintenance(db, server, job, lease, now, store);
    if (job.operation === "Restore") return startRecovery(db, server, job, lease, now);
    if (await cancelIfUnprotected(db, job, now, lease)) continue;
    const source = job.item!.fileFolderSource!;
    await updateOwned(db, job.id, lease, {
      subTasks: withTask(job.subTasks, TRANSFER, { status: "InProgress", startTime: now.toISOString() }),
    });
    const stored = await db.backupAgentServer.findUnique({
      where: { id: server.id },
      select: { exclusions: true, throttling: true },
    });
    logger.info({ event: "job", jobId: job.id, serverId: server.id }, "job claimed by its Backup Agent");
    return {
      jobId: job.id,
      operation: "Backup",
      itemId: job.item!.id,
      itemName: job.item!.itemName,
      paths: [source.path],
      exclusions: exclusionsOf(stored?.exclusions),
      tags: [`item:${job.item!.id}`, `job:${job.id}`],
      throttling: throttlingOf(stored?.throttling),
    };
  }
  return null;
}

/** A Restore the agent claimed: its transfer starts; the agent gets the point's snapshot and the choices made. */
async function startRecovery(
  db: Db,
  server: AuthenticatedServer,
  job: ClaimedJob,
  lease: Lease,
  now: Date,
): Promise<AgentJob> {
  const details = job.restoreDetails as FileRecoveryDetails;
  const sourceServerId = job.item!.fileFolderSource!.serverId;
  await updateOwned(db, job.id, lease, {
    subTasks: withTask(job.subTasks, RECOVERY_TRANSFER, { status: "InProgress", startTime: now.toISOString() }),
  });
  logger.info({ event: "job", jobId: job.id, serverId: server.id }, "recovery claimed by its Backup Agent");
  return {
    jobId: job.id,
    operation: "Restore",
    snapshotId: details.recoveryPoint.snapshotId,
    sourceServer: sourceServerId === server.id ? null : { id: sourceServerId, name: details.source.serverName },
    includes: details.items.length > 0 ? details.items : [details.source.path],
    destination: details.destination,
    conflict: details.conflict,
    restoreAcls: details.restoreAcls,
    pointTime: details.recoveryPoint.time,
  };
}

/**
 * A Prune or IntegrityCheck the agent claimed: its sub task starts, and a Prune records the
 * repository's size before it and makes the hidden (soft-deleted) snapshots visible to restic, so
 * that their data is kept (reconcileServerStorage hides them again once the Prune ended).
 */
async function startMaintenance(
  db: Db,
  server: AuthenticatedServer,
  job: ClaimedJob,
  lease: Lease,
  now: Date,
  store: RepositoryStore,
): Promise<AgentJob> {
  const operation = job.operation as MaintenanceOperation;
  const figures = operation === "Prune" ? { bytesBefore: await store.repositorySize(server.id) } : undefined;
  await updateOwned(db, job.id, lease, {
    figures,
    subTasks: withTask(job.subTasks, MAINTENANCE_TASKS[operation], {
      status: "InProgress",
      startTime: now.toISOString(),
    }),
  });
  if (operation === "Prune") await reconcileServerStorage(db, store, server.id, now);
  logger.info(
    { event: "job", jobId: job.id, serverId: server.id, operation },
    "maintenance claimed by its Backup Agent",
  );
  return operation === "Prune"
    ? { jobId: job.id, operation }
    : { jobId: job.id, operation, readDataSubset: INTEGRITY_CHECK_DATA_SHARE };
}

/**
 * An agent polls only when it runs nothing (one job at a time), so a job its claim still holds
 * was orphaned: a poll whose agent went away before the answer came (the portal can't tell), or an
 * agent that died and started again. A job it never reported on goes back to the queue (so does
 * maintenance, which simply runs again); a backup or recovery it had started fails as an interrupted one, and
 * one being cancelled is Cancelled.
 */
async function releaseOrphanedClaims(db: Db, server: AuthenticatedServer, now: Date) {
  const claim = { claimedBy: `${AGENT_CLAIM_PREFIX}${server.id}` };
  await db.$transaction([
    db.job.updateMany({
      where: { ...claim, status: "Cancelling" },
      data: { status: "Cancelled", endTime: now, isCancellable: false },
    }),
    db.job.updateMany({
      where: {
        ...claim,
        status: "InProgress",
        OR: [{ operation: { in: ["Prune", "IntegrityCheck"] } }, { figures: { equals: Prisma.AnyNull } }],
      },
      data: { claimedAt: null, claimedBy: null, leaseUntil: null },
    }),
  ]);
  for (const operation of ["Backup", "Restore"] as const) {
    const error = operation === "Backup" ? JOB_ERRORS.agentStopped : JOB_ERRORS.agentStoppedDuringRestore;
    await closeJobs(db, { ...claim, status: "InProgress", operation }, failedWith(error, now), now);
  }
}

/**
 * The agent's long poll: records its contact and the folders it reports, then answers with the
 * next job of its items as soon as there is one, or with none after `waitSeconds`.
 */
export async function pollForJob(
  db: Db,
  server: AuthenticatedServer,
  input: unknown,
  signal: AbortSignal,
  store: RepositoryStore = getVaultStorage(),
): Promise<ServiceResult<PollResponse>> {
  const parsed = pollRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const deadline = Date.now() + parsed.data.waitSeconds * 1000;
  await db.backupAgentServer.update({
    where: { id: server.id },
    data: {
      lastContactAt: systemClock.now(),
      ...(parsed.data.passphrasesFor ? { passphrasesFor: parsed.data.passphrasesFor } : {}),
    },
  });
  await releaseOrphanedClaims(db, server, systemClock.now());
  // Once per poll: the loop below checks for work every second.
  await removeAbandonedRequests(db, server.id);
  if (parsed.data.folders) await recordReportedFolders(db, server.id, parsed.data.folders);
  for (;;) {
    // Questions first: someone waits for them in the portal.
    const requests = await pendingRequests(db, server.id);
    if (requests.length > 0) return ok({ job: null, requests });
    const job = await claimNext(db, server, systemClock.now(), store);
    if (job || Date.now() >= deadline || signal.aborted) return ok({ job });
    await untilWorkOrTimeout(Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now())));
  }
}

/** The job if this server's agent holds it. */
async function heldJob(db: Db, server: AuthenticatedServer, jobId: string): Promise<ClaimedJob | null> {
  const [job] = await loadClaimedJobs(db, [jobId]);
  const held =
    job &&
    (job.operation === "Restore"
      ? job.recoveryServerId === server.id
      : job.item?.fileFolderSource?.serverId === server.id || job.backupServerId === server.id);
  return held ? job : null;
}

const NOT_HELD = "The job isn't this agent's to report on: it ended, or its claim ran out.";

/** A progress report: the figures, the transfer's percentage, and a renewed lease. Answers whether the admin cancelled the job. */
export async function reportProgress(
  db: Db,
  server: AuthenticatedServer,
  jobId: string,
  input: unknown,
  now = systemClock.now(),
): Promise<ServiceResult<{ cancel: boolean }>> {
  const parsed = progressRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const job = await heldJob(db, server, jobId);
  if (!job) return fail("Conflict", NOT_HELD);
  const progress = parsed.data;
  const lease = agentLease(server.id);
  if (job.operation !== "Backup" && job.operation !== "Restore") {
    // restic's prune and check report no progress: the report only renews the lease.
    return renewed(db, job, lease, { leaseUntil: new Date(now.getTime() + lease.leaseMs) });
  }
  // Never 100 before the end: the snapshot is written last.
  const percent =
    progress.bytesTotal === 0 ? 0 : Math.min(99, Math.floor((progress.bytesDone / progress.bytesTotal) * 100));
  return renewed(db, job, lease, {
    figures: progress,
    progressPercent: percent,
    bytesTransferred: BigInt(progress.bytesDone),
    subTasks: withTask(job.subTasks, job.operation === "Restore" ? RECOVERY_TRANSFER : TRANSFER, {
      progressPercent: percent,
    }),
    leaseUntil: new Date(now.getTime() + lease.leaseMs),
  });
}

/** Writes a progress report while the agent's claim holds; answers whether the admin cancelled the job. */
async function renewed(
  db: Db,
  job: ClaimedJob,
  lease: Lease,
  update: JobUpdate,
): Promise<ServiceResult<{ cancel: boolean }>> {
  try {
    await updateOwned(db, job.id, lease, update);
  } catch (error) {
    if (error instanceof LeaseLost) return fail("Conflict", NOT_HELD);
    throw error;
  }
  const current = await db.job.findUnique({ where: { id: job.id }, select: { status: true } });
  return ok({ cancel: current?.status === "Cancelling" });
}

const FAILURES: Record<Exclude<ResultRequest, { outcome: "Completed" | "Cancelled" }>["failure"], JobError> = {
  SourceNotFound: JOB_ERRORS.agentSourceNotFound,
  WrongPassword: JOB_ERRORS.agentWrongPassphrase,
  RepositoryNotFound: JOB_ERRORS.agentWrongPassphrase,
  DiskFull: JOB_ERRORS.agentDiskFull,
  Locked: JOB_ERRORS.agentRepositoryLocked,
  Unreachable: JOB_ERRORS.agentVaultUnreachable,
  IntegrityErrors: JOB_ERRORS.agentIntegrityErrors,
  Unknown: JOB_ERRORS.agentBackupFailed,
};

/** The error with the files it concerns (the first five), for the job's message. */
function namingFiles(error: JobError, files: Array<{ item: string }>): JobError {
  const listed = files
    .slice(0, 5)
    .map((file) => file.item)
    .join(", ");
  const more = files.length > 5 ? ` and ${files.length - 5} more` : "";
  return { ...error, message: `${error.message} ${counted(files.length, "file")}: ${listed}${more}.` };
}

/** The agent's outcome of a job it holds: ends the job, with the recovery point when it completed. */
export async function reportResult(
  db: Db,
  server: AuthenticatedServer,
  jobId: string,
  input: unknown,
  store: RepositoryStore = getVaultStorage(),
  now = systemClock.now(),
): Promise<ServiceResult<{ status: string }>> {
  const job = await heldJob(db, server, jobId);
  if (!job) return fail("Conflict", NOT_HELD);
  if (job.operation === "Prune" || job.operation === "IntegrityCheck")
    return reportMaintenanceResult(db, server, job, input, store, now);
  if (job.operation === "Restore") return reportRecoveryResult(db, server, job, input, now);
  const parsed = resultRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const lease = agentLease(server.id);
  const result = parsed.data;
  try {
    if (result.outcome === "Cancelled") {
      await updateOwned(db, job.id, lease, {
        status: "Cancelled",
        endTime: now,
        isCancellable: false,
        bytesTransferred: 0n,
        subTasks: withTask(job.subTasks, TRANSFER, { status: "Cancelled", endTime: now.toISOString() }),
      });
      return ok({ status: "Cancelled" });
    }
    if (result.outcome === "Failed") {
      const error = FAILURES[result.failure];
      const detailed = { ...error, message: `${error.message} ${result.detail}`.trim() };
      const subTasks: SubTask[] = withTask(job.subTasks, TRANSFER, { status: "Failed", endTime: now.toISOString() });
      return ok({ status: await failJob(db, job, detailed, now, subTasks, lease) });
    }
    const { summary, warnings } = result;
    // The point is made only for a snapshot the vault holds, whatever the agent says.
    const stored = (await store.listSnapshotIds(server.id)).visible.filter((id) => id.startsWith(result.snapshotId));
    if (stored.length !== 1) {
      const error = {
        ...JOB_ERRORS.agentBackupFailed,
        message: `The snapshot the agent reported (${result.snapshotId}) isn't in the vault's storage.`,
      };
      return ok({
        status: await failJob(
          db,
          job,
          error,
          now,
          withTask(job.subTasks, TRANSFER, { status: "Failed", endTime: now.toISOString() }),
          lease,
        ),
      });
    }
    const status = await completeBackup(db, job, lease, now, {
      subTasks: job.subTasks,
      reported: { figures: { ...summary, warnings } },
      bytes: summary.dataAdded,
      full: job.item!.previousPointTime === null,
      warning: warnings.length > 0 ? namingFiles(JOB_ERRORS.agentFilesSkipped, warnings) : null,
      snapshotId: stored[0],
    });
    // The folder's size, as Configure backup and the inventory show it.
    await db.fileFolderSource.updateMany({
      where: { path: job.item!.fileFolderSource!.path, serverId: server.id },
      data: { sizeGb: summary.totalBytesProcessed / 1024 ** 3 },
    });
    return ok({ status });
  } catch (error) {
    if (error instanceof LeaseLost) return fail("Conflict", NOT_HELD);
    throw error;
  }
}

/** The end of a recovery: what it recovered, copied, skipped and couldn't write; the item's backups are untouched. */
async function reportRecoveryResult(
  db: Db,
  server: AuthenticatedServer,
  job: ClaimedJob,
  input: unknown,
  now: Date,
): Promise<ServiceResult<{ status: string }>> {
  const parsed = restoreResultSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const result = parsed.data;
  const lease = agentLease(server.id);
  const ended = (status: JobStatus) =>
    withTask(job.subTasks, RECOVERY_TRANSFER, {
      status,
      endTime: now.toISOString(),
      ...(status === "Completed" ? { progressPercent: 100 } : {}),
    });
  const end = { endTime: now, isCancellable: false };
  try {
    if (result.outcome === "Cancelled") {
      await updateOwned(db, job.id, lease, { ...end, status: "Cancelled", subTasks: ended("Cancelled") });
      return ok({ status: "Cancelled" });
    }
    if (result.outcome === "Failed") {
      const error = JOB_ERRORS.agentRecoveryFailed;
      await endJob(
        db,
        job.id,
        lease,
        {
          ...failedWith({ ...error, message: `${error.message} ${result.detail}`.trim() }, now),
          subTasks: ended("Failed"),
        },
        now,
      );
      return ok({ status: "Failed" });
    }
    const { outcome: _, ...outcome } = result;
    const warning =
      outcome.failures.length > 0 ? namingFiles(JOB_ERRORS.agentFilesNotRecovered, outcome.failures) : null;
    const status = warning ? "CompletedWithWarnings" : "Completed";
    await endJob(
      db,
      job.id,
      lease,
      {
        ...end,
        status,
        progressPercent: 100,
        // The outcome's counts replace the progress figures.
        figures: Prisma.DbNull,
        bytesTransferred: BigInt(outcome.bytesRecovered),
        subTasks: ended("Completed"),
        restoreDetails: { ...(job.restoreDetails as FileRecoveryDetails), outcome },
        ...(warning
          ? { errorCode: warning.code, errorMessage: warning.message, recommendations: warning.recommendations }
          : {}),
      },
      now,
    );
    return ok({ status });
  } catch (error) {
    if (error instanceof LeaseLost) return fail("Conflict", NOT_HELD);
    throw error;
  }
}

/** The end of a Prune (with the repository's size before and after) or an IntegrityCheck. */
async function reportMaintenanceResult(
  db: Db,
  server: AuthenticatedServer,
  job: ClaimedJob,
  input: unknown,
  store: RepositoryStore,
  now: Date,
): Promise<ServiceResult<{ status: string }>> {
  const parsed = maintenanceResultSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const result = parsed.data;
  const task = MAINTENANCE_TASKS[job.operation as MaintenanceOperation];
  const lease = agentLease(server.id);
  try {
    if (result.outcome === "Failed") {
      const error = FAILURES[result.failure];
      await updateOwned(db, job.id, lease, {
        ...failedWith({ ...error, message: `${error.message} ${result.detail}`.trim() }, now),
        subTasks: withTask(job.subTasks, task, { status: "Failed", endTime: now.toISOString() }),
      });
      return ok({ status: "Failed" });
    }
    const before = await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { figures: true } });
    const figures =
      job.operation === "Prune"
        ? { ...(before.figures as object), bytesAfter: await store.repositorySize(server.id) }
        : { detail: result.detail };
    await updateOwned(db, job.id, lease, {
      status: "Completed",
      endTime: now,
      isCancellable: false,
      progressPercent: 100,
      figures,
      subTasks: withTask(job.subTasks, task, { status: "Completed", progressPercent: 100, endTime: now.toISOString() }),
    });
    return ok({ status: "Completed" });
  } catch (error) {
    if (error instanceof LeaseLost) return fail("Conflict", NOT_HELD);
    throw error;
  } finally {
    // Hidden snapshots go back into hiding once the Prune no longer runs.
    if (job.operation === "Prune") await reconcileServerStorage(db, store, server.id, now);
  }
}

/**
 * Backups queued for an agent that is offline (no contact for 10 minutes) and that waited longer
 * than the grace period fail with the reason and the server's last contact; the engine claims
 * them to close them as it closes its own.
 */
export async function failJobsOfOfflineAgents(db: Db, now: Date, graceMs: number, lease: Lease): Promise<number> {
  const waiting = await db.job.findMany({
    where: {
      status: "InProgress",
      claimedAt: null,
      operation: "Backup",
      startTime: { lt: new Date(now.getTime() - graceMs) },
      protectedItem: {
        fileFolderSource: {
          server: {
            ...REAL_AGENT_SERVER,
            OR: [{ lastContactAt: null }, { lastContactAt: { lt: new Date(now.getTime() - AGENT_OFFLINE_AFTER_MS) } }],
          },
        },
      },
    },
    select: {
      id: true,
      protectedItem: {
        select: { fileFolderSource: { select: { server: { select: { name: true, lastContactAt: true } } } } },
      },
    },
  });
  let failed = 0;
  for (const { id, protectedItem } of waiting) {
    const server = protectedItem!.fileFolderSource!.server;
    const [job] = await claimJobs(db, [id], { now: () => now }, lease);
    if (!job) continue;
    const lastContact = server.lastContactAt
      ? `its last contact was at ${server.lastContactAt.toISOString()}`
      : "it never contacted the vault";
    const error = {
      ...JOB_ERRORS.agentOffline,
      message: `The Backup Agent on ${server.name} is offline: ${lastContact}. The backup couldn't start.`,
    };
    await failJob(
      db,
      job,
      error,
      now,
      job.subTasks.map((task) => ({ ...task, status: "Failed" as const, endTime: now.toISOString() })),
      lease,
    );
    failed++;
  }
  return failed;
}

/** `agent status`: the server, its items, and their last and next backups. */
export async function serverStatus(db: Db, server: AuthenticatedServer) {
  const [stored, vault, items] = await Promise.all([
    db.backupAgentServer.findUniqueOrThrow({
      where: { id: server.id },
      select: { name: true, agentVersion: true, registeredAt: true, lastContactAt: true },
    }),
    db.vault.findUniqueOrThrow({ where: { id: server.vaultId }, select: { name: true } }),
    db.protectedItem.findMany({
      where: { fileFolderSource: { serverId: server.id }, deletedAt: null },
      orderBy: { friendlyName: "asc" },
      select: {
        friendlyName: true,
        protectionState: true,
        lastBackupTime: true,
        lastBackupStatus: true,
        nextScheduledFor: true,
        policy: { select: { name: true } },
        fileFolderSource: { select: { path: true } },
      },
    }),
  ]);
  return ok({
    server: {
      name: stored.name,
      vaultName: vault.name,
      agentVersion: stored.agentVersion ?? "",
      registeredAt: stored.registeredAt?.toISOString() ?? "",
      lastContactAt: stored.lastContactAt?.toISOString() ?? null,
    },
    items: items.map((item) => ({
      name: item.friendlyName,
      path: item.fileFolderSource!.path,
      protectionState: item.protectionState,
      policyName: item.policy?.name ?? null,
      lastBackupTime: item.lastBackupTime?.toISOString() ?? null,
      lastBackupStatus: item.lastBackupStatus,
      nextBackupTime: item.policy ? (item.nextScheduledFor?.toISOString() ?? null) : null,
    })),
  });
}

/**
 * Whether `readerId`'s agent may read `repositoryServerId`'s repository now: while it holds a
 * recovery of one of that server's items to itself (it has the passphrase; reading is all it may do).
 */
export async function recoveryReadGranted(
  db: Db,
  readerId: string,
  repositoryServerId: string,
  now: Date,
): Promise<boolean> {
  const held = await db.job.count({
    where: {
      operation: "Restore",
      status: "InProgress",
      recoveryServerId: readerId,
      claimedBy: `${AGENT_CLAIM_PREFIX}${readerId}`,
      leaseUntil: { gt: now },
      protectedItem: { fileFolderSource: { serverId: repositoryServerId } },
    },
  });
  return held > 0;
}
