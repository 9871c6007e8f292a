// Folders of a Backup Agent server that Configure backup offers: those the agent reports (its
// volumes' top-level folders, lib/server/agents/jobs.ts) and any absolute path typed by hand,
// which the agent checks when it backs it up (a missing folder fails the backup with the reason).
import { z } from "zod";
import { agentFolderPathSchema } from "@/lib/schemas/agent";
import type { Actor } from "@/lib/server/auth/authorize";
import { recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Db, isUniqueViolation } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { REAL_AGENT_SERVER } from "./credentials";

const addServerFolderSchema = z.object({
  vaultId: z.string().min(1),
  serverId: z.string().min(1, "Choose a server."),
  path: agentFolderPathSchema,
});

export async function addServerFolder(
  db: Db,
  input: { vaultId: string; serverId: string; path: string },
  actor: Actor,
): Promise<ServiceResult<{ id: string; path: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Add folder to back up",
    permission: "configureBackup",
  } as const;
  return withActivity(db, scope, String(input?.path ?? ""), async () => {
    const parsed = addServerFolderSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, serverId, path } = parsed.data;
    const server = await db.backupAgentServer.findFirst({
      where: { id: serverId, vaultId, ...REAL_AGENT_SERVER },
      select: { name: true },
    });
    if (!server)
      return fail("ResourceNotFound", "The server isn't registered to this vault by a Backup Agent.", {
        serverId: ["Choose a server registered to this vault."],
      });
    const existing = await db.fileFolderSource.findUnique({
      where: { serverId_path: { serverId, path } },
      select: { id: true, path: true },
    });
    if (existing) return ok(existing);
    try {
      const [folder] = await db.$transaction([
        db.fileFolderSource.create({
          data: { serverId, path, sizeGb: 0, dailyChangeRatePercent: 0 },
          select: { id: true, path: true },
        }),
        recordActivity(db, scope, `${server.name} ${path}`),
      ]);
      return ok(folder);
    } catch (error) {
      // Added meanwhile (the agent reported it, or another request).
      if (!isUniqueViolation(error)) throw error;
      return ok(
        await db.fileFolderSource.findUniqueOrThrow({
          where: { serverId_path: { serverId, path } },
          select: { id: true, path: true },
        }),
      );
    }
  });
}

/** The vault's servers registered by a Backup Agent, whose folders can be typed by hand. */
export function agentServersOf(db: Db, vaultId: string) {
  return db.backupAgentServer.findMany({
    where: { vaultId, ...REAL_AGENT_SERVER },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
