// Backup Infrastructure → Protected Servers, as an admin uses it: a server registered by its agent
// shows Online with its version; its network throttling is set (a bad bandwidth refused next to
// its field) and described; its exclusion settings too (a bad file type refused next to its
// field), which the Backup Reader sees but can't change; and it is deleted by typing its name.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { stateOf } from "../../playwright.config";
import { openVault, table } from "./helpers";

const SERVER_NAME = "e2e-throttled.contoso.com";

test("a registered server shows Online, takes network throttling and exclusion settings, and is deleted by its name", async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(60_000);
  await openVault(page, "vault-files-weu");
  const menu = page.getByRole("navigation", { name: "vault-files-weu menu" });
  await menu.getByRole("link", { name: "Properties" }).click();
  const downloaded = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const credentials = JSON.parse(await readFile(await (await downloaded).path(), "utf8")) as { secret: string };
  const registered = await fetch(new URL("/api/agent/register", baseURL), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      vaultCredential: credentials.secret,
      name: SERVER_NAME,
      osType: "Debian GNU/Linux 12",
      agentVersion: "0.9.1-e2e",
    }),
  });
  expect(registered.status).toBe(201);

  await menu.getByRole("link", { name: "Protected servers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Protected Servers" })).toBeVisible();
  const row = table(page, "Protected servers").getByRole("row").filter({ hasText: SERVER_NAME });
  await expect(row).toContainText("Online");
  await expect(row).toContainText("Last contact");
  await expect(row).toContainText("0.9.1-e2e");
  await row.getByRole("button", { name: "Network throttling: Not throttled" }).click();
  const throttling = page.getByRole("dialog", { name: "Network throttling" });
  await throttling.getByRole("checkbox", { name: /Enable internet bandwidth usage throttling/ }).check();
  await throttling.getByLabel("Work hours start").fill("08:00");
  await throttling.getByLabel("Work hours end").fill("18:00");
  await throttling.getByRole("spinbutton", { name: "Work hours bandwidth", exact: true }).fill("100");
  await throttling.getByRole("combobox", { name: "Work hours bandwidth unit", exact: true }).selectOption("Kbps");
  await throttling.getByRole("spinbutton", { name: "Non-work hours bandwidth" }).fill("10");
  await throttling.getByRole("combobox", { name: "Non-work hours bandwidth unit" }).selectOption("Mbps");
  await throttling.getByRole("button", { name: "Save" }).click();
  await expect(throttling.getByRole("alert")).toHaveText("Enter a bandwidth from 512 Kbps to 1,023 Mbps.");
  await throttling.getByRole("spinbutton", { name: "Work hours bandwidth", exact: true }).fill("1");
  await throttling.getByRole("combobox", { name: "Work hours bandwidth unit", exact: true }).selectOption("Mbps");
  await throttling.getByRole("button", { name: "Save" }).click();
  await expect(throttling).toBeHidden();
  await expect(row).toContainText("Work hours Mon–Fri 08:00–18:00: 1 Mbps; otherwise 10 Mbps");
  // Without the toasts.
  await page.reload();

  await row.getByRole("button", { name: "Exclusion settings: None" }).click();
  const exclusions = page.getByRole("dialog", { name: "Exclusion settings" });
  await expect(exclusions).toContainText("No folder is excluded.");
  await exclusions.getByLabel("File type to exclude").fill("*.t?p");
  await exclusions.getByRole("button", { name: "Add", exact: true }).nth(1).click();
  await expect(exclusions.getByRole("alert")).toHaveText(
    "Enter an extension such as .tmp: 1 to 20 letters, digits, _ or -.",
  );
  await expect(exclusions.getByLabel("File type to exclude")).toHaveAttribute("aria-invalid", "true");
  await exclusions.getByLabel("File type to exclude").fill("*.TMP");
  await exclusions.getByLabel("File type to exclude").press("Enter");
  await exclusions.getByLabel("File type to exclude").fill("iso");
  await exclusions.getByLabel("File type to exclude").press("Enter");
  await exclusions.getByLabel("Folder to exclude").fill("/srv/data/cache");
  await exclusions.getByRole("button", { name: "Add", exact: true }).first().click();
  await exclusions.getByLabel("Folder to exclude").fill("/srv/data/scratch");
  await exclusions.getByLabel("Folder to exclude").press("Enter");
  await expect(exclusions.getByRole("list", { name: "File types" }).getByRole("listitem")).toHaveText([".tmp", ".iso"]);
  await exclusions.getByRole("button", { name: "Remove /srv/data/scratch" }).click();
  await expect(exclusions.getByRole("list", { name: "Folders" }).getByRole("listitem")).toHaveText(["/srv/data/cache"]);
  await page.screenshot({ path: "screenshots/exclusion-settings.png" });
  await exclusions.getByRole("button", { name: "Save" }).click();
  await expect(exclusions).toBeHidden();
  await expect(row.getByRole("button", { name: "Exclusion settings: 1 folder, 2 file types" })).toBeVisible();

  // The Backup Reader sees them, and why they can't change them.
  const reader = await browser.newContext({ storageState: stateOf("reader@contoso.com") });
  const readerPage = await reader.newPage();
  await readerPage.goto(page.url());
  await table(readerPage, "Protected servers")
    .getByRole("row")
    .filter({ hasText: SERVER_NAME })
    .getByRole("button", { name: "Exclusion settings: 1 folder, 2 file types" })
    .click();
  const readOnly = readerPage.getByRole("dialog", { name: "Exclusion settings" });
  await expect(readOnly.getByRole("list", { name: "Folders" })).toHaveText("/srv/data/cache");
  await expect(readOnly.getByRole("button", { name: "Save" })).toBeDisabled();
  await expect(readOnly).toContainText(
    "You have the Backup Reader role: it takes Backup Operator or higher to configure backup.",
  );
  await expect(readOnly.getByRole("textbox")).toHaveCount(0);
  await reader.close();

  // Without the toasts, and with the table where it starts.
  await page.reload();
  await page.screenshot({ path: "screenshots/protected-servers.png", fullPage: true });

  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${SERVER_NAME}` });
  await expect(confirm).toContainText("its repository in the vault's storage is deleted: 0 B");
  const deleteButton = confirm.getByRole("button", { name: "Delete" });
  await expect(deleteButton).toBeDisabled();
  // As in Azure, Delete waits for the server's exact name.
  await confirm.getByLabel(/Type the name/).fill("e2e-throttled");
  await expect(deleteButton).toBeDisabled();
  await confirm.getByLabel(/Type the name/).fill(SERVER_NAME);
  await deleteButton.click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("status", { name: `Delete ${SERVER_NAME}` })).toContainText(
    `${SERVER_NAME} was deleted, with its backup storage.`,
  );
});
