// Backup Infrastructure → Protected Servers: the servers real Backup Agents registered, Online or
// Offline, with their items, storage used and last integrity check; their network throttling; their
// exclusion settings, which the agent's backups carry; and deleting one, which needs its name, no
// backup items left, and takes its repository and credential.
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Throttling } from "@/lib/domain/agent/throttling";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { authenticateAgent, createVaultCredential, registerAgentServer } from "@/lib/server/agents/credentials";
import { addServerFolder } from "@/lib/server/agents/folders";
import { AGENT_OFFLINE_AFTER_MS, pollForJob, reportResult } from "@/lib/server/agents/jobs";
import { answerRequest, askAgent } from "@/lib/server/agents/requests";
import { deleteServer, listProtectedServers, updateExclusions, updateThrottling } from "@/lib/server/agents/servers";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { sweepRetention } from "@/lib/server/engine/sweep";
import { assignRole } from "@/lib/server/services/access";
import { createPolicy } from "@/lib/server/services/policies";
import { backupNow, configureBackup, stopBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { LocalDirectoryStore } from "@/lib/server/vault-storage/store";
import { describeOnDatabases } from "./databases";

// The services that follow a change with the storage (soft delete) find it here, as the server does.
const storageRoot = await mkdtemp(path.join(os.tmpdir(), "agent-servers-"));
process.env.VAULT_STORAGE_DIR = storageRoot;
const store = new LocalDirectoryStore(storageRoot);

const OWNER = systemActor("owner@contoso.com");
const OFFICE: Throttling = {
  enabled: true,
  workDays: [1, 2, 3, 4, 5],
  workStart: "08:00",
  workEnd: "18:00",
  workKbps: 1000,
  nonWorkKbps: 10_000,
};
const DATA_OBJECT = "ab".repeat(32);

afterAll(async () => {
  await rm(storageRoot, { recursive: true, force: true });
});

/** Polls `check` until it gives a value (10 s at most). */
async function until<T>(check: () => Promise<T | null>): Promise<T> {
  for (let tries = 0; tries < 100; tries++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Timed out.");
}

describeOnDatabases("Protected Servers (Azure Backup Agent)", (database) => {
  let db: Db;
  let vaultId = "";
  let policyId = "";
  let serverId = "";
  let serverSecret = "";
  const roles: Record<"Reader" | "Operator" | "Contributor", Actor> = {} as never;
  const serverName = () => `fs01-${database().provider}.contoso.com`;
  const basicAuth = () => `Basic ${Buffer.from(`${serverId}:${serverSecret}`).toString("base64")}`;
  const stored = () => db.backupAgentServer.findUnique({ where: { id: serverId } });
  const listed = async (now = new Date()) =>
    (await listProtectedServers(db, vaultId, store, now)).find((server) => server.id === serverId);

  beforeAll(async () => {
    db = database().db;
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-servers",
        name: `vault-servers-${database().provider}`,
        location: "westeurope",
      },
      OWNER,
    );
    if (!vault.ok) throw new Error(vault.message);
    vaultId = vault.data.id;
    const policy = await createPolicy(
      db,
      { vaultId, name: "Files-Daily", policy: draftToProperties(newPolicyDraft("MAB")) },
      OWNER,
    );
    if (!policy.ok) throw new Error(policy.message);
    policyId = policy.data.id;
    const credential = await createVaultCredential(db, { vaultId }, OWNER, "http://127.0.0.1:3000");
    if (!credential.ok) throw new Error(credential.message);
    const registered = await registerAgentServer(db, {
      vaultCredential: credential.data.file.secret,
      name: serverName(),
      osType: "Debian GNU/Linux 12",
      agentVersion: "1.4.2",
    });
    if (!registered.ok) throw new Error(registered.message);
    ({ serverId, serverSecret } = registered.data);
    // A demo server of the same vault: simulated, so not a protected server of this blade.
    await db.backupAgentServer.create({
      data: {
        name: `demo-${database().provider}.contoso.com`,
        osType: "Windows Server 2022",
        vaultId,
        registeredAt: new Date(),
      },
    });
    for (const role of ["Reader", "Operator", "Contributor"] as const) {
      const actor: Actor = {
        userId: `servers-${role}-${database().provider}`,
        email: `${role.toLowerCase()}@servers.test`,
        name: role,
        isOwner: false,
      };
      await db.user.create({ data: { id: actor.userId, name: actor.name, email: actor.email, role: "user" } });
      const assigned = await assignRole(db, { vaultId, userId: actor.userId, role }, OWNER);
      if (!assigned.ok) throw new Error(assigned.message);
      roles[role] = actor;
    }
  });

  it("lists the servers of real agents, Online until 10 minutes without contact, then Offline with the last contact", async () => {
    const servers = await listProtectedServers(db, vaultId, store, new Date());
    expect(servers.map((server) => server.name)).toEqual([serverName()]);
    expect(servers[0]).toMatchObject({
      osType: "Debian GNU/Linux 12",
      agentVersion: "1.4.2",
      status: "Online",
      items: 0,
      softDeletedItems: 0,
      storageUsedBytes: 0,
      lastIntegrityCheck: null,
      throttling: null,
      registeredAt: expect.any(Date),
    });

    const lastContactAt = (await stored())!.lastContactAt!;
    expect((await listed(new Date(lastContactAt.getTime() + AGENT_OFFLINE_AFTER_MS)))?.status).toBe("Online");
    expect(await listed(new Date(lastContactAt.getTime() + AGENT_OFFLINE_AFTER_MS + 1))).toMatchObject({
      status: "Offline",
      lastContactAt,
    });

    const quiet = new Date(Date.now() - AGENT_OFFLINE_AFTER_MS - 60_000);
    await db.backupAgentServer.update({ where: { id: serverId }, data: { lastContactAt: quiet } });
    expect(await listed()).toMatchObject({ status: "Offline", lastContactAt: quiet });
    await db.backupAgentServer.update({ where: { id: serverId }, data: { lastContactAt: new Date() } });
    expect((await listed())?.status).toBe("Online");
  });

  it("counts the items of its folders (soft-deleted apart), its repository's bytes and its last integrity check", async () => {
    const itemIds: string[] = [];
    for (const folderPath of ["/srv/finance", "/srv/archive"]) {
      const folder = await addServerFolder(db, { vaultId, serverId, path: folderPath }, OWNER);
      if (!folder.ok) throw new Error(folder.message);
      const configured = await configureBackup(
        db,
        { vaultId, backupManagementType: "MAB", sourceIds: [folder.data.id], policyId },
        OWNER,
      );
      if (!configured.ok) throw new Error(configured.message);
      itemIds.push(configured.data.itemIds[0]);
    }
    const stopped = await stopBackup(
      db,
      { vaultId, itemId: itemIds[1], mode: "delete", confirmName: "/srv/archive" },
      OWNER,
    );
    if (!stopped.ok) throw new Error(stopped.message);

    await store.createRepository(serverId);
    await store.write(serverId, { type: "data", name: DATA_OBJECT }, Readable.from([new Uint8Array(5000)]));
    const started = new Date(Date.now() - 86_400_000);
    const check = (status: "Completed" | "Failed", at: Date) => ({
      vaultId,
      backupServerId: serverId,
      operation: "IntegrityCheck" as const,
      status,
      startTime: at,
      endTime: new Date(at.getTime() + 60_000),
      entityFriendlyName: serverName(),
      backupManagementType: "MAB" as const,
      subTasks: [],
      initiatedBy: "Scheduled",
    });
    await db.job.create({ data: check("Failed", new Date(started.getTime() - 7 * 86_400_000)) });
    const latest = await db.job.create({ data: check("Completed", started) });

    expect(await listed()).toMatchObject({
      items: 1,
      softDeletedItems: 1,
      storageUsedBytes: 5000,
      lastIntegrityCheck: { jobId: latest.id, status: "Completed", endTime: latest.endTime },
    });
  });

  it("saves network throttling for Backup Contributors, refusing bad values field by field and other roles, changing nothing", async () => {
    const ref = { vaultId, serverId };
    const refused = await updateThrottling(
      db,
      { ...ref, ...OFFICE, workKbps: 100, workStart: "8am", workDays: [] },
      OWNER,
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "BadRequest",
      fieldErrors: {
        workKbps: ["Enter a bandwidth from 512 Kbps to 1,023 Mbps."],
        workStart: ["Enter a time such as 08:00."],
        workDays: ["Choose at least one work day."],
      },
    });
    expect(await updateThrottling(db, { ...ref, ...OFFICE, workEnd: "08:00" }, OWNER)).toEqual({
      ok: false,
      code: "BadRequest",
      message: expect.any(String),
      fieldErrors: { workEnd: ["Work hours must end at another time than they start."] },
    });
    for (const role of ["Reader", "Operator"] as const) {
      expect(await updateThrottling(db, { ...ref, ...OFFICE }, roles[role])).toMatchObject({
        ok: false,
        code: "AuthorizationFailed",
      });
    }
    expect(await updateThrottling(db, { vaultId, serverId: "no-such-server", ...OFFICE }, OWNER)).toMatchObject({
      ok: false,
      code: "ResourceNotFound",
    });
    expect((await stored())?.throttling).toBeNull();

    const saved = await updateThrottling(db, { ...ref, ...OFFICE, workDays: [5, 1, 2, 3, 4] }, roles.Contributor);
    expect(saved).toEqual({ ok: true, data: { name: serverName(), throttling: OFFICE } });
    expect((await listed())?.throttling).toEqual(OFFICE);
    const faster = await updateThrottling(db, { ...ref, ...OFFICE, workKbps: 2000 }, OWNER);
    expect(faster.ok).toBe(true);
    const entry = await db.activityLogEntry.findFirstOrThrow({
      where: { vaultId, operation: "Change network throttling", result: "Succeeded" },
      orderBy: { at: "desc" },
    });
    expect(entry).toMatchObject({ resource: serverName(), changes: { workKbps: [1000, 2000] } });
    expect(
      await db.activityLogEntry.count({ where: { vaultId, operation: "Change network throttling", result: "Denied" } }),
    ).toBe(2);
  });

  it("saves exclusion settings for Backup Operators, refusing bad entries where they are and Readers, changing nothing; the agent's backups carry them", async () => {
    const ref = { vaultId, serverId };
    const EXCLUDED = { folders: ["/srv/finance/cache", "/srv/finance/tmp"], fileTypes: ["*.TMP", "iso", ".bak"] };
    const refused = await updateExclusions(
      db,
      { ...ref, folders: ["/srv/finance/cache", "cache", "/srv/finance/cache"], fileTypes: ["*.t?p", ".iso"] },
      OWNER,
    );
    expect(refused).toEqual({
      ok: false,
      code: "BadRequest",
      message: expect.any(String),
      fieldErrors: {
        "folders.1": ["Enter an absolute path such as /srv/data."],
        "folders.2": ["/srv/finance/cache is excluded already."],
        "fileTypes.0": ["Enter an extension such as .tmp: 1 to 20 letters, digits, _ or -."],
      },
    });
    const tooMany = await updateExclusions(
      db,
      { ...ref, folders: [], fileTypes: Array.from({ length: 101 }, (_, index) => `.t${index}`) },
      OWNER,
    );
    expect(tooMany).toMatchObject({ ok: false, fieldErrors: { fileTypes: ["Exclude at most 100 file types."] } });
    expect(await updateExclusions(db, { ...ref, ...EXCLUDED }, roles.Reader)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
    });
    expect(await updateExclusions(db, { vaultId, serverId: "no-such-server", ...EXCLUDED }, OWNER)).toMatchObject({
      ok: false,
      code: "ResourceNotFound",
    });
    expect((await stored())?.exclusions).toBeNull();
    expect(await listed()).toMatchObject({ exclusions: { folders: [], fileTypes: [] }, exclusionsDescription: "None" });

    const saved = await updateExclusions(db, { ...ref, ...EXCLUDED }, roles.Operator);
    const normalised = { folders: EXCLUDED.folders, fileTypes: [".tmp", ".iso", ".bak"] };
    expect(saved).toEqual({ ok: true, data: { name: serverName(), exclusions: normalised } });
    expect(await listed()).toMatchObject({ exclusions: normalised, exclusionsDescription: "2 folders, 3 file types" });
    const entry = await db.activityLogEntry.findFirstOrThrow({
      where: { vaultId, operation: "Change exclusion settings", result: "Succeeded" },
    });
    expect(entry).toMatchObject({
      resource: serverName(),
      actorEmail: "operator@servers.test",
      changes: { folders: [[], normalised.folders], fileTypes: [[], normalised.fileTypes] },
    });
    expect(
      await db.activityLogEntry.count({ where: { vaultId, operation: "Change exclusion settings", result: "Denied" } }),
    ).toBe(1);

    // The agent's next Backup job of an item on the server carries them to restic.
    const item = await db.protectedItem.findFirstOrThrow({
      where: { fileFolderSource: { serverId }, deletedAt: null },
      select: { id: true },
    });
    const queued = await backupNow(db, { vaultId, itemId: item.id }, OWNER);
    if (!queued.ok) throw new Error(queued.message);
    const agentServer = (await authenticateAgent(db, basicAuth()))!;
    const polled = await pollForJob(db, agentServer, { waitSeconds: 0 }, new AbortController().signal, store);
    expect(polled).toMatchObject({
      ok: true,
      data: { job: { jobId: queued.data.jobId, operation: "Backup", paths: ["/srv/finance"], exclusions: normalised } },
    });
    expect(await reportResult(db, agentServer, queued.data.jobId, { outcome: "Cancelled" }, store)).toEqual({
      ok: true,
      data: { status: "Cancelled" },
    });

    // A damaged setting excludes nothing rather than stopping the backups.
    await db.backupAgentServer.update({
      where: { id: serverId },
      data: { exclusions: { folders: "/srv/finance/cache", fileTypes: [".tmp", 42] } },
    });
    expect(await listed()).toMatchObject({ exclusions: { folders: [], fileTypes: [] }, exclusionsDescription: "None" });
  });

  it("puts questions to the agent with its poll; the first answer from its own server counts; an unanswered one leaves nothing", async () => {
    const agentServer = (await authenticateAgent(db, basicAuth()))!;
    const question = { kind: "ListFolder" as const, snapshotId: "0123abcd", folder: "/srv/finance" };
    const answer = {
      entries: [{ name: "a.txt", path: "/srv/finance/a.txt", type: "file" as const, size: 3, mtime: null }],
      truncated: false,
    };
    const asked = askAgent(db, serverId, question, 5000);
    const polled = await until(async () => {
      const result = await pollForJob(db, agentServer, { waitSeconds: 0 }, new AbortController().signal, store);
      return result.ok && result.data.requests?.length ? result.data : null;
    });
    expect(polled).toMatchObject({ job: null, requests: [{ question }] });
    const requestId = polled.requests![0].id;
    const other = { ...agentServer, id: "another-server" };
    expect(await answerRequest(db, other, requestId, answer)).toMatchObject({ ok: false, code: "Conflict" });
    expect(await answerRequest(db, agentServer, requestId, { entries: "no" })).toMatchObject({
      ok: false,
      code: "BadRequest",
    });
    expect(await answerRequest(db, agentServer, requestId, answer)).toEqual({ ok: true, data: { accepted: true } });
    expect(await answerRequest(db, agentServer, requestId, { error: "late" })).toMatchObject({ ok: false });
    expect(await asked).toEqual(answer);
    expect(await askAgent(db, serverId, question, 300)).toBeNull();
    expect(await db.agentRequest.count({ where: { serverId } })).toBe(0);
  });

  it("deletes a server only by its name and once no backup item of its folders is left; its repository and credential go with it", async () => {
    const input = { vaultId, serverId, confirmName: serverName() };
    expect(await deleteServer(db, { ...input, confirmName: "fs01" }, OWNER, store)).toMatchObject({
      ok: false,
      fieldErrors: { confirmName: [`Type '${serverName()}' to confirm.`] },
    });
    expect(await deleteServer(db, input, roles.Operator, store)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
    });
    const refused = await deleteServer(db, input, OWNER, store);
    expect(refused).toMatchObject({ ok: false, code: "ServiceResourceNotEmpty" });
    expect(refused.ok ? "" : refused.message).toContain("it has 2 backup items (soft-deleted ones included)");

    // Stop protection and delete the remaining item's data: soft-deleted, it still holds the server.
    const items = await db.protectedItem.findMany({
      where: { fileFolderSource: { serverId } },
      select: { id: true, deletedAt: true },
    });
    const active = items.find((item) => !item.deletedAt)!;
    const stopped = await stopBackup(
      db,
      { vaultId, itemId: active.id, mode: "delete", confirmName: "/srv/finance" },
      OWNER,
    );
    if (!stopped.ok) throw new Error(stopped.message);
    const stillSoftDeleted = await deleteServer(db, input, OWNER, store);
    expect(stillSoftDeleted.ok ? "" : stillSoftDeleted.message).toContain("it has 2 backup items");
    expect(await stored()).not.toBeNull();
    expect(await authenticateAgent(db, basicAuth())).toMatchObject({ id: serverId });
    expect((await stat(path.join(storageRoot, serverId))).isDirectory()).toBe(true);

    // Once purged, the server goes; a recovery queued to run on it (from another server's item) is cancelled.
    const recovery = await db.job.create({
      data: {
        vaultId,
        operation: "Restore",
        status: "InProgress",
        startTime: new Date(),
        entityFriendlyName: "/srv/other",
        backupManagementType: "MAB",
        subTasks: [],
        initiatedBy: OWNER.email,
        recoveryServerId: serverId,
      },
    });
    expect((await sweepRetention(db, new Date(stopped.data.purgeAt!.getTime() + 1000))).purgedItems).toBe(2);
    expect(await deleteServer(db, input, roles.Contributor, store)).toEqual({ ok: true, data: { name: serverName() } });
    expect(await db.job.findUniqueOrThrow({ where: { id: recovery.id } })).toMatchObject({
      status: "Cancelled",
      errorMessage: `The server the files were to be recovered to (${serverName()}) was deleted.`,
    });
    expect(await stored()).toBeNull();
    expect(await db.fileFolderSource.count({ where: { serverId } })).toBe(0);
    await expect(stat(path.join(storageRoot, serverId))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await authenticateAgent(db, basicAuth())).toBeNull();
    expect(await listProtectedServers(db, vaultId, store, new Date())).toEqual([]);
    expect(
      await db.activityLogEntry.count({
        where: { vaultId, operation: "Delete protected server", resource: serverName(), result: "Succeeded" },
      }),
    ).toBe(1);
    // Its jobs stay in the vault's history.
    expect(await db.job.count({ where: { vaultId, operation: "IntegrityCheck" } })).toBe(2);

    expect(await deleteServer(db, input, OWNER, store)).toMatchObject({ ok: false, code: "ResourceNotFound" });
    await store.removeRepository(serverId);
  });
});
