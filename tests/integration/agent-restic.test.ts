// The Backup Agent's restic driver against the real restic CLI and a repository in a temporary directory
// (no database, no portal): the same code paths as over the REST backend, minus the network.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BackupProgress,
  type BackupResult,
  backup,
  check,
  init,
  prune,
  ResticError,
  type ResticRepository,
  snapshots,
  stats,
} from "@/lib/agent/restic";

const root = mkdtempSync(path.join(tmpdir(), "agent-restic-"));
const repo: ResticRepository = {
  repository: path.join(root, "repo"),
  passwordFile: path.join(root, "password"),
  cacheDir: path.join(root, "cache"),
};
const source = path.join(root, "source");
const HOST = "fileserver-01";
const BIG_FILE_BYTES = 20 * 1024 * 1024;
// Regular files the first backup keeps: the symlink isn't one, the excluded folder and types are left out.
const KEPT_FILES = [
  "docs/report.txt",
  "docs/nested/deeper/notes.md",
  "Ünïcödé/файл.txt",
  "Ünïcödé/日本語 ファイル.txt",
  "empty.dat",
  "big.bin",
];
const excludes = { folders: [path.join(source, "cache")], fileTypes: [".tmp", "*.iso"] };
const isRoot = process.getuid?.() === 0;

const reportLines = Array.from({ length: 500 }, (_, index) => `line ${index}: quarterly figures for the north region`);

function write(relative: string, content: string | Buffer) {
  const file = path.join(source, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Absolute paths in a snapshot, and their types, as `restic ls` shows them. */
function listSnapshot(snapshotId: string): Map<string, string> {
  const env = {
    ...process.env,
    RESTIC_REPOSITORY: repo.repository,
    RESTIC_PASSWORD_FILE: repo.passwordFile,
    RESTIC_CACHE_DIR: repo.cacheDir,
  };
  const lines = execFileSync("restic", ["ls", "--json", snapshotId], { env, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  const nodes = lines
    .map((line) => JSON.parse(line) as { struct_type: string; path?: string; type?: string })
    .filter((node) => node.struct_type === "node");
  return new Map(nodes.map((node) => [node.path ?? "", node.type ?? ""]));
}

beforeAll(() => {
  writeFileSync(repo.passwordFile, "correct horse battery staple\n");
  write("docs/report.txt", reportLines.join("\n"));
  write("docs/nested/deeper/notes.md", "# Notes\n");
  write("Ünïcödé/файл.txt", "данные\n");
  write("Ünïcödé/日本語 ファイル.txt", "データ\n");
  write("empty.dat", "");
  write("big.bin", randomBytes(BIG_FILE_BYTES));
  symlinkSync("docs/report.txt", path.join(source, "link-to-report"));
  write("cache/junk.txt", "excluded folder\n");
  write("cache/sub/more.txt", "excluded folder, nested\n");
  write("scratch.tmp", "excluded type\n");
  write("docs/installer.ISO", "excluded type, other case\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("restic driver of the Backup Agent", () => {
  let first: BackupResult;
  let second: BackupResult;

  it("initialises a repository, once", async () => {
    expect((await init(repo)).repositoryId).toMatch(/^[0-9a-f]+$/);
    await expect(init(repo)).rejects.toMatchObject({ kind: "AlreadyInitialized" });
  });

  it("backs up a tree with nested and Unicode names, an empty file and a symlink, leaving out excluded folders and file types", async () => {
    const progress: BackupProgress[] = [];
    first = await backup(repo, {
      paths: [source],
      excludes,
      tags: ["daily"],
      host: HOST,
      onProgress: (update) => progress.push(update),
    });

    expect(first.snapshotId).toMatch(/^[0-9a-f]{8}$/);
    expect(first.summary.filesNew).toBe(KEPT_FILES.length);
    expect(first.summary.dataAdded).toBeGreaterThan(BIG_FILE_BYTES);
    expect(first.summary.totalBytesProcessed).toBeGreaterThan(BIG_FILE_BYTES);
    expect(first.warnings).toEqual([]);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)?.totalFiles).toBeGreaterThan(0);

    const listed = listSnapshot(first.snapshotId);
    for (const file of KEPT_FILES) expect(listed.get(path.join(source, file)), file).toBe("file");
    expect(listed.get(path.join(source, "link-to-report"))).toBe("symlink");
    expect([...listed.keys()].filter((item) => /\/cache|\.tmp$|\.iso$/i.test(item))).toEqual([]);
  });

  it("adds next to nothing when one line changed", async () => {
    write("docs/report.txt", reportLines.map((line, index) => (index === 250 ? `${line} (revised)` : line)).join("\n"));
    second = await backup(repo, { paths: [source], excludes, tags: ["daily"], host: HOST });

    expect(second.snapshotId).not.toBe(first.snapshotId);
    expect(second.summary).toMatchObject({ filesNew: 0, filesChanged: 1, filesUnmodified: KEPT_FILES.length - 1 });
    expect(second.summary.dataAdded).toBeLessThan(first.summary.dataAdded / 100);
  });

  it("saves a snapshot and lists what it couldn't read (restic's exit code 3)", async () => {
    const partial = path.join(root, "partial");
    mkdirSync(partial);
    writeFileSync(path.join(partial, "readable.txt"), "fine\n");
    writeFileSync(path.join(partial, "locked.txt"), "no access\n");
    chmodSync(path.join(partial, "locked.txt"), 0o000);
    // chmod 000 stops no root process (CAP_DAC_OVERRIDE), and a FIFO is saved without being read. A path longer
    // than PATH_MAX can't be opened by anyone: restic's lstat fails with ENAMETOOLONG. Built in two halves
    // each short enough to create, then one is moved into the other.
    const deep = path.join(partial, ...Array<string>(11).fill("d".repeat(200)));
    const looseHalf = path.join(root, "half");
    mkdirSync(deep, { recursive: true });
    mkdirSync(path.join(looseHalf, ...Array<string>(11).fill("h".repeat(200))), { recursive: true });
    renameSync(looseHalf, path.join(deep, "half"));
    try {
      const result = await backup(repo, { paths: [partial], tags: ["adhoc"], host: HOST });

      expect(result.snapshotId).toMatch(/^[0-9a-f]{8}$/);
      expect(result.summary.filesNew).toBe(isRoot ? 2 : 1);
      expect(result.warnings).toContainEqual({
        item: expect.stringContaining(path.join(deep, "half")),
        message: expect.stringMatching(/^lstat .*: name too long$/),
      });
      if (isRoot)
        console.info("running as root: chmod 000 doesn't stop reading, so only the too-long path is unreadable");
      else
        expect(result.warnings).toContainEqual({
          item: path.join(partial, "locked.txt"),
          message: `open ${path.join(partial, "locked.txt")}: permission denied`,
        });
      expect((await snapshots(repo, { tags: ["adhoc"] })).map((snapshot) => snapshot.id.slice(0, 8))).toEqual([
        result.snapshotId,
      ]);
    } finally {
      // Back within PATH_MAX, so that the temporary directory can be removed.
      renameSync(path.join(deep, "half"), looseHalf);
    }
  });

  it("warns of a missing source path when others exist, and fails with SourceNotFound when none does", async () => {
    const missing = path.join(root, "no-such-folder");
    const partly = await backup(repo, { paths: [path.join(source, "docs"), missing], host: HOST });
    expect(partly.warnings).toEqual([{ item: missing, message: "does not exist" }]);

    const error = await backup(repo, { paths: [missing], host: HOST }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResticError);
    expect(error).toMatchObject({ kind: "SourceNotFound", exitCode: 1 });
    expect((error as ResticError).stderrTail).toContain(`${missing} does not exist, skipping`);
  });

  it("tells a wrong password, a missing repository and an unreachable server apart", async () => {
    const wrongPasswordFile = path.join(root, "wrong-password");
    writeFileSync(wrongPasswordFile, "not the password\n");
    await expect(backup({ ...repo, passwordFile: wrongPasswordFile }, { paths: [source] })).rejects.toMatchObject({
      kind: "WrongPassword",
      message: expect.stringContaining("Fatal: wrong password or no key found"),
    });
    await expect(snapshots({ ...repo, repository: path.join(root, "no-repo") })).rejects.toMatchObject({
      kind: "RepositoryNotFound",
    });
    await expect(snapshots({ ...repo, repository: "rest:http://127.0.0.1:1/vault/" })).rejects.toMatchObject({
      kind: "Unreachable",
    });
  });

  it("aborts a running backup, which leaves the repository unlocked and intact", async () => {
    const large = path.join(root, "large");
    mkdirSync(large);
    writeFileSync(path.join(large, "disk.vhd"), randomBytes(24 * 1024 * 1024));
    const before = await snapshots(repo);
    const controller = new AbortController();
    let backupRuns!: () => void;
    const running = new Promise<void>((resolve) => (backupRuns = resolve));
    // At 4 MiB/s the upload takes about 6 s, leaving time to abort.
    const outcome = backup(repo, {
      paths: [large],
      limitUploadKiBps: 4096,
      signal: controller.signal,
      onProgress: (update) => {
        if (update.bytesDone > 0) backupRuns();
      },
    }).catch((caught: unknown) => caught);
    await running;

    // The running backup holds a lock that prune, which needs the repository to itself, can't take.
    await expect(prune(repo)).rejects.toMatchObject({
      kind: "Locked",
      stderrTail: expect.stringContaining("repository is already locked"),
    });
    controller.abort();
    expect(await outcome).toMatchObject({ name: "ResticError", kind: "Aborted" });

    expect(readdirSync(path.join(repo.repository, "locks"))).toEqual([]);
    expect(await snapshots(repo)).toEqual(before);
    expect(await check(repo)).toMatchObject({ ok: true, output: expect.stringContaining("no errors were found") });
  });

  it("lists snapshots with all the tags asked for", async () => {
    const daily = await snapshots(repo, { tags: ["daily"] });
    expect(daily.map((snapshot) => snapshot.id.slice(0, 8))).toEqual([first.snapshotId, second.snapshotId]);
    expect(daily[0]).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      paths: [source],
      tags: ["daily"],
      hostname: HOST,
    });
    expect(Date.parse(daily[0].time)).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(await snapshots(repo, { tags: ["daily", "adhoc"] })).toEqual([]);
  });

  it("measures the repository, prunes it and reads part of its data back", async () => {
    const rawBytes = await stats(repo, "raw-data");
    expect(rawBytes).toBeGreaterThan(BIG_FILE_BYTES);
    await prune(repo);
    expect(await stats(repo, "raw-data")).toBeLessThanOrEqual(rawBytes);
    expect((await check(repo, { readDataSubset: "50%" })).ok).toBe(true);
  });

  it("reports a damaged repository as not ok", async () => {
    // Only packs: the aborted backup's upload left a "<id>-tmp-<n>" file behind, which check ignores.
    const packs = readdirSync(path.join(repo.repository, "data"), { recursive: true, withFileTypes: true }).filter(
      (entry) => /^[0-9a-f]{64}$/.test(entry.name),
    );
    const pack = path.join(packs[0].parentPath, packs[0].name);
    writeFileSync(pack, Buffer.from("damaged"), { flag: "r+" });

    const result = await check(repo, { readDataSubset: "100%" });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("repository contains errors");
  });
});
