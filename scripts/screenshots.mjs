// Takes a screenshot of every blade of a running portal: node scripts/screenshots.mjs [baseUrl] [outDir]
// Used to look at the UI after a change; docs/screenshot.png in the README comes from here. It signs
// in as PORTAL_EMAIL / PORTAL_PASSWORD (default: the demo Backup Contributor).
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
const outDir = process.argv[3] ?? "screenshots";
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: "Europe/Berlin" });
const page = await context.newPage();

async function shot(name, path) {
  await page.goto(baseUrl + path);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
  console.log(`${name}: ${page.url()}`);
}

await shot("sign-in", "/sign-in");
await page.getByLabel("Email").fill(process.env.PORTAL_EMAIL ?? "contributor@contoso.com");
await page.getByLabel("Password").fill(process.env.PORTAL_PASSWORD ?? "Contributor-demo-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
await shot("dashboard", "/");
await shot("vaults", "/vaults");
await shot("create-vault", "/vaults/new");
await shot("inventory", "/inventory");
await shot("alerts", "/alerts");
await shot("activity", "/activity?range=7d");
await shot("account", "/account");
const vaultHref = await page
  .goto(baseUrl + "/vaults")
  .then(() => page.getByRole("link", { name: "vault-prod-weu" }).getAttribute("href"));
await shot("vault-overview", vaultHref);
await shot("backup-items", `${vaultHref}/items`);
await shot("items-vm", `${vaultHref}/items/AzureIaasVM`);
await page.getByRole("link", { name: "legacy-app-01" }).click();
await page.waitForURL(/AzureIaasVM\/.+/);
await page.waitForLoadState("networkidle");
await page.screenshot({ path: `${outDir}/item-dashboard.png`, fullPage: true });
await shot("restore-points", `${new URL(page.url()).pathname}/restore-points`);
await shot("configure-backup", `${vaultHref}/backup`);
await shot("vault-alerts", `${vaultHref}/alerts`);
// The demo's failing VM keeps an alert open in this vault.
const alertHref = await page
  .locator(`a[href^="${vaultHref}/alerts/"]`)
  .first()
  .getAttribute("href", { timeout: 10_000 });
await shot("alert-details", alertHref);
await shot("vault-activity", `${vaultHref}/activity?range=7d`);
await shot("notifications", `${vaultHref}/notifications`);
await shot("access", `${vaultHref}/access`);
await shot("properties", `${vaultHref}/properties`);
await shot("protected-servers", `${vaultHref}/servers`);
await shot("jobs", `${vaultHref}/jobs?range=7d`);
await page.getByRole("link", { name: "legacy-app-01" }).first().click();
await page.waitForURL(/jobs\/.+/);
await page.waitForLoadState("networkidle");
await page.screenshot({ path: `${outDir}/job-details.png`, fullPage: true });
await shot("policies", `${vaultHref}/policies`);
await shot("policy-vm-create", `${vaultHref}/policies/new?type=AzureIaasVM`);
await shot("policy-agent-wizard", `${vaultHref}/policies/new?type=MAB`);
await shot("policy-import", `${vaultHref}/policies/import`);
await page.goto(`${baseUrl}${vaultHref}/policies`);
await page.getByRole("link", { name: "SqlServersPolicy" }).click();
await page.waitForURL(/policies\/.+/);
await page.waitForLoadState("networkidle");
await page.screenshot({ path: `${outDir}/policy-modify.png`, fullPage: true });
await shot("not-found", "/vaults/unknown-vault");
await browser.close();
