// Backup Infrastructure → Protected Servers (Azure Backup Agent): the vault's servers registered by
// a real agent, their network throttling and exclusion settings, and deleting one (its repository
// goes with it).
import { securityAlert, serverScope } from "@/lib/domain/alerts/alerts";
import { raiseAlert } from "@/lib/server/alerts/raise";
import { z } from "zod";
import type { Prisma } from "@/generated/sqlite/client";
import { DEFAULT_SERVER_SORT, type ServerSortColumn } from "@/lib/domain/agent/protected-servers";
import { describeExclusions, type Exclusions, exclusionsOf } from "@/lib/domain/agent/exclusions";
import { confirmsName } from "@/lib/domain/confirm-name";
import { counted } from "@/lib/domain/format/count";
import { type Throttling, throttlingOf } from "@/lib/domain/agent/throttling";
import type { JobStatus } from "@/lib/domain/jobs/display";
import { inLabelOrder } from "@/lib/domain/sorting";
import type { Actor } from "@/lib/server/auth/authorize";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import type { Db } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";
import type { RepositoryStore } from "@/lib/server/vault-storage/store";
import { getVaultStorage } from "@/lib/server/vault-storage/storage";
import {
  exclusionsInputSchema,
  type ExclusionsInput,
  serverRefSchema,
  throttlingInputSchema,
  type ThrottlingInput,
} from "@/lib/schemas/servers";
import { REAL_AGENT_SERVER } from "./credentials";
import { AGENT_OFFLINE_AFTER_MS } from "./jobs";

export type ProtectedServer = {
  id: string;
  name: string;
  osType: string;
  agentVersion: string;
  registeredAt: Date | null;
  lastContactAt: Date | null;
  status: "Online" | "Offline";
  /** Backup items of its folders, soft-deleted ones apart. */
  items: number;
  softDeletedItems: number;
  /** Bytes its repository takes in the vault's storage (restic's raw data). */
  storageUsedBytes: number;
  lastIntegrityCheck: { jobId: string; status: JobStatus; endTime: Date | null } | null;
  throttling: Throttling | null;
  exclusions: Exclusions;
  /** "2 folders, 3 file types", or "None". */
  exclusionsDescription: string;
};

/** How the list orders each column; Status as it reads at `offlineBefore` (no contact since is Offline). */
function serverOrders(
  offlineBefore: Date,
): Record<
  ServerSortColumn,
  ColumnOrder<Prisma.BackupAgentServerWhereInput, Prisma.BackupAgentServerOrderByWithRelationInput>
> {
  return {
    name: { orderBy: (order) => ({ name: order }) },
    status: {
      groups: inLabelOrder(
        [
          { label: "Online", where: { lastContactAt: { gte: offlineBefore } } },
          { label: "Offline", where: { OR: [{ lastContactAt: null }, { lastContactAt: { lt: offlineBefore } }] } },
        ],
        (status) => status.label,
        (status) => status.where,
      ),
    },
    agent: { orderBy: (order) => ({ agentVersion: { sort: order, nulls: "last" } }) },
    registered: { orderBy: (order) => ({ registeredAt: { sort: order, nulls: "last" } }) },
  };
}

/** The vault's servers registered by a Backup Agent, by name unless sorted otherwise. */
export async function listProtectedServers(
  db: Db,
  vaultId: string,
  store: RepositoryStore,
  now: Date,
  sort = DEFAULT_SERVER_SORT,
): Promise<ProtectedServer[]> {
  const offlineBefore = now.getTime() - AGENT_OFFLINE_AFTER_MS;
  const servers = await findSorted(
    (args) =>
      db.backupAgentServer.findMany({
        ...args,
        select: {
          id: true,
          name: true,
          osType: true,
          agentVersion: true,
          registeredAt: true,
          lastContactAt: true,
          throttling: true,
          exclusions: true,
          folders: { select: { protectedItems: { select: { deletedAt: true } } } },
          jobs: {
            where: { operation: "IntegrityCheck" },
            orderBy: { startTime: "desc" },
            take: 1,
            select: { id: true, status: true, endTime: true },
          },
        },
      }),
    {
      where: { vaultId, ...REAL_AGENT_SERVER },
      column: serverOrders(new Date(offlineBefore))[sort.column],
      direction: sort.direction,
      tiebreak: [{ name: "asc" }, { id: "asc" }],
    },
  );
  const sizes = await Promise.all(servers.map((server) => store.repositorySize(server.id)));
  return servers.map((server, index) => {
    const items = server.folders.flatMap((folder) => folder.protectedItems);
    const softDeletedItems = items.filter((item) => item.deletedAt).length;
    const check = server.jobs[0];
    const exclusions = exclusionsOf(server.exclusions);
    return {
      id: server.id,
      name: server.name,
      osType: server.osType,
      agentVersion: server.agentVersion ?? "",
      registeredAt: server.registeredAt,
      lastContactAt: server.lastContactAt,
      // As the agents' jobs judge it (failJobsOfOfflineAgents): no contact for 10 minutes is Offline.
      status: server.lastContactAt && server.lastContactAt.getTime() >= offlineBefore ? "Online" : "Offline",
      items: items.length - softDeletedItems,
      softDeletedItems,
      storageUsedBytes: sizes[index],
      lastIntegrityCheck: check ? { jobId: check.id, status: check.status, endTime: check.endTime } : null,
      throttling: throttlingOf(server.throttling),
      exclusions,
      exclusionsDescription: describeExclusions(exclusions),
    };
  });
}

const NOT_REGISTERED = "The server isn't registered to this vault by a Backup Agent.";

/** The settings of a server that its agent applies, each with its operation (activity log) and permission. */
const SETTINGS = {
  throttling: {
    schema: throttlingInputSchema,
    operation: "Change network throttling",
    permission: "vaultSettings",
    stored: (value: unknown) => throttlingOf(value) ?? {},
  },
  // Backup Operators may change them: in Azure they are part of configuring what the server backs up.
  exclusions: {
    schema: exclusionsInputSchema,
    operation: "Change exclusion settings",
    permission: "configureBackup",
    stored: exclusionsOf,
  },
} as const;
type SettingValues = { throttling: Throttling; exclusions: Exclusions };

/** Saves one of the server's settings, recording what changed. */
async function updateSetting<K extends keyof SettingValues>(
  db: Db,
  setting: K,
  input: { vaultId?: unknown; serverId?: unknown },
  actor: Actor,
): Promise<ServiceResult<{ name: string } & Record<K, SettingValues[K]>>> {
  const { schema, operation, permission, stored } = SETTINGS[setting];
  const scope = { actor, vaultId: requestedId(input?.vaultId), operation, permission };
  return withActivity(db, scope, String(input?.serverId ?? ""), async () => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, serverId, ...value } = parsed.data;
    return db.$transaction(async (tx) => {
      const server = await tx.backupAgentServer.findFirst({
        where: { id: serverId, vaultId, ...REAL_AGENT_SERVER },
        select: { id: true, name: true, throttling: true, exclusions: true },
      });
      if (!server) return fail("ResourceNotFound", NOT_REGISTERED);
      await tx.backupAgentServer.update({ where: { id: server.id }, data: { [setting]: value } });
      await recordActivity(tx, scope, server.name, changed(stored(server[setting]), value));
      // TypeScript types a computed key as an index signature: the result's type is stated.
      return ok({ name: server.name, [setting]: value } as { name: string } & Record<K, SettingValues[K]>);
    });
  });
}

/** The server's Network throttling, which its agent applies to its uploads. */
export function updateThrottling(db: Db, input: ThrottlingInput, actor: Actor) {
  return updateSetting(db, "throttling", input, actor);
}

/** The server's Exclusion settings, which its agent applies to every backup of its folders. */
export function updateExclusions(db: Db, input: ExclusionsInput, actor: Actor) {
  return updateSetting(db, "exclusions", input, actor);
}

const deleteServerSchema = serverRefSchema.extend({
  confirmName: z.string().trim().min(1, "Type the server's name to confirm."),
});

/**
 * Deletes a server registered by a Backup Agent: its folders, its credential (its agent is refused
 * at once) and its repository in the vault's storage. Refused while any backup item of its folders
 * exists, soft-deleted ones included, whose recovery points are in that repository.
 */
export async function deleteServer(
  db: Db,
  input: { vaultId: string; serverId: string; confirmName: string },
  actor: Actor,
  store: RepositoryStore = getVaultStorage(),
): Promise<ServiceResult<{ name: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Delete protected server",
    permission: "vaultSettings",
  } as const;
  return withActivity(db, scope, String(input?.serverId ?? ""), async () => {
    const parsed = deleteServerSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, serverId, confirmName } = parsed.data;
    const deleted = await db.$transaction(async (tx) => {
      const server = await tx.backupAgentServer.findFirst({
        where: { id: serverId, vaultId, ...REAL_AGENT_SERVER },
        select: { id: true, name: true },
      });
      if (!server) return fail("ResourceNotFound", NOT_REGISTERED);
      if (!confirmsName(confirmName, server.name))
        return fail("BadRequest", "The name doesn't match.", { confirmName: [`Type '${server.name}' to confirm.`] });
      const items = await tx.protectedItem.count({ where: { fileFolderSource: { serverId: server.id } } });
      if (items > 0) {
        return fail(
          "ServiceResourceNotEmpty",
          `Server '${server.name}' cannot be deleted as it has ${counted(items, "backup item")} (soft-deleted ones included). Stop protection and delete backup data of its items first, and wait for their purge.`,
        );
      }
      // Recoveries queued for this server to run would wait for an agent that is gone.
      await tx.job.updateMany({
        where: { recoveryServerId: server.id, status: { in: ["InProgress", "Cancelling"] } },
        data: {
          status: "Cancelled",
          endTime: new Date(),
          isCancellable: false,
          errorMessage: `The server the files were to be recovered to (${server.name}) was deleted.`,
        },
      });
      await tx.backupAgentServer.delete({ where: { id: server.id } });
      const spec = securityAlert(
        "ServerDeleted",
        { scopeKey: serverScope(server.id), resourceName: server.name },
        {
          message: "The server's registration and its backup storage were removed from the vault.",
          actor: actor.email,
        },
      );
      await raiseAlert(tx, vaultId, spec, new Date());
      await recordActivity(tx, scope, server.name);
      return ok({ id: server.id, name: server.name });
    });
    if (!deleted.ok) return deleted;
    // After the commit: a failed transaction must leave the backups in place.
    await store.removeRepository(deleted.data.id);
    return ok({ name: deleted.data.name });
  });
}
