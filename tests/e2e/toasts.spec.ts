// Toasts: each outcome shows one, they stack, close themselves or with ×, go when the user leaves
// the page they are about, never cover an open side panel, and the bell keeps them all.
import { expect, type Page, test } from "@playwright/test";
import { openVault } from "./helpers";

const VAULT = "vault-prod-weu";
// An item no other test counts the recovery points or jobs of.
const ITEM = "sql-02";

async function openProperties(page: Page) {
  await openVault(page, VAULT);
  await page
    .getByRole("navigation", { name: `${VAULT} menu` })
    .getByRole("link", { name: "Properties" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Properties" })).toBeVisible();
}

test("toasts stack, close themselves or with ×, go when their page is left, and stay in the bell", async ({ page }) => {
  test.setTimeout(60_000);
  await openProperties(page);
  // Saving the settings as they are: an outcome each time, and nothing changed.
  const save = page.getByRole("button", { name: "Save" });
  const toasts = page.getByRole("status", { name: `Soft delete settings (${VAULT})` });

  await save.click();
  await expect(toasts).toContainText("saved");
  await toasts.getByRole("button", { name: "Dismiss" }).click();
  await expect(toasts).toHaveCount(0);

  await save.click();
  await expect(toasts).toHaveCount(1);
  await save.click();
  await expect(toasts).toHaveCount(2);
  // A success closes itself after a few seconds.
  await expect(toasts).toHaveCount(0, { timeout: 30_000 });

  await save.click();
  await expect(toasts).toHaveCount(1);
  await page
    .getByRole("navigation", { name: `${VAULT} menu` })
    .getByRole("link", { name: "Overview" })
    .click();
  await expect(page.getByRole("region", { name: "Essentials" })).toBeVisible();
  await expect(toasts).toHaveCount(0);

  // The bell lists every one, with its time in the portal's one format.
  await page.getByRole("button", { name: /Notifications/ }).click();
  const history = page
    .getByRole("region", { name: "Notifications" })
    .getByRole("listitem")
    .filter({ hasText: `Soft delete settings (${VAULT})` });
  await expect(history).toHaveCount(4);
  await expect(history.first()).toContainText(/\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2} [AP]M GMT\+[12]/);
});

test("a toast sits beside an open side panel, so the panel's fields and buttons stay in view", async ({ page }) => {
  await openVault(page, VAULT);
  await page.goto(page.url() + "/items/AzureIaasVM");
  await page.getByRole("link", { name: ITEM, exact: true }).click();
  const backupNow = page.getByRole("toolbar", { name: "Backup item commands" }).getByRole("button", {
    name: "Backup now",
  });
  const panel = page.getByRole("dialog", { name: "Backup Now" });
  const toast = page.getByRole("status", { name: `Backup now (${ITEM})` });
  await backupNow.click();
  await panel.getByRole("button", { name: "OK" }).click();
  await expect(toast).toContainText("Backup triggered");
  await backupNow.click();
  await expect(panel).toBeVisible();
  const panelLeft = (await panel.boundingBox())!.x;
  await expect
    .poll(async () => (await toast.boundingBox())!.x + (await toast.boundingBox())!.width)
    .toBeLessThanOrEqual(panelLeft);
  // The toast can still be closed, and closing it leaves the panel open.
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toHaveCount(0);
  await expect(panel).toBeVisible();
});
