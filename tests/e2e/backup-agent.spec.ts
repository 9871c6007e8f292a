// A folder of this machine protected by the real Backup Agent, as an admin does it: download vault
// credentials in the browser, register with the agent's command line, keep it running, configure
// backup of a folder, Backup now, and watch the job to Completed with the figures restic reported;
// then recover a deleted folder with Recover Data.
// In vault-dr-eus: the other specs count vault-files-weu's items and servers.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { openVault } from "./helpers";

const run = promisify(execFile);
const AGENT = path.resolve("bin/vault-portal-agent.mjs");
const SERVER_NAME = "e2e-agent.contoso.com";
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

let scratch = "";
let daemon: ChildProcess | null = null;

test.beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "agent-e2e-"));
});

test.afterAll(async () => {
  if (daemon?.pid && daemon.exitCode === null) process.kill(-daemon.pid, "SIGTERM");
  await rm(scratch, { recursive: true, force: true });
});

test("download vault credentials, register the agent, back up a folder for real and watch it complete", async ({
  page,
}, testInfo) => {
  // A real backup and recovery with restic: about a minute on 2 quiet cores; the limit is 5 times that.
  test.setTimeout(300_000);
  const home = path.join(scratch, "agent-home");
  const source = path.join(scratch, "finance");
  await mkdir(path.join(source, "2026"), { recursive: true });
  await writeFile(path.join(source, "2026", "ledger.csv"), "date,amount\n2026-11-28,42\n");
  await writeFile(path.join(source, "budget.bin"), randomBytes(40 * 1024 * 1024));

  await openVault(page, "vault-dr-eus");
  await page.getByRole("link", { name: "Properties" }).click();
  const downloaded = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^vault-dr-eus_\d{4}-\d{2}-\d{2}\.VaultCredentials$/);
  const credentialsFile = path.join(scratch, download.suggestedFilename());
  await download.saveAs(credentialsFile);
  await expect(page.getByRole("table", { name: "Vault credentials" })).toContainText("Active");

  const passphraseFile = path.join(scratch, "passphrase.txt");
  await writeFile(passphraseFile, "a passphrase only this server knows\n");
  const env = { ...process.env, AGENT_HOME: home };
  const registered = await run(
    process.execPath,
    [
      AGENT,
      "register",
      "--vault-credentials",
      credentialsFile,
      "--passphrase-file",
      passphraseFile,
      "--name",
      SERVER_NAME,
    ],
    { env },
  );
  expect(registered.stdout).toContain(`Registered ${SERVER_NAME} to vault vault-dr-eus`);
  await page.reload();
  await expect(page.getByRole("table", { name: "Vault credentials" })).toContainText(`Used by ${SERVER_NAME}`);
  // The agent's log, with its times, stays beside the test's trace.
  const agentLog = await open(testInfo.outputPath("agent.log"), "w");
  daemon = spawn(process.execPath, [AGENT, "run"], {
    env: { ...env, AGENT_POLL_SECONDS: "1" },
    stdio: ["ignore", agentLog.fd, agentLog.fd],
    detached: true,
  });
  await agentLog.close();

  await page.goto(page.url().replace(/\/properties$/, "/backup?workload=MAB"));
  await expect(page.getByRole("heading", { level: 1, name: "Configure backup" })).toBeVisible();
  // The agent reported this machine's top-level folders; the one to protect lies below them.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "/tmp", exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await page.getByRole("textbox", { name: "Folder" }).fill(source);
  await page.getByRole("button", { name: "Add folder" }).click();
  await page.getByRole("combobox", { name: "Backup policy" }).selectOption({ label: "FilesDailyPolicy" });
  await page.getByRole("checkbox", { name: source, exact: true }).check();
  await page.getByRole("button", { name: "Enable backup" }).click();
  await page.getByRole("link", { name: source, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: source })).toBeVisible();

  await page.getByRole("toolbar", { name: "Backup item commands" }).getByRole("button", { name: "Backup now" }).click();
  await page.getByRole("dialog", { name: "Backup Now" }).getByRole("button", { name: "OK" }).click();
  const triggered = page.getByRole("status", { name: `Backup now (${source})` });
  await expect(triggered).toContainText("Backup triggered");
  await triggered.getByRole("link", { name: "View details" }).click();
  const essentials = page.getByRole("region", { name: "Essentials" });
  await expect(essentials.getByText("Completed", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(essentials).toContainText("2 new, 0 changed, 0 unchanged");
  await expect(essentials).toContainText("Data transferred");
  await expect(essentials).toContainText(/40(\.\d+)? MB/);
  await page.screenshot({ path: "screenshots/backup-agent-job.png", fullPage: true });

  // A folder deleted on the server comes back, byte for byte, through Recover Data.
  const ledger = await readFile(path.join(source, "2026", "ledger.csv"));
  await rm(path.join(source, "2026"), { recursive: true });
  await essentials.getByRole("link", { name: source, exact: true }).click();
  await page
    .getByRole("toolbar", { name: "Backup item commands" })
    .getByRole("button", { name: "Recover Data" })
    .click();
  const wizard = page.getByRole("dialog", { name: "Recover Data" });
  // The calendar shows the days with recovery points in bold; today's is chosen, with its time.
  await expect(wizard.getByRole("grid")).toBeVisible();
  await expect(wizard.getByRole("gridcell", { selected: true })).toHaveClass(/font-bold/);
  await expect(wizard.getByLabel("Time")).toBeVisible();
  await page.screenshot({ path: "screenshots/recover-data-calendar.png" });
  await wizard.getByRole("radio", { name: "Selected files and folders" }).check();
  await wizard.getByLabel("Items to recover").fill("2026");
  await wizard.getByRole("radio", { name: "Overwrite existing versions with recovered versions" }).check();
  // Overwriting is confirmed first.
  await expect(wizard.getByRole("button", { name: "Recover", exact: true })).toBeDisabled();
  await page.screenshot({ path: "screenshots/recover-data-overwrite.png" });
  await wizard.getByRole("checkbox", { name: /their current contents are lost/ }).check();
  await wizard.getByRole("button", { name: "Recover", exact: true }).click();
  await expect(wizard.getByText("Enter an absolute path such as /srv/data.")).toBeVisible();
  // Browse the point: the agent lists its folders; check the deleted one.
  await wizard.getByLabel("Items to recover").fill("");
  await wizard.getByRole("button", { name: "Browse the recovery point" }).click();
  const listing = wizard.getByRole("list", { name: "Items in the recovery point" });
  await expect(listing).toContainText("budget.bin");
  // A file downloads from the point as it was, streamed from the agent.
  const [fromPoint] = await Promise.all([
    page.waitForEvent("download"),
    listing.getByRole("link", { name: `Download ${path.join(source, "budget.bin")}`, exact: true }).click(),
  ]);
  expect(fromPoint.suggestedFilename()).toBe("budget.bin");
  // Compared by digest: expect's deep equality walks a 40 MB buffer byte by byte for minutes.
  expect(sha256(await readFile(await fromPoint.path()))).toBe(sha256(await readFile(path.join(source, "budget.bin"))));
  await listing.getByRole("checkbox", { name: path.join(source, "2026"), exact: true }).check();
  await expect(wizard.getByLabel("Items to recover")).toHaveValue(path.join(source, "2026"));
  await wizard.getByRole("textbox", { name: "Search by name" }).fill("LEDGER");
  await wizard.getByRole("button", { name: "Search", exact: true }).click();
  await expect(listing).toContainText(path.join(source, "2026", "ledger.csv"));
  await page.screenshot({ path: "screenshots/recover-data-panel.png" });
  await wizard.getByRole("button", { name: "Recover", exact: true }).click();
  const recovering = page.getByRole("status", { name: `Recover data (${source})` });
  await expect(recovering).toContainText("Recovery started");
  await recovering.getByRole("link", { name: "View details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Restore (${source})` })).toBeVisible();
  await expect(essentials.getByText("Completed", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(essentials).toContainText("1 file recovered, 0 as copies, 0 skipped, 0 failed");
  await expect(essentials).toContainText("Overwrite existing versions with recovered versions");
  expect(await readFile(path.join(source, "2026", "ledger.csv"))).toEqual(ledger);
  await page.screenshot({ path: "screenshots/recover-data-job.png", fullPage: true });
});
