import { expect, type Page, test } from "@playwright/test";
import { stateOf } from "../../playwright.config";
import { openVault, table } from "./helpers";

async function openVmItem(page: Page, vault: string, item: string) {
  await openVault(page, vault);
  await page.goto(page.url() + "/items/AzureIaasVM");
  await page.getByRole("link", { name: item, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
}

const commands = (page: Page) => page.getByRole("toolbar", { name: "Backup item commands" });

test("Restore VM of the deleted legacy-app-01: Replace existing is refused with the reason, Create new makes a VM that can be protected", async ({
  page,
}) => {
  await openVmItem(page, "vault-prod-weu", "legacy-app-01");
  await commands(page).getByRole("button", { name: "Restore VM" }).click();
  const panel = page.getByRole("dialog", { name: "Restore Virtual Machine" });
  await expect(panel.getByLabel("Restore point")).toBeVisible();
  await expect(panel.getByText(/Restore from: /)).toBeVisible();

  await panel.getByRole("radio", { name: "Replace existing" }).check();
  await expect(panel.getByRole("alert")).toContainText("Replace existing needs the original virtual machine");
  await expect(panel.getByRole("button", { name: "Restore", exact: true })).toBeDisabled();

  await panel.getByRole("radio", { name: "Create new" }).check();
  await expect(panel.getByLabel("Restore Type")).toHaveValue("CreateVirtualMachine");
  await expect(panel.getByLabel("Virtual machine name")).toHaveValue("legacy-app-01-restored");
  await panel.getByLabel("Virtual machine name").fill("legacy-app-01");
  await panel.getByLabel("Staging Location").fill("Staging_WEU");
  await panel.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(panel.getByText("3 to 24 lowercase letters and digits")).toBeVisible();
  await panel.getByLabel("Staging Location").fill("stagingweu");
  await panel.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(panel.getByText("A virtual machine named 'legacy-app-01' already exists in rg-app-prod")).toBeVisible();
  await page.screenshot({ path: "test-results/restore-vm-panel.png" });
  await panel.getByLabel("Virtual machine name").fill("legacy-app-01-restored");
  await panel.getByRole("button", { name: "Restore", exact: true }).click();

  const toast = page.getByRole("status", { name: "Restore (legacy-app-01)" });
  await expect(toast).toContainText("Create new virtual machine started");
  await toast.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Restore (legacy-app-01)" })).toBeVisible();
  const essentials = page.getByRole("region", { name: "Essentials" });
  await expect(essentials.getByText("Completed", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(essentials).toContainText("Create new virtual machine");
  await expect(essentials).toContainText("legacy-app-01-restored");
  await expect(essentials).toContainText(/legacy-app-01-restored-osdisk-restored-\d{8}-\d{4}/);
  await expect(table(page, "Sub tasks")).toContainText("Transfer data");
  await expect(table(page, "Sub tasks")).toContainText("Create virtual machine");
  await page.screenshot({ path: "test-results/restore-vm-job.png", fullPage: true });

  // The new VM is in the inventory, and can itself be protected.
  await page.goto("/inventory");
  await expect(table(page, "Virtual machines")).toContainText("legacy-app-01-restored");
  await openVault(page, "vault-prod-weu");
  await page.getByRole("toolbar").getByRole("link", { name: "Backup", exact: true }).click();
  await page.getByRole("radio", { name: "Azure virtual machine" }).click();
  await expect(page.getByRole("checkbox", { name: "legacy-app-01-restored", exact: true })).toBeVisible();
});

test("a restore point's row opens Restore VM with that point chosen", async ({ page }) => {
  await openVmItem(page, "vault-prod-weu", "web-01");
  await page.getByRole("link", { name: /View all restore points/ }).click();
  const second = table(page, "Restore points").getByRole("row").nth(2);
  await page.screenshot({ path: "screenshots/restore-points.png" });
  const restore = second.getByRole("link", { name: /^Restore from / });
  const time = (await restore.getAttribute("aria-label"))!.replace("Restore from ", "");
  await restore.click();
  const panel = page.getByRole("dialog", { name: "Restore Virtual Machine" });
  await expect(panel.getByLabel("Restore point").locator("option:checked")).toContainText(time);
});

test.describe("as the Backup Reader", () => {
  test.use({ storageState: stateOf("reader@contoso.com") });

  test("sees the restore points, but Restore VM is disabled with the reason", async ({ page }) => {
    await openVmItem(page, "vault-prod-weu", "web-01");
    await expect(table(page, "Restore points")).toBeVisible();
    const restore = commands(page).getByRole("button", { name: "Restore VM" });
    await expect(restore).toBeDisabled();
    await expect(restore).toHaveAccessibleDescription(
      "You have the Backup Reader role: it takes Backup Operator or higher to restore from recovery points.",
    );
  });
});
