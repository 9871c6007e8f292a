// The agent's own Recover Data (`agent recover`, as Azure's agent console offers it): the server
// lists its items' recovery points and queues a recovery of its own items, which its daemon then
// runs like one queued in the portal; the activity log names the server.
import { z } from "zod";
import type { FileRecoveryDetails } from "@/lib/domain/restore/file-recovery";
import { fileRecoveryInputSchema } from "@/lib/schemas/restore";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { recoverFiles } from "@/lib/server/services/restore";
import type { AuthenticatedServer } from "./credentials";

/** The server's backup items (soft-deleted ones apart) with their recovery points, newest first. */
export async function serverRecoveryPoints(db: Db, server: AuthenticatedServer) {
  const items = await db.protectedItem.findMany({
    where: { fileFolderSource: { serverId: server.id }, deletedAt: null },
    orderBy: { friendlyName: "asc" },
    select: {
      id: true,
      fileFolderSource: { select: { path: true } },
      recoveryPoints: {
        where: { snapshotId: { not: null } },
        orderBy: { time: "desc" },
        select: { id: true, time: true },
      },
    },
  });
  return ok({
    items: items.map((item) => ({
      itemId: item.id,
      path: item.fileFolderSource!.path,
      points: item.recoveryPoints.map((point) => ({ id: point.id, time: point.time.toISOString() })),
    })),
  });
}

const agentRecoverySchema = fileRecoveryInputSchema.omit({ vaultId: true, targetServerId: true });

/** Queues a recovery of one of the server's own items to itself. */
export async function queueAgentRecovery(
  db: Db,
  server: AuthenticatedServer,
  input: unknown,
): Promise<ServiceResult<{ jobId: string }>> {
  const parsed = agentRecoverySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const own = await db.protectedItem.count({
    where: { id: parsed.data.itemId, fileFolderSource: { serverId: server.id } },
  });
  if (own === 0) return fail("ResourceNotFound", "This server has no such backup item.");
  const stored = await db.backupAgentServer.findUniqueOrThrow({ where: { id: server.id }, select: { name: true } });
  return recoverFiles(db, { ...parsed.data, vaultId: server.vaultId }, systemActor(stored.name));
}

const jobIdSchema = z.string().min(1).max(64);

/** A recovery of one of the server's items, as `agent recover` follows it. */
export async function recoveryState(db: Db, server: AuthenticatedServer, jobId: unknown) {
  const parsed = jobIdSchema.safeParse(jobId);
  if (!parsed.success) return invalid(parsed.error);
  const job = await db.job.findFirst({
    where: { id: parsed.data, operation: "Restore", protectedItem: { fileFolderSource: { serverId: server.id } } },
    select: { status: true, progressPercent: true, errorMessage: true, restoreDetails: true },
  });
  if (!job) return fail("ResourceNotFound", "This server has no such recovery.");
  return ok({
    status: job.status,
    progressPercent: job.progressPercent,
    errorMessage: job.errorMessage,
    outcome: (job.restoreDetails as FileRecoveryDetails).outcome ?? null,
  });
}
