import { expect, type Page, test } from "@playwright/test";
import { formatDateTime } from "@/lib/domain/format/time";
import { retainUntilOf } from "@/lib/domain/protection/retain-till";
import { openVault, table } from "./helpers";

const TIME_ZONE = "Europe/Berlin";

function commands(page: Page) {
  return page.getByRole("toolbar", { name: "Backup item commands" });
}

function essentials(page: Page) {
  return page.getByRole("region", { name: "Essentials" });
}

function toast(page: Page, title: string) {
  return page.getByRole("status", { name: title });
}

/** The 15th two months ahead: always a valid Retain Backup Till, and not the default (30 days ahead). */
function aDateTwoMonthsAhead() {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 15));
  const inUtc = (options: Intl.DateTimeFormatOptions) =>
    date.toLocaleDateString("en-US", { ...options, timeZone: "UTC" });
  return {
    key: date.toISOString().slice(0, 10),
    /** As the field shows it. */
    shown: inUtc({}),
    /** The calendar's name of the day, and of the day before. */
    label: inUtc({ dateStyle: "full" }),
    dayBefore: new Date(date.getTime() - 86_400_000).toLocaleDateString("en-US", {
      dateStyle: "full",
      timeZone: "UTC",
    }),
    year: String(date.getUTCFullYear()),
    month: inUtc({ month: "long" }),
  };
}

async function configureBackup(
  page: Page,
  vault: string,
  workload: "Azure virtual machine" | "Files and folders",
  source: string,
  policy: string,
) {
  await openVault(page, vault);
  await page.getByRole("toolbar").getByRole("link", { name: "Backup", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Configure backup" })).toBeVisible();
  await page.getByRole("radio", { name: workload }).click();
  await expect(page.getByRole("radio", { name: workload })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("combobox", { name: "Backup policy" }).selectOption({ label: policy });
  await page.getByRole("checkbox", { name: source, exact: true }).check();
  await page.getByRole("button", { name: "Enable backup" }).click();
  await expect(toast(page, "Configure backup")).toContainText("Backup was configured for 1 item.");
  await page.getByRole("link", { name: source, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: source })).toBeVisible();
  await expect(essentials(page)).toContainText("Warning (Initial backup pending)");
}

/** Backup now with a date picked in the calendar; waits for the job and checks the new point's expiry. */
async function backupNow(page: Page, itemName: string) {
  const itemUrl = page.url();
  await commands(page).getByRole("button", { name: "Backup now" }).click();
  const panel = page.getByRole("dialog", { name: "Backup Now" });
  await expect(panel.getByLabel("Retain Backup Till")).not.toHaveValue("");
  const picked = aDateTwoMonthsAhead();
  // The calendar opens in a popover from the field's button; a pick closes it, focus back on the button.
  const chooseDate = panel.getByRole("button", { name: "Choose a date" });
  const calendar = panel.getByRole("dialog", { name: "Choose a date" });
  await expect(calendar).toBeHidden();
  await chooseDate.click();
  await calendar.getByRole("combobox", { name: "Year" }).selectOption({ label: picked.year });
  await calendar.getByRole("combobox", { name: "Month" }).selectOption({ label: picked.month });
  // Clicked, then opened again on it and a day on with the keyboard.
  await calendar.getByRole("button", { name: picked.dayBefore }).click();
  await expect(calendar).toBeHidden();
  await expect(chooseDate).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(calendar.getByRole("button", { name: `${picked.dayBefore}, selected` })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(calendar.getByRole("button", { name: picked.label })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(calendar).toBeHidden();
  await expect(chooseDate).toBeFocused();
  await expect(panel.getByLabel("Retain Backup Till")).toHaveValue(picked.shown);
  // Opened again, it shows the pick; Escape closes it and leaves the Backup Now pane open.
  await chooseDate.click();
  await expect(calendar.getByRole("button", { name: `${picked.label}, selected` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(calendar).toBeHidden();
  await expect(chooseDate).toBeFocused();
  await panel.getByRole("button", { name: "OK" }).click();
  const triggered = toast(page, `Backup now (${itemName})`);
  await expect(triggered).toContainText("Backup triggered");
  await triggered.getByRole("link", { name: "View details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Backup (${itemName})` })).toBeVisible();
  await expect(essentials(page).getByText("Completed", { exact: true })).toBeVisible({ timeout: 30_000 });
  const retainUntil = retainUntilOf(picked.key, TIME_ZONE);
  await expect(essentials(page)).toContainText(formatDateTime(retainUntil, TIME_ZONE, { seconds: true }));
  const expiry = formatDateTime(retainUntil, TIME_ZONE);
  await page.goto(itemUrl);
  const points = table(page, "Restore points");
  await expect(points.getByRole("row").nth(1)).toContainText("On-demand");
  await expect(points.getByRole("row").nth(1)).toContainText("Full");
  await expect(points.getByRole("row").nth(1)).toContainText(expiry);
}

/** Stop (retain) → resume under a policy → stop (delete, wrong name then right) → undelete → delete backup data. */
async function stopResumeDeleteUndelete(page: Page, itemName: string, resumePolicy: string) {
  await commands(page).getByRole("button", { name: "Stop backup" }).click();
  let panel = page.getByRole("dialog", { name: "Stop backup" });
  await panel.getByLabel("Retain Backup Data").check();
  await panel.getByLabel("Reason").selectOption("Decommissioned");
  await panel.getByRole("button", { name: "Stop backup" }).click();
  await expect(toast(page, `Stop backup (${itemName})`)).toContainText("The backup jobs have been stopped");
  await expect(essentials(page)).toContainText("Protection stopped");
  await expect(commands(page).getByRole("button", { name: "Backup now" })).toBeDisabled();

  await commands(page).getByRole("button", { name: "Resume backup" }).click();
  panel = page.getByRole("dialog", { name: "Resume backup" });
  // The current policy's option reads "Name (current)".
  const option = await panel.locator("option", { hasText: resumePolicy }).first().getAttribute("value");
  await panel.getByLabel("Backup policy").selectOption(option!);
  await panel.getByRole("button", { name: "Resume backup" }).click();
  await expect(toast(page, `Resume backup (${itemName})`)).toContainText(`Backup resumed with policy ${resumePolicy}`);
  await expect(essentials(page)).toContainText(resumePolicy);
  await expect(essentials(page)).toContainText("Protected");

  await commands(page).getByRole("button", { name: "Stop backup" }).click();
  panel = page.getByRole("dialog", { name: "Stop backup" });
  // Opened a second time, the pane starts fresh: nothing of the first stop's outcome or choices.
  await expect(panel.getByText("The backup jobs have been stopped")).toHaveCount(0);
  await expect(panel.getByLabel("Retain Backup Data")).toBeChecked();
  await expect(panel.getByLabel("Reason")).toHaveValue("");
  await panel.getByLabel("Delete Backup Data").check();
  await panel.getByLabel(/Type the name of the backup item/).fill(`${itemName}-typo`);
  // As in Azure, the button waits for the item's exact name.
  await expect(panel.getByRole("button", { name: "Stop backup" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(essentials(page)).toContainText("Protected");
  await expect(page.getByText("soft-deleted state")).toHaveCount(0);

  await commands(page).getByRole("button", { name: "Stop backup" }).click();
  panel = page.getByRole("dialog", { name: "Stop backup" });
  await panel.getByLabel("Delete Backup Data").check();
  await panel.getByLabel(/Type the name of the backup item/).fill(itemName);
  await panel.getByRole("button", { name: "Stop backup" }).click();
  await expect(toast(page, `Stop backup (${itemName})`)).toContainText("soft-deleted");
  await expect(page.getByRole("alert").filter({ hasText: "soft-deleted state for 14 more days" })).toBeVisible();
  await expect(commands(page).getByRole("button", { name: "Resume backup" })).toBeDisabled();

  await commands(page).getByRole("button", { name: "Undelete" }).click();
  panel = page.getByRole("dialog", { name: "Undelete" });
  await panel.getByRole("button", { name: "Undelete" }).click();
  await expect(toast(page, `Undelete (${itemName})`)).toContainText("The item was undeleted");
  await expect(essentials(page)).toContainText("Protection stopped");
  await expect(table(page, "Restore points").getByRole("row")).not.toHaveCount(1);

  await commands(page).getByRole("button", { name: "Delete backup data" }).click();
  panel = page.getByRole("dialog", { name: "Delete backup data" });
  await panel.getByLabel(/Type the name/).fill(itemName);
  await panel.getByRole("button", { name: "Delete" }).click();
  await expect(toast(page, `Delete backup data (${itemName})`)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "soft-deleted state for 14 more days" })).toBeVisible();
}

test("a VM: configure backup, Backup now with a picked date, stop, resume, delete, undelete, delete backup data", async ({
  page,
}) => {
  await page.goto("/inventory");
  await page.getByRole("button", { name: "Add virtual machine" }).click();
  const add = page.getByRole("dialog", { name: "Add virtual machine" });
  await add.getByLabel("Name").fill("vm e2e");
  await add.getByLabel("Resource group").fill("rg-e2e");
  await add.getByLabel("Disk size (GB)").fill("8");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.getByRole("alert")).toContainText("1 to 64 letters");
  await add.getByLabel("Name").fill("vm-e2e-flow");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(toast(page, "Add virtual machine")).toContainText("vm-e2e-flow was added");
  await expect(table(page, "Virtual machines")).toContainText("vm-e2e-flow");

  await configureBackup(page, "vault-prod-weu", "Azure virtual machine", "vm-e2e-flow", "DefaultPolicy");
  await backupNow(page, "vm-e2e-flow");
  await stopResumeDeleteUndelete(page, "vm-e2e-flow", "SqlServersPolicy");

  // The notifications panel keeps what happened.
  await page.getByRole("button", { name: /Notifications/ }).click();
  const notifications = page.getByRole("region", { name: "Notifications" });
  await expect(notifications).toContainText("Backup now (vm-e2e-flow)");
  await expect(notifications).toContainText("Undelete (vm-e2e-flow)");
});

test("a Backup Agent folder: register the server, configure backup, Backup now, stop, resume, delete, undelete", async ({
  page,
}) => {
  await page.goto("/inventory");
  await page.getByRole("button", { name: "Add server" }).click();
  const addServer = page.getByRole("dialog", { name: "Add server" });
  await addServer.getByLabel("Server name").fill("fs-e2e.contoso.com");
  await addServer.getByRole("button", { name: "Add" }).click();
  await expect(toast(page, "Add server")).toBeVisible();
  const server = page.locator("div.rounded-sm.border").filter({ hasText: "fs-e2e.contoso.com" });
  await server.getByRole("button", { name: "Register" }).click();
  const register = page.getByRole("dialog", { name: "Register fs-e2e.contoso.com" });
  await register.getByLabel("Vault").selectOption({ label: "vault-files-weu" });
  await register.getByRole("button", { name: "Register" }).click();
  await expect(toast(page, "Register fs-e2e.contoso.com")).toContainText("registered to vault-files-weu");
  await server.getByRole("button", { name: "Add folder" }).click();
  const addFolder = page.getByRole("dialog", { name: "Add folder on fs-e2e.contoso.com" });
  await addFolder.getByLabel("Path").fill("D:\\E2E");
  await addFolder.getByLabel("Size (GB)").fill("2");
  await addFolder.getByRole("button", { name: "Add" }).click();
  await expect(table(page, "Folders on fs-e2e.contoso.com")).toContainText("D:\\E2E");

  await configureBackup(page, "vault-files-weu", "Files and folders", "D:\\E2E", "FilesDailyPolicy");
  await backupNow(page, "D:\\E2E");
  await stopResumeDeleteUndelete(page, "D:\\E2E", "FilesDailyPolicy");
});

test("a VM deleted while protected fails Backup now with UserErrorVmNotFoundV2 and turns Pre-Check Critical", async ({
  page,
}) => {
  await page.goto("/inventory");
  await page.getByRole("button", { name: "Add virtual machine" }).click();
  const add = page.getByRole("dialog", { name: "Add virtual machine" });
  await add.getByLabel("Name").fill("vm-e2e-gone");
  await add.getByLabel("Resource group").fill("rg-e2e");
  await add.getByLabel("Disk size (GB)").fill("8");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(table(page, "Virtual machines")).toContainText("vm-e2e-gone");
  await configureBackup(page, "vault-prod-weu", "Azure virtual machine", "vm-e2e-gone", "DefaultPolicy");
  const itemUrl = page.url();

  await page.goto("/inventory");
  await table(page, "Virtual machines")
    .getByRole("row")
    .filter({ hasText: "vm-e2e-gone" })
    .getByRole("button", { name: "Delete VM" })
    .click();
  await page.getByRole("dialog", { name: "Delete vm-e2e-gone" }).getByRole("button", { name: "Delete VM" }).click();
  await expect(table(page, "Virtual machines").getByRole("row").filter({ hasText: "vm-e2e-gone" })).toContainText(
    "Deleted",
  );

  await page.goto(itemUrl);
  await expect(page.getByRole("alert").filter({ hasText: "UserErrorVmNotFoundV2" })).toContainText(
    "delete backup data",
  );
  await expect(essentials(page)).toContainText("Passed");
  await commands(page).getByRole("button", { name: "Backup now" }).click();
  await page.getByRole("dialog", { name: "Backup Now" }).getByRole("button", { name: "OK" }).click();
  await toast(page, "Backup now (vm-e2e-gone)").getByRole("link", { name: "View details" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Error code" })).toContainText("UserErrorVmNotFoundV2", {
    timeout: 30_000,
  });
  await page.goto(itemUrl);
  await expect(essentials(page)).toContainText("Critical");
});

test("the jobs list exports what its filters show as CSV", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page
    .getByRole("navigation", { name: "vault-prod-weu menu" })
    .getByRole("link", { name: "Backup jobs" })
    .click();
  const main = page.getByRole("main");
  await main.getByRole("button", { name: "Status : All" }).click();
  await main.getByRole("dialog", { name: "Status" }).getByRole("link", { name: "Failed" }).click();
  await page.waitForURL(/status=Failed/);
  await main.getByRole("button", { name: "Start time : Last 24 hours" }).click();
  await main.getByRole("dialog", { name: "Start time" }).getByRole("link", { name: "Last 30 days" }).click();
  await page.waitForURL(/range=30d/);
  await expect(main.getByRole("button", { name: "Status : Failed" })).toBeVisible();
  const rows = await table(page, "Backup jobs").getByRole("row").count();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export to CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^backup-jobs-vault-prod-weu-\d{12}\.csv$/);
  const lines = (await (await file.createReadStream()).toArray()).join("").trim().split("\r\n");
  expect(lines[0]).toBe(
    `Workload name,Operation,Status,Type,Start time (${TIME_ZONE}),End time (${TIME_ZONE}),Duration,Error code,Started by,Job ID`,
  );
  expect(lines.length).toBeGreaterThanOrEqual(rows);
  expect(lines.slice(1).every((line) => line.split(",")[2] === "Failed")).toBe(true);
});

test("a vault's soft delete settings: shortening the retention asks for the vault's name", async ({ page }) => {
  await openVault(page, "vault-dr-eus");
  await page.getByRole("navigation", { name: "vault-dr-eus menu" }).getByRole("link", { name: "Properties" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Properties" })).toBeVisible();
  await page.getByLabel("Retention period (days)").fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Soft delete settings (vault-dr-eus)")).toContainText("saved");
  await page.getByLabel("Retention period (days)").fill("20");
  // Save waits for the vault's exact name.
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await page.getByLabel("Type the vault's name").fill("vault-dr-e");
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await page.getByLabel("Type the vault's name").fill("vault-dr-eus");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Soft delete settings (vault-dr-eus)").first()).toContainText("saved");
  await page.getByRole("navigation", { name: "vault-dr-eus menu" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("region", { name: "Essentials" })).toContainText("Enabled (20 days)");
});
