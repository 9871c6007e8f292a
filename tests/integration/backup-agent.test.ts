// The Backup Agent for real: the production server, a real agent process (bin/vault-portal-agent.mjs)
// and restic. Registration with vault credentials, backups of a folder tree into the portal's
// storage, restore by hand with restic and Recover Data from the portal, retention and soft delete acting on the snapshots, the
// agent's append-only access, and an agent killed mid-backup.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addServerFolder } from "@/lib/server/agents/folders";
import { createVaultCredential } from "@/lib/server/agents/credentials";
import { AGENT_LEASE_MS } from "@/lib/server/agents/jobs";
import { queueMaintenance } from "@/lib/server/agents/maintenance";
import { updateThrottling } from "@/lib/server/agents/servers";
import { cancelJob } from "@/lib/server/services/jobs";
import { systemActor } from "@/lib/server/auth/authorize";
import { claimJobs, failExpiredLeases } from "@/lib/server/engine/runner";
import { sweepRetention } from "@/lib/server/engine/sweep";
import { backupNow, configureBackup, resumeBackup, stopBackup, undeleteItem } from "@/lib/server/services/protection";
import { createPolicy } from "@/lib/server/services/policies";
import { createVault } from "@/lib/server/services/vaults";
import { browseRecoveryPoint, downloadFromPoint, recoverFiles } from "@/lib/server/services/restore";
import { copyNameOf, type FileRecoveryDetails } from "@/lib/domain/restore/file-recovery";
import type { FileRecoveryInput } from "@/lib/schemas/restore";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { reconcileStorage } from "@/lib/server/vault-storage/reconcile";
import { getVaultStorage } from "@/lib/server/vault-storage/storage";
import { describeOnDatabases } from "./databases";
import { type PortalServer, startPortalServer } from "./portal-server";

const run = promisify(execFile);
const OWNER = systemActor("owner@contoso.com");
const PASSPHRASE = "correct horse battery staple 42";
const AGENT = path.resolve("bin/vault-portal-agent.mjs");
const MIB = 1024 * 1024;
/** restic moves tens of megabytes per test. */
const RESTIC_TEST_TIMEOUT_MS = 180_000;

// One storage folder for the file: the services called here find it through VAULT_STORAGE_DIR, as the server does.
const storageDir = await mkdtemp(path.join(os.tmpdir(), "vault-storage-"));
process.env.VAULT_STORAGE_DIR = storageDir;

async function agent(home: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [AGENT, ...args], {
      env: { ...process.env, AGENT_HOME: home },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** restic by hand, on a server's repository in the portal, with its agent's state. */
async function restic(home: string, args: string[]) {
  const registration = JSON.parse(await readFile(path.join(home, "registration.json"), "utf8")) as {
    portalUrl: string;
    serverId: string;
    serverSecret: string;
  };
  const url = new URL(`/api/vault-storage/${registration.serverId}/`, registration.portalUrl);
  url.username = registration.serverId;
  url.password = registration.serverSecret;
  const env = {
    ...process.env,
    HOME: home,
    RESTIC_REPOSITORY: `rest:${url}`,
    RESTIC_PASSWORD_FILE: path.join(home, "passphrase"),
    RESTIC_CACHE_DIR: path.join(home, "manual-cache"),
  };
  return run("restic", args, { env, maxBuffer: 64 * MIB });
}

/** Every file, folder and link under `root` with what must survive a restore. */
async function describeTree(root: string): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  async function walk(folder: string) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const relative = path.relative(root, full);
      const info = await lstat(full);
      if (entry.isSymbolicLink()) tree[relative] = `link → ${await readlink(full)}`;
      else if (entry.isDirectory()) {
        tree[relative] = `dir ${(info.mode & 0o7777).toString(8)}`;
        await walk(full);
      } else
        tree[relative] = `file ${(info.mode & 0o7777).toString(8)} ${Math.floor(info.mtimeMs / 1000)} ${createHash(
          "sha256",
        )
          .update(await readFile(full))
          .digest("hex")}`;
    }
  }
  await walk(root);
  return tree;
}

async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every agent process a test started, stopped at the end whatever happened. */
const daemons: ChildProcess[] = [];

function startDaemon(home: string): ChildProcess {
  // AGENT_LOG=1 shows what the agent says.
  const child = spawn(process.execPath, [AGENT, "run"], {
    env: { ...process.env, AGENT_HOME: home, AGENT_POLL_SECONDS: "1" },
    stdio: ["ignore", process.env.AGENT_LOG ? "inherit" : "ignore", "inherit"],
    detached: true,
  });
  daemons.push(child);
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, signal);
  } catch {
    // Gone already.
  }
}

/** Kills an agent and its restic, and waits until they are gone: restic takes a lock whose process still exists (a zombie) for a live one. */
async function killAgent(child: ChildProcess) {
  const group = child.pid!;
  killGroup(child, "SIGKILL");
  await until(
    async () => !(await run("ps", ["-eo", "pgid="])).stdout.split("\n").some((line) => Number(line) === group),
    30_000,
    "the agent's processes to go",
  );
}

describeOnDatabases("Backup Agent with restic", (database) => {
  let server: PortalServer;
  let scratch: string;
  let home: string;
  let source: string;
  let daemon: ChildProcess | null = null;
  let vaultId = "";
  let policyId = "";
  let itemId = "";
  let serverId = "";
  let credentialsFile = "";

  /** The item's newest recovery point, which the recoveries read. */
  const latestPoint = () =>
    database().db.recoveryPoint.findFirstOrThrow({ where: { protectedItemId: itemId }, orderBy: { time: "desc" } });

  async function finishedJob(jobId: string) {
    try {
      return await until(
        async () => {
          const job = await database().db.job.findUniqueOrThrow({ where: { id: jobId } });
          return job.status === "InProgress" || job.status === "Cancelling" ? null : job;
        },
        120_000,
        `job ${jobId}`,
      );
    } catch (error) {
      const job = await database().db.job.findUniqueOrThrow({ where: { id: jobId } });
      throw new Error(
        `${(error as Error).message} ${job.operation} ${job.status} claimed by ${job.claimedBy ?? "none"}`,
      );
    }
  }

  beforeAll(async () => {
    const { db } = database();
    scratch = await mkdtemp(path.join(os.tmpdir(), "agent-test-"));
    home = path.join(scratch, "agent-home");
    source = path.join(scratch, "data");
    await mkdir(path.join(source, "reports", "2026", "11"), { recursive: true });
    await mkdir(path.join(source, "empty folder"));
    await writeFile(
      path.join(source, "reports", "2026", "11", "summary.txt"),
      Array.from({ length: 2000 }, (_, line) => `line ${line}: ${"x".repeat(60)}`).join("\n"),
    );
    await writeFile(path.join(source, "Grüße – 報告.txt"), "Unicode names survive.\n");
    await writeFile(path.join(source, "empty.txt"), "");
    await writeFile(path.join(source, "large.bin"), randomBytes(50 * MIB));
    await writeFile(path.join(source, "run.sh"), "#!/bin/sh\necho hi\n", { mode: 0o750 });
    await symlink("reports/2026/11/summary.txt", path.join(source, "latest-summary"));
    server = await startPortalServer(database().url, { VAULT_STORAGE_DIR: storageDir });
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-agent",
        name: `vault-agent-${database().provider}`,
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
    const credential = await createVaultCredential(db, { vaultId }, OWNER, server.baseUrl);
    if (!credential.ok) throw new Error(credential.message);
    credentialsFile = path.join(scratch, credential.data.fileName);
    await writeFile(credentialsFile, JSON.stringify(credential.data.file));
  });

  afterAll(async () => {
    for (const child of daemons) killGroup(child, "SIGKILL");
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it(
    "registers with vault credentials once, keeping the passphrase on the server",
    async () => {
      const { db } = database();
      const short = path.join(scratch, "short-passphrase");
      await writeFile(short, "too short\n");
      const refused = await agent(home, [
        "register",
        "--vault-credentials",
        credentialsFile,
        "--passphrase-file",
        short,
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("at least 16 characters");
      expect(await db.backupAgentServer.count({ where: { vaultId } })).toBe(0);

      const passphraseFile = path.join(scratch, "passphrase.txt");
      await writeFile(passphraseFile, `${PASSPHRASE}\n`);
      const name = `fs-${database().provider}.contoso.com`;
      const registered = await agent(home, [
        "register",
        "--vault-credentials",
        credentialsFile,
        "--passphrase-file",
        passphraseFile,
        "--name",
        name,
      ]);
      expect(registered.stderr).toBe("");
      expect(registered.code).toBe(0);
      expect(registered.stdout).toContain(`Registered ${name} to vault vault-agent-${database().provider}`);
      expect(registered.stdout).toContain("if it is lost, nobody can restore these backups");
      for (const file of ["registration.json", "passphrase"])
        expect((await stat(path.join(home, file))).mode & 0o777).toBe(0o600);
      expect(await readFile(path.join(home, "passphrase"), "utf8")).toBe(PASSPHRASE);

      const stored = await db.backupAgentServer.findFirstOrThrow({ where: { vaultId } });
      serverId = stored.id;
      expect(stored).toMatchObject({ name, agentVersion: expect.any(String), registeredAt: expect.any(Date) });
      expect(
        await db.job.count({
          where: { vaultId, operation: "Register", entityFriendlyName: name, status: "Completed" },
        }),
      ).toBe(1);
      // The vault knows nothing of the passphrase.
      const everything = JSON.stringify([
        stored,
        await db.activityLogEntry.findMany(),
        await db.vaultCredential.findMany(),
      ]);
      expect(everything).not.toContain(PASSPHRASE);
      // The repository exists in the vault's storage, encrypted: its config isn't readable text.
      expect((await restic(home, ["cat", "config"])).stdout).toContain('"version"');

      // The credentials served once.
      const again = await agent(path.join(scratch, "second-home"), [
        "register",
        "--vault-credentials",
        credentialsFile,
        "--passphrase-file",
        passphraseFile,
        "--name",
        "other.contoso.com",
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("The vault credentials are not valid");
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "backs up a folder for real: Backup now runs the full copy, the next one transfers only the change",
    async () => {
      const { db } = database();
      daemon = startDaemon(home);
      // The agent reports the server's top-level folders; a folder below them is typed by hand.
      await until(
        () => db.fileFolderSource.count({ where: { serverId, path: "/tmp" } }),
        30_000,
        "the reported folders",
      );
      const folder = await addServerFolder(db, { vaultId, serverId, path: source }, OWNER);
      if (!folder.ok) throw new Error(folder.message);
      const configured = await configureBackup(
        db,
        { vaultId, backupManagementType: "MAB", sourceIds: [folder.data.id], policyId },
        OWNER,
      );
      if (!configured.ok) throw new Error(configured.message);
      itemId = configured.data.itemIds[0];

      const first = await backupNow(db, { vaultId, itemId }, OWNER);
      if (!first.ok) throw new Error(first.message);
      const full = await finishedJob(first.data.jobId);
      expect(full.errorMessage).toBeNull();
      expect(full.status).toBe("Completed");
      // restic counts regular files (the symlink is in the snapshot, not in these counts).
      expect(full.figures).toMatchObject({ filesNew: 5, filesChanged: 0, warnings: [] });
      expect(Number(full.bytesTransferred)).toBeGreaterThan(50 * MIB);
      const fullPoint = await db.recoveryPoint.findFirstOrThrow({ where: { jobId: full.id } });
      expect(fullPoint).toMatchObject({
        type: "Full",
        isOnDemand: true,
        snapshotId: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      await writeFile(
        path.join(source, "reports", "2026", "11", "summary.txt"),
        `${await readFile(path.join(source, "reports", "2026", "11", "summary.txt"), "utf8")}\none more line`,
      );
      const second = await backupNow(db, { vaultId, itemId }, OWNER);
      if (!second.ok) throw new Error(second.message);
      const incremental = await finishedJob(second.data.jobId);
      expect(incremental.status).toBe("Completed");
      expect(incremental.figures).toMatchObject({ filesNew: 0, filesChanged: 1, filesUnmodified: 4 });
      expect(Number(incremental.bytesTransferred)).toBeLessThan(Number(full.bytesTransferred) / 100);
      expect(await db.recoveryPoint.findFirstOrThrow({ where: { jobId: incremental.id } })).toMatchObject({
        type: "Incremental",
      });
      expect(await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        protectionState: "Protected",
        lastBackupStatus: "Completed",
      });
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "restores with restic by hand, byte for byte, with modes and mtimes",
    async () => {
      const target = path.join(scratch, "restored");
      await restic(home, ["restore", "latest", "--target", target]);
      expect(await describeTree(path.join(target, source))).toEqual(await describeTree(source));
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "Recover Data from the portal: a deleted folder comes back byte for byte; existing items are copied, skipped or overwritten as chosen; another location",
    async () => {
      const { db } = database();
      const point = await latestPoint();
      // What the point holds, as restic restored it by hand in the test before.
      const backedUp = await describeTree(path.join(scratch, "restored", source));
      const recover = async (request: Partial<FileRecoveryInput>) => {
        const queued = await recoverFiles(
          db,
          {
            vaultId,
            itemId,
            recoveryPointId: point.id,
            items: [],
            destination: null,
            conflict: "CreateCopies",
            restoreAcls: true,
            ...request,
          },
          OWNER,
        );
        if (!queued.ok) throw new Error(queued.message);
        const job = await finishedJob(queued.data.jobId);
        expect(job.errorMessage).toBeNull();
        expect(job.status).toBe("Completed");
        // The outcome's counts replace the progress figures.
        expect(job.figures).toBeNull();
        return (job.restoreDetails as FileRecoveryDetails).outcome!;
      };
      const stagingLeft = async () =>
        (await readdir(scratch))
          .concat(await readdir(source))
          .filter((name) => name.startsWith(".vault-portal-recovery"));

      // Select Items to Recover: the agent lists the point's folders and finds names in it.
      const browse = (request: { folder?: string; search?: string }) =>
        browseRecoveryPoint(db, { vaultId, itemId, recoveryPointId: point.id, ...request }, OWNER);
      const names = (result: Awaited<ReturnType<typeof browse>>) =>
        result.ok ? result.data.entries.map((entry) => `${entry.type} ${entry.name}`) : result.message;
      expect(names(await browse({}))).toEqual([
        "dir empty folder",
        "dir reports",
        "file empty.txt",
        "file Grüße – 報告.txt",
        "file large.bin",
        "symlink latest-summary",
        "file run.sh",
      ]);
      expect(names(await browse({ folder: path.join(source, "reports", "2026") }))).toEqual(["dir 11"]);
      const found = await browse({ search: "SUMMARY" });
      expect(found.ok && found.data.entries.map((entry) => entry.path)).toEqual([
        path.join(source, "latest-summary"),
        path.join(source, "reports", "2026", "11", "summary.txt"),
      ]);
      expect(await browse({ folder: "/etc" })).toMatchObject({
        ok: false,
        fieldErrors: { folder: [expect.any(String)] },
      });

      // Downloads stream from the agent: a file as it is (50 MB: past any buffering limit), a folder as a zip archive.
      const download = async (item: string, type: "file" | "dir") => {
        const result = await downloadFromPoint(
          db,
          { vaultId, itemId, recoveryPointId: point.id, path: item, type },
          OWNER,
        );
        if (!result.ok) throw new Error(result.message);
        return { ...result.data, bytes: Buffer.from(await new Response(result.data.stream).arrayBuffer()) };
      };
      const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
      const large = await download(path.join(source, "large.bin"), "file");
      expect(large.fileName).toBe("large.bin");
      expect(sha256(large.bytes)).toBe(sha256(await readFile(path.join(scratch, "restored", source, "large.bin"))));
      const zipped = await download(path.join(source, "reports"), "dir");
      expect(zipped).toMatchObject({ fileName: "reports.zip", contentType: "application/zip" });
      const zipFile = path.join(scratch, "reports.zip");
      await writeFile(zipFile, zipped.bytes);
      const unzipped = await run("python3", [
        "-c",
        "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(next(z.read(n).decode() for n in z.namelist() if n.endswith('summary.txt')), end='')",
        zipFile,
      ]);
      expect(unzipped.stdout).toBe(
        await readFile(path.join(scratch, "restored", source, "reports", "2026", "11", "summary.txt"), "utf8"),
      );
      expect(await readdir(path.join(storageDir, ".downloads"))).toEqual([]);
      expect(await db.agentRequest.count()).toBe(0);

      // A folder deleted on the server comes back as it was.
      await rm(path.join(source, "reports"), { recursive: true });
      expect(await recover({ items: [path.join(source, "reports")] })).toMatchObject({
        filesRecovered: 1,
        copiesCreated: 0,
        failures: [],
      });
      expect(await describeTree(source)).toEqual(backedUp);

      // The server changed one file and added another since the point.
      await writeFile(path.join(source, "empty.txt"), "changed after the backup\n");
      await writeFile(path.join(source, "new.txt"), "not in the point\n");
      const changed = await describeTree(source);
      const files = Object.values(backedUp).filter((entry) => !entry.startsWith("dir")).length;

      expect(await recover({ conflict: "Skip" })).toMatchObject({ filesRecovered: 0, filesSkipped: files });
      expect(await describeTree(source)).toEqual(changed);

      expect(await recover({ conflict: "CreateCopies", items: [path.join(source, "empty.txt")] })).toMatchObject({
        filesRecovered: 1,
        copiesCreated: 1,
      });
      const copy = path.join(source, copyNameOf("empty.txt", point.time));
      expect(await readFile(copy, "utf8")).toBe("");
      expect(await readFile(path.join(source, "empty.txt"), "utf8")).toBe("changed after the backup\n");
      await rm(copy);

      expect(await recover({ conflict: "Overwrite" })).toMatchObject({ filesRecovered: files, filesSkipped: 0 });
      const overwritten = await describeTree(source);
      expect(overwritten["new.txt"]).toBeDefined();
      delete overwritten["new.txt"];
      expect(overwritten).toEqual(backedUp);

      // Another location keeps the full path below it; without the ACLs a file gets the default mode.
      const elsewhere = path.join(scratch, "elsewhere");
      expect(
        await recover({ destination: elsewhere, items: [path.join(source, "run.sh")], restoreAcls: false }),
      ).toMatchObject({ filesRecovered: 1 });
      const recovered = path.join(elsewhere, source, "run.sh");
      expect(await readFile(recovered, "utf8")).toBe("#!/bin/sh\necho hi\n");
      expect((await stat(recovered)).mode & 0o777).toBe(0o666 & ~process.umask());

      // The agent's own Recover Data, from the server's command line: the running agent does it.
      const listing = await agent(home, ["recover", "--list"]);
      expect(listing.stdout).toContain(`${source}\n  ${point.time.toISOString()}`);
      const cliTarget = path.join(scratch, "cli-target");
      const fromCli = await agent(home, [
        "recover",
        "--item",
        source,
        "--items",
        path.join(source, "run.sh"),
        "--to",
        cliTarget,
        "--if-exists",
        "skip",
      ]);
      expect(fromCli.stderr).toBe("");
      expect(fromCli.stdout).toContain("Recovery Completed: 1 file (0 as copies), 0 skipped, 0 failed.");
      expect(await readFile(path.join(cliTarget, source, "run.sh"), "utf8")).toBe("#!/bin/sh\necho hi\n");
      const serverName = (await db.backupAgentServer.findUniqueOrThrow({ where: { id: serverId } })).name;
      expect(
        await db.activityLogEntry.count({ where: { vaultId, operation: "Recover data", actorEmail: serverName } }),
      ).toBe(1);
      expect(await stagingLeft()).toEqual([]);
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "recovers to another server of the vault once its agent holds the passphrase, which reads the first server's repository only meanwhile",
    async () => {
      const { db } = database();
      const point = await latestPoint();
      const credential = await createVaultCredential(db, { vaultId }, OWNER, server.baseUrl);
      if (!credential.ok) throw new Error(credential.message);
      const secondCredentials = path.join(scratch, "second.VaultCredentials");
      await writeFile(secondCredentials, JSON.stringify(credential.data.file));
      const otherPassphrase = path.join(scratch, "second-passphrase.txt");
      await writeFile(otherPassphrase, "another server's own passphrase\n");
      const secondHome = path.join(scratch, "second-agent-home");
      const secondName = `fs2-${database().provider}.contoso.com`;
      const registered = await agent(secondHome, [
        "register",
        "--vault-credentials",
        secondCredentials,
        "--passphrase-file",
        otherPassphrase,
        "--name",
        secondName,
      ]);
      expect(registered.code).toBe(0);
      const second = await db.backupAgentServer.findFirstOrThrow({ where: { name: secondName } });
      const secondDaemon = startDaemon(secondHome);
      const firstName = (await db.backupAgentServer.findUniqueOrThrow({ where: { id: serverId } })).name;
      const readFirstConfig = async () => {
        const registration = JSON.parse(await readFile(path.join(secondHome, "registration.json"), "utf8")) as {
          serverId: string;
          serverSecret: string;
        };
        const response = await fetch(new URL(`/api/vault-storage/${serverId}/config`, server.baseUrl), {
          headers: {
            authorization: `Basic ${Buffer.from(`${registration.serverId}:${registration.serverSecret}`).toString("base64")}`,
          },
        });
        return response.status;
      };
      expect(await readFirstConfig()).toBe(403);
      await until(
        async () => (await db.backupAgentServer.findUniqueOrThrow({ where: { id: second.id } })).lastContactAt,
        30_000,
        "the second agent's first poll",
      );

      const request = {
        vaultId,
        itemId,
        recoveryPointId: point.id,
        targetServerId: second.id,
        items: [path.join(source, "reports")],
        destination: path.join(scratch, "on-second-server"),
        conflict: "Overwrite" as const,
        restoreAcls: true,
      };
      const jobsBefore = await db.job.count({ where: { vaultId } });
      expect(await recoverFiles(db, request, OWNER)).toMatchObject({
        ok: false,
        code: "UserErrorPassphraseNotAvailable",
        fieldErrors: { targetServerId: [expect.stringContaining(`add-passphrase --server ${firstName}`)] },
      });
      expect(await db.job.count({ where: { vaultId } })).toBe(jobsBefore);

      const passphraseFile = path.join(scratch, "passphrase.txt");
      const added = await agent(secondHome, [
        "add-passphrase",
        "--server",
        firstName,
        "--passphrase-file",
        passphraseFile,
      ]);
      expect(added.code).toBe(0);
      expect((await stat(path.join(secondHome, "passphrases", firstName))).mode & 0o777).toBe(0o600);
      await until(
        async () =>
          JSON.stringify(
            (await db.backupAgentServer.findUniqueOrThrow({ where: { id: second.id } })).passphrasesFor,
          ) === JSON.stringify([firstName]),
        30_000,
        "the second agent to report the passphrase",
      );
      const queued = await recoverFiles(db, request, OWNER);
      if (!queued.ok) throw new Error(queued.message);
      const job = await finishedJob(queued.data.jobId);
      expect(job).toMatchObject({ status: "Completed", claimedBy: `agent:${second.id}`, errorMessage: null });
      expect(await describeTree(path.join(scratch, "on-second-server", source, "reports"))).toEqual(
        await describeTree(path.join(scratch, "restored", source, "reports")),
      );
      // The grant ended with the job.
      expect(await readFirstConfig()).toBe(403);
      killGroup(secondDaemon, "SIGTERM");
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "an agent killed mid-recovery leaves a Failed job and no half-written file; started again, it removes the staging folder",
    async () => {
      const { db } = database();
      const point = await latestPoint();
      const target = path.join(scratch, "killed-target");
      const queued = await recoverFiles(
        db,
        {
          vaultId,
          itemId,
          recoveryPointId: point.id,
          items: [],
          destination: target,
          conflict: "Overwrite",
          restoreAcls: true,
        },
        OWNER,
      );
      if (!queued.ok) throw new Error(queued.message);
      // The staging folder sits in the nearest existing folder above the destination.
      const staging = path.join(scratch, `.vault-portal-recovery-${queued.data.jobId}`);
      const present = (folder: string) =>
        stat(folder).then(
          () => true,
          () => false,
        );
      await until(() => present(staging), 60_000, "the recovery's staging folder");
      await killAgent(daemon!);
      daemon = null;
      await failExpiredLeases(db, new Date(Date.now() + AGENT_LEASE_MS + 1000));
      expect(await db.job.findUniqueOrThrow({ where: { id: queued.data.jobId } })).toMatchObject({
        status: "Failed",
        errorCode: "AgentStoppedDuringRestore",
      });
      // Whatever reached the destination is whole: a file moves there by one rename, after restic wrote it.
      const backedUp = await describeTree(path.join(scratch, "restored", source));
      const written = (await present(path.join(target, source))) ? await describeTree(path.join(target, source)) : {};
      for (const [name, entry] of Object.entries(written))
        if (!entry.startsWith("dir")) expect(entry, name).toBe(backedUp[name]);

      daemon = startDaemon(home);
      await until(async () => !(await present(staging)), 30_000, "the staging folder to go");
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "removes an expired point's snapshot, hides a soft-deleted item's and brings them back on Undelete",
    async () => {
      const { db } = database();
      const listed = async () =>
        (JSON.parse((await restic(home, ["snapshots", "--json"])).stdout) as Array<{ id: string }>)
          .map((snapshot) => snapshot.id)
          .sort();
      const points = await db.recoveryPoint.findMany({ where: { protectedItemId: itemId }, orderBy: { time: "asc" } });
      expect(await listed()).toEqual(points.map((point) => point.snapshotId).sort());

      await db.recoveryPoint.update({ where: { id: points[0].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await sweepRetention(db, new Date())).deletedPoints).toBe(1);
      await reconcileStorage(db, getVaultStorage());
      expect(await listed()).toEqual([points[1].snapshotId]);
      expect(await db.removedSnapshot.count()).toBe(0);

      const stopped = await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: source }, OWNER);
      if (!stopped.ok) throw new Error(stopped.message);
      expect(await listed()).toEqual([]);
      const undeleted = await undeleteItem(db, { vaultId, itemId }, OWNER);
      if (!undeleted.ok) throw new Error(undeleted.message);
      expect(await listed()).toEqual([points[1].snapshotId]);
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "serves a server its own repository only, and never lets it delete what it stored",
    async () => {
      const { db } = database();
      const registration = JSON.parse(await readFile(path.join(home, "registration.json"), "utf8")) as {
        serverId: string;
        serverSecret: string;
      };
      const credential = await createVaultCredential(db, { vaultId }, OWNER, server.baseUrl);
      if (!credential.ok) throw new Error(credential.message);
      const other = await fetch(`${server.baseUrl}/api/agent/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          vaultCredential: credential.data.file.secret,
          name: `other-${database().provider}.contoso.com`,
          osType: "Linux",
          agentVersion: "test",
        }),
      });
      expect(other.status).toBe(201);
      const otherServer = (await other.json()) as { serverId: string };
      const basic = `Basic ${Buffer.from(`${registration.serverId}:${registration.serverSecret}`).toString("base64")}`;
      const storage = (serverPath: string, init: RequestInit = {}) =>
        fetch(`${server.baseUrl}/api/vault-storage/${serverPath}`, {
          ...init,
          headers: { authorization: basic, ...init.headers },
        });

      expect((await fetch(`${server.baseUrl}/api/vault-storage/${registration.serverId}/config`)).status).toBe(401);
      expect((await storage(`${otherServer.serverId}/config`)).status).toBe(403);
      expect((await storage(`${otherServer.serverId}/`, { method: "POST" })).status).toBe(403);

      const [snapshotId] = (await db.recoveryPoint.findMany({ where: { protectedItemId: itemId } })).map(
        (point) => point.snapshotId!,
      );
      const snapshotFile = path.join(storageDir, registration.serverId, "snapshots", snapshotId);
      const before = await readFile(snapshotFile);
      expect((await storage(`${registration.serverId}/snapshots/${snapshotId}`, { method: "DELETE" })).status).toBe(
        403,
      );
      expect(
        (await storage(`${registration.serverId}/snapshots/${snapshotId}`, { method: "POST", body: "replaced" }))
          .status,
      ).toBe(403);
      const config = await readFile(path.join(storageDir, registration.serverId, "config"));
      expect((await storage(`${registration.serverId}/config`, { method: "POST", body: "replaced" })).status).toBe(403);
      expect(await readFile(snapshotFile)).toEqual(before);
      expect(await readFile(path.join(storageDir, registration.serverId, "config"))).toEqual(config);
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "a killed agent leaves a Failed job with the reason, and a repository that passes restic check",
    async () => {
      const { db } = database();
      const resumed = await resumeBackup(db, { vaultId, itemId, policyId }, OWNER);
      if (!resumed.ok) throw new Error(resumed.message);
      await writeFile(path.join(source, "larger.bin"), randomBytes(400 * MIB));
      const started = await backupNow(db, { vaultId, itemId }, OWNER);
      if (!started.ok) throw new Error(started.message);
      await until(
        async () => {
          const job = await db.job.findUniqueOrThrow({ where: { id: started.data.jobId } });
          return ((job.figures as { bytesDone?: number } | null)?.bytesDone ?? 0) > 0;
        },
        60_000,
        "the backup's first progress",
      );
      await killAgent(daemon!);
      daemon = null;
      await failExpiredLeases(db, new Date(Date.now() + AGENT_LEASE_MS + 1000));
      const job = await db.job.findUniqueOrThrow({ where: { id: started.data.jobId } });
      expect(job).toMatchObject({ status: "Failed", errorCode: "AgentStoppedDuringJob" });
      expect(await db.recoveryPoint.count({ where: { jobId: job.id } })).toBe(0);
      // The agent, started again, clears the lock its killed restic left; then the repository checks clean.
      const contact = (await db.backupAgentServer.findUniqueOrThrow({ where: { id: serverId } })).lastContactAt!;
      daemon = startDaemon(home);
      await until(
        async () =>
          (await db.backupAgentServer.findUniqueOrThrow({ where: { id: serverId } })).lastContactAt! > contact,
        30_000,
        "the agent's return",
      );
      killGroup(daemon, "SIGTERM");
      daemon = null;
      const checked = await restic(home, ["check"]);
      expect(checked.stdout).toContain("no errors were found");
    },
    RESTIC_TEST_TIMEOUT_MS,
  );
  it(
    "applies the server's network throttling to restic, runs a job an orphaned poll claimed, and stops a backup the admin cancels",
    async () => {
      const { db } = database();
      const everyDay = {
        vaultId,
        serverId,
        enabled: true,
        workDays: [1, 2, 3, 4, 5, 6, 7],
        workStart: "08:00",
        workEnd: "18:00",
        workKbps: 512,
        nonWorkKbps: 512,
      };
      const throttled = await updateThrottling(db, everyDay, OWNER);
      if (!throttled.ok) throw new Error(throttled.message);
      const started = await backupNow(db, { vaultId, itemId }, OWNER);
      if (!started.ok) throw new Error(started.message);
      // A long poll whose agent went away claimed it (the portal can't tell): the agent's next poll frees it.
      expect(
        await claimJobs(
          db,
          [started.data.jobId],
          { now: () => new Date() },
          { engineId: `agent:${serverId}`, leaseMs: AGENT_LEASE_MS },
        ),
      ).toHaveLength(1);
      daemon = startDaemon(home);
      // 512 Kbps is 62 KiB/s, restic's unit.
      await until(
        async () => (await run("ps", ["-eo", "args"])).stdout.includes(`--limit-upload 62 `),
        30_000,
        "restic with the upload limit",
      );
      const cancelled = await cancelJob(db, { vaultId, jobId: started.data.jobId }, OWNER);
      expect(cancelled).toMatchObject({ ok: true, data: { status: "Cancelling" } });
      expect(await finishedJob(started.data.jobId)).toMatchObject({ status: "Cancelled" });
      expect(await db.recoveryPoint.count({ where: { jobId: started.data.jobId } })).toBe(0);
      killGroup(daemon, "SIGTERM");
      daemon = null;
      expect((await updateThrottling(db, { ...everyDay, enabled: false }, OWNER)).ok).toBe(true);
    },
    RESTIC_TEST_TIMEOUT_MS,
  );

  it(
    "checks the data weekly, and reclaims a purge's space with a Prune that keeps soft-deleted items' data",
    async () => {
      const { db } = database();
      daemon = startDaemon(home);
      const agentServer = {
        id: serverId,
        name: (await db.backupAgentServer.findUniqueOrThrow({ where: { id: serverId } })).name,
        vaultId,
      };
      const otherSource = path.join(scratch, "other");
      await mkdir(otherSource);
      await writeFile(path.join(otherSource, "kept.bin"), randomBytes(5 * MIB));
      const folder = await addServerFolder(db, { vaultId, serverId, path: otherSource }, OWNER);
      if (!folder.ok) throw new Error(folder.message);
      const configured = await configureBackup(
        db,
        { vaultId, backupManagementType: "MAB", sourceIds: [folder.data.id], policyId },
        OWNER,
      );
      if (!configured.ok) throw new Error(configured.message);
      const otherItemId = configured.data.itemIds[0];
      const backedUp = await backupNow(db, { vaultId, itemId: otherItemId }, OWNER);
      if (!backedUp.ok) throw new Error(backedUp.message);
      expect((await finishedJob(backedUp.data.jobId)).status).toBe("Completed");
      const otherSnapshot = (await db.recoveryPoint.findFirstOrThrow({ where: { protectedItemId: otherItemId } }))
        .snapshotId!;
      // Soft-deleted: hidden from restic, so a Prune that didn't show it again would take its data.
      expect(
        (await stopBackup(db, { vaultId, itemId: otherItemId, mode: "delete", confirmName: otherSource }, OWNER)).ok,
      ).toBe(true);

      expect(await queueMaintenance(db, agentServer, "IntegrityCheck", new Date())).toBe(true);
      expect(await queueMaintenance(db, agentServer, "IntegrityCheck", new Date())).toBe(false);
      const checkJob = await db.job.findFirstOrThrow({
        where: { backupServerId: serverId, operation: "IntegrityCheck" },
      });
      expect(await finishedJob(checkJob.id)).toMatchObject({ status: "Completed" });

      // No Prune runs: the agent may not delete a pack.
      const registration = JSON.parse(await readFile(path.join(home, "registration.json"), "utf8")) as {
        serverSecret: string;
      };
      // Any pack: data/ has a folder per first two hex digits, some of them empty.
      const dataFolder = path.join(storageDir, serverId, "data");
      const packs = (
        await Promise.all((await readdir(dataFolder)).map((folder) => readdir(path.join(dataFolder, folder))))
      ).flat();
      const pack = packs.find((name) => /^[0-9a-f]{64}$/.test(name))!;
      expect(pack).toBeDefined();
      const deletePack = await fetch(`${server.baseUrl}/api/vault-storage/${serverId}/data/${pack}`, {
        method: "DELETE",
        headers: {
          authorization: `Basic ${Buffer.from(`${serverId}:${registration.serverSecret}`).toString("base64")}`,
        },
      });
      expect(deletePack.status).toBe(403);

      // With soft delete disabled, deleting the first item's data purges it at once, and a Prune follows.
      await db.vault.update({ where: { id: vaultId }, data: { softDeleteState: "Disabled" } });
      const purged = await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: source }, OWNER);
      if (!purged.ok) throw new Error(purged.message);
      const pruneJob = await until(
        () => db.job.findFirst({ where: { backupServerId: serverId, operation: "Prune" } }),
        30_000,
        "the Prune job",
      );
      const pruned = await finishedJob(pruneJob.id);
      expect(pruned.status).toBe("Completed");
      const { bytesBefore, bytesAfter } = pruned.figures as { bytesBefore: number; bytesAfter: number };
      expect(bytesAfter).toBeLessThan(bytesBefore - 50 * MIB);
      expect(await db.removedSnapshot.count()).toBe(0);
      // The Prune's end hides the soft-deleted item's snapshot again, just after the job reads Completed.
      await until(
        async () => (await getVaultStorage().listSnapshotIds(serverId)).hidden.includes(otherSnapshot),
        30_000,
        "the snapshot hidden again",
      );

      killGroup(daemon, "SIGTERM");
      daemon = null;
      expect((await undeleteItem(db, { vaultId, itemId: otherItemId }, OWNER)).ok).toBe(true);
      const restored = path.join(scratch, "restored-other");
      await restic(home, ["restore", otherSnapshot, "--target", restored]);
      expect(await describeTree(path.join(restored, otherSource))).toEqual(await describeTree(otherSource));
      expect((await restic(home, ["check", "--read-data"])).stdout).toContain("no errors were found");
    },
    RESTIC_TEST_TIMEOUT_MS,
  );
});
