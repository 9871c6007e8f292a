// The Backup Agent's command line: npm run agent -- <command>, or npx vault-portal-agent <command>.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { counted } from "@/lib/domain/format/count";
import { formatDateTime } from "@/lib/domain/format/time";
import { parseArgs } from "node:util";
import { MIN_PASSPHRASE_LENGTH, vaultCredentialsFileSchema } from "@/lib/schemas/agent";
import { runDaemon } from "./daemon";
import { PortalError, portalClient, register } from "./portal";
import { init, ResticError } from "./restic";
import {
  agentHome,
  otherPassphraseFile,
  PASSPHRASE_FILE,
  readRegistration,
  repositoryOf,
  saveRegistration,
  writePrivateFile,
} from "./state";

const USAGE = `Usage: npm run agent -- <command> [options]

Commands:
  register --vault-credentials FILE --passphrase-file FILE [--name NAME]
      Registers this server to the vault the credentials file names (download it from the vault's
      Properties → Backup credentials) and creates its repository in the vault.
  add-passphrase --server NAME --passphrase-file FILE
      Keeps another server's passphrase, so that this server can recover that server's files
      (Recover Data → Another server). It stays on this server, readable by this user only.
  recover --list
      Lists this server's backup items and their recovery points.
  recover --item PATH [--point latest|TIME] [--items PATH]... [--to FOLDER]
          [--if-exists copy|overwrite|skip] [--no-acls]
      Recovers files of an item (all of it, or the --items given) from a recovery point (the
      latest, or the one at TIME as --list prints it) to where they were, or below FOLDER. When an
      item exists: keep both (copy, the default), overwrite it, or skip it. The agent (run) does
      the work; this waits and prints its progress.
  run     Runs the agent: backs up this server's protected folders and recovers files when the vault asks.
  status  Shows this server, its backup items, and their last and next backups.

The agent keeps its state in AGENT_HOME (${agentHome()}).`;

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);

async function agentVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function registerCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      "vault-credentials": { type: "string" },
      "passphrase-file": { type: "string" },
      name: { type: "string" },
    },
  });
  if (!values["vault-credentials"] || !values["passphrase-file"]) fail(USAGE);
  const home = agentHome();
  const existing = await readRegistration(home);
  if (existing)
    fail(
      `This agent is registered already (${existing.serverName} in vault ${existing.vaultName}); its state is in ${home}.`,
    );
  const parsed = vaultCredentialsFileSchema.safeParse(
    JSON.parse(await readFile(values["vault-credentials"], "utf8").catch(() => "null")),
  );
  if (!parsed.success)
    fail(
      `${values["vault-credentials"]} is not a vault credentials file: download one from the vault's Properties → Backup credentials.`,
    );
  const passphrase = (await readFile(values["passphrase-file"], "utf8")).replace(/\r?\n$/, "");
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    fail(`The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  const credentials = parsed.data;
  const name = (values.name ?? os.hostname()).toLowerCase();
  let answer;
  try {
    answer = await register(credentials.portalUrl, {
      vaultCredential: credentials.secret,
      name,
      osType: `${os.type()} ${os.release()}`,
      agentVersion: await agentVersion(),
    });
  } catch (error) {
    if (error instanceof PortalError) fail(`The vault refused the registration: ${error.message}`);
    throw error;
  }
  const registration = {
    portalUrl: credentials.portalUrl,
    serverId: answer.serverId,
    serverSecret: answer.serverSecret,
    serverName: name,
    vaultName: answer.vaultName,
    registeredAt: new Date().toISOString(),
  };
  await saveRegistration(home, registration);
  const passphraseCopy = path.join(home, PASSPHRASE_FILE);
  await writePrivateFile(passphraseCopy, passphrase);
  try {
    await init(repositoryOf(home, registration));
  } catch (error) {
    if (!(error instanceof ResticError)) throw error;
    console.error(`The repository couldn't be created yet (${error.kind}: ${error.message}); 'run' creates it.`);
  }
  console.log(`Registered ${name} to vault ${answer.vaultName}.

The passphrase is kept in ${passphraseCopy}, readable by this user only. It encrypts this
server's backups and never leaves this server: the vault can't read them. Keep a copy somewhere
safe: if it is lost, nobody can restore these backups.

Next: choose what to back up in the portal (Backup → Files and folders), then keep the agent running:
  npm run agent -- run`);
}

async function addPassphraseCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { server: { type: "string" }, "passphrase-file": { type: "string" } },
  });
  if (!values.server || !values["passphrase-file"]) fail(USAGE);
  const { home, registration } = await registered();
  const server = values.server.toLowerCase();
  if (!/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(server)) fail(`'${values.server}' is not a server name.`);
  if (server === registration.serverName) fail(`${server} is this server: its passphrase is kept already.`);
  const passphrase = (await readFile(values["passphrase-file"], "utf8")).replace(/\r?\n$/, "");
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    fail(`The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  const file = otherPassphraseFile(home, server);
  await writePrivateFile(file, passphrase);
  console.log(`The passphrase of ${server} is kept in ${file}, readable by this user only.
With the agent running, Recover Data in the portal can now recover ${server}'s files to this server.`);
}

const IF_EXISTS = { copy: "CreateCopies", overwrite: "Overwrite", skip: "Skip" } as const;

async function recoverCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      list: { type: "boolean" },
      item: { type: "string" },
      point: { type: "string", default: "latest" },
      items: { type: "string", multiple: true },
      to: { type: "string" },
      "if-exists": { type: "string", default: "copy" },
      "no-acls": { type: "boolean" },
    },
  });
  const { registration } = await registered();
  const client = portalClient(registration);
  const { items } = await client.points();
  if (values.list) {
    if (items.length === 0) console.log("This server has no backup items.");
    for (const item of items)
      console.log(
        `${item.path}\n${item.points.map((point) => `  ${point.time}`).join("\n") || "  (no recovery points)"}`,
      );
    return;
  }
  const item = items.find((candidate) => candidate.path === values.item);
  if (!item) fail(`${values.item ?? "--item"} is not a backup item of this server: see recover --list.`);
  const point =
    values.point === "latest" ? item.points[0] : item.points.find((candidate) => candidate.time === values.point);
  if (!point) fail(`No recovery point ${values.point} of ${item.path}: see recover --list.`);
  const conflict = IF_EXISTS[values["if-exists"] as keyof typeof IF_EXISTS];
  if (!conflict) fail("--if-exists is copy, overwrite or skip.");
  const { jobId } = await client.recover({
    itemId: item.itemId,
    recoveryPointId: point.id,
    items: values.items ?? [],
    destination: values.to ? path.resolve(values.to) : null,
    conflict,
    restoreAcls: !values["no-acls"],
  });
  log(
    `Recovery of ${values.items?.join(", ") ?? item.path} from ${point.time} queued (job ${jobId}); the agent runs it.`,
  );
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const state = await client.recoveryState(jobId);
    if (state.status === "InProgress" || state.status === "Cancelling") continue;
    const outcome = state.outcome;
    if (outcome)
      log(
        `Recovery ${state.status}: ${counted(outcome.filesRecovered, "file")} (${outcome.copiesCreated} as copies), ${outcome.filesSkipped} skipped, ${outcome.failures.length} failed.`,
      );
    for (const failure of outcome?.failures ?? []) console.error(`  ${failure.item}: ${failure.message}`);
    if (state.status !== "Completed")
      fail(`Recovery ${state.status}${state.errorMessage ? `: ${state.errorMessage}` : "."}`);
    return;
  }
}

async function registered() {
  const home = agentHome();
  const registration = await readRegistration(home);
  if (!registration) fail(`This server isn't registered: run 'npm run agent -- register' first (state in ${home}).`);
  return { home, registration };
}

async function runCommand() {
  const { home, registration } = await registered();
  const stopping = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stopping.abort());
  log(
    `Agent for ${registration.serverName} (vault ${registration.vaultName}) running; the vault is at ${registration.portalUrl}.`,
  );
  const waitSeconds = Number(process.env.AGENT_POLL_SECONDS ?? 20);
  await runDaemon(
    portalClient(registration),
    (other) => repositoryOf(home, registration, other),
    home,
    log,
    stopping.signal,
    waitSeconds,
  );
  log("Agent stopped.");
}

/** In the portal's format, in this machine's zone. */
const when = (value: string | null) =>
  value ? formatDateTime(new Date(value), Intl.DateTimeFormat().resolvedOptions().timeZone) : "—";

async function statusCommand() {
  const { registration } = await registered();
  const { server, items } = await portalClient(registration).status();
  console.log(
    `Server ${server.name}, vault ${server.vaultName}, agent ${server.agentVersion}; registered ${when(server.registeredAt)}, last contact ${when(server.lastContactAt)}.`,
  );
  if (items.length === 0)
    console.log("No backup items yet: choose folders in the portal (Backup → Files and folders).");
  for (const item of items) {
    console.log(
      `- ${item.path}: ${item.protectionState}${item.policyName ? `, policy ${item.policyName}` : ""}; last backup ${when(item.lastBackupTime)}${item.lastBackupStatus ? ` (${item.lastBackupStatus})` : ""}; next ${when(item.nextBackupTime)}`,
    );
  }
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = {
  register: () => registerCommand(rest),
  "add-passphrase": () => addPassphraseCommand(rest),
  recover: () => recoverCommand(rest),
  run: runCommand,
  status: statusCommand,
};
if (!command || !commands[command]) {
  console.log(USAGE);
  process.exit(command && command !== "help" ? 1 : 0);
}
commands[command]().catch((error: Error) =>
  fail(error instanceof PortalError ? `The vault answered: ${error.message}` : `Error: ${error.message}`),
);
