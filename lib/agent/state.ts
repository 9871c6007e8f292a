// The agent's state on the server, in AGENT_HOME (default ~/.vault-portal-agent): its registration
// (the portal's address, the server's id and secret) and the passphrase that encrypts its backups,
// both readable by the agent's user only. The passphrase never leaves the server.
import { chmod, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ResticRepository } from "./restic";

export type Registration = {
  portalUrl: string;
  serverId: string;
  serverSecret: string;
  serverName: string;
  vaultName: string;
  registeredAt: string;
};

export function agentHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.AGENT_HOME || path.join(os.homedir(), ".vault-portal-agent"));
}

const REGISTRATION_FILE = "registration.json";
export const PASSPHRASE_FILE = "passphrase";

export async function writePrivateFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, content, { mode: 0o600 });
  // An existing file keeps its mode through writeFile.
  await chmod(file, 0o600);
}

export async function readRegistration(home: string): Promise<Registration | null> {
  try {
    return JSON.parse(await readFile(path.join(home, REGISTRATION_FILE), "utf8")) as Registration;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export function saveRegistration(home: string, registration: Registration): Promise<void> {
  return writePrivateFile(path.join(home, REGISTRATION_FILE), `${JSON.stringify(registration, null, 2)}\n`);
}

/** The HTTP Basic credential of the server: its id and secret. */
export function basicAuthorization(registration: Registration): string {
  return `Basic ${Buffer.from(`${registration.serverId}:${registration.serverSecret}`).toString("base64")}`;
}

/**
 * A repository in the portal's vault storage, reached with this server's credential: its own
 * (opened with its passphrase), or another server's whose files it recovers (opened with that
 * server's passphrase, `add-passphrase`; the portal lets it read only while it holds the recovery).
 */
export function repositoryOf(
  home: string,
  registration: Registration,
  other?: { id: string; name: string },
): ResticRepository {
  const url = new URL(`/api/vault-storage/${other?.id ?? registration.serverId}/`, registration.portalUrl);
  url.username = registration.serverId;
  url.password = registration.serverSecret;
  return {
    repository: `rest:${url.toString()}`,
    passwordFile: other ? otherPassphraseFile(home, other.name) : path.join(home, PASSPHRASE_FILE),
    cacheDir: path.join(home, "cache"),
    readOnly: other !== undefined,
  };
}

const PASSPHRASES_FOLDER = "passphrases";

/** Where the passphrase of another server (by its name) is kept. */
export function otherPassphraseFile(home: string, serverName: string): string {
  return path.join(home, PASSPHRASES_FOLDER, serverName);
}

/** The servers whose passphrase this agent holds, by name. */
export async function otherPassphrases(home: string): Promise<string[]> {
  return (await readdir(path.join(home, PASSPHRASES_FOLDER)).catch(() => [])).sort();
}

const STAGING_FILE = "staging-folders.json";

async function stagingFolders(home: string): Promise<string[]> {
  try {
    return JSON.parse(await readFile(path.join(home, STAGING_FILE), "utf8")) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

const saveStagingFolders = (home: string, folders: string[]) =>
  writePrivateFile(path.join(home, STAGING_FILE), `${JSON.stringify(folders)}\n`);

/** A recovery's staging folder, written down before it is made so that a killed agent's is found again. */
export async function rememberStagingFolder(home: string, folder: string): Promise<void> {
  await saveStagingFolders(home, [...(await stagingFolders(home)), folder]);
}

export async function forgetStagingFolder(home: string, folder: string): Promise<void> {
  await saveStagingFolders(
    home,
    (await stagingFolders(home)).filter((known) => known !== folder),
  );
}

/** Removes the staging folders of recoveries a killed agent left (half-restored files never reached the destination). */
export async function removeLeftoverStagingFolders(home: string): Promise<string[]> {
  const leftovers = await stagingFolders(home);
  for (const folder of leftovers) await rm(folder, { recursive: true, force: true });
  if (leftovers.length > 0) await saveStagingFolders(home, []);
  return leftovers;
}
