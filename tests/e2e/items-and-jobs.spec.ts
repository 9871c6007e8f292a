import { expect, test } from "@playwright/test";
import { openVault, table } from "./helpers";

test("vault → backup items → VM list → item dashboard → its job → job details", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await expect(
    page.getByRole("region", { name: "Backup Pre-Check (Azure VMs)" }).getByTestId("precheck-critical"),
  ).toHaveText("1");
  await page
    .getByRole("navigation", { name: "vault-prod-weu menu" })
    .getByRole("link", { name: "Backup items" })
    .click();
  await expect(table(page, "Backup management types")).toContainText("Azure Virtual Machine8");
  await page.getByRole("link", { name: "Azure Virtual Machine" }).click();
  // Every blade names itself in the browser's tab, as Azure's do.
  await expect(page).toHaveTitle("Backup Items (Azure Virtual Machine) - Vault Portal");
  const items = table(page, "Azure Virtual Machine backup items");
  await expect(items.getByRole("columnheader", { name: "Backup Pre-Check" })).toBeVisible();
  await expect(items.getByRole("row").filter({ hasText: "app-02" })).toContainText("Warning (Initial backup pending)");
  await expect(items.getByRole("row").filter({ hasText: "legacy-app-01" })).toContainText("Critical");
  // A stopped item says so: no backups run, however healthy its last one was.
  await expect(items.getByRole("row").filter({ hasText: "web-03" })).toContainText(
    "Protection stopped · no backups run; its restore points are kept",
  );
  await page.screenshot({ path: "screenshots/vm-items-list.png" });

  await items.getByRole("link", { name: "legacy-app-01" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "legacy-app-01" })).toBeVisible();
  await expect(page).toHaveTitle("legacy-app-01 - Vault Portal");
  const itemUrl = page.url();
  await page.goto(`${itemUrl}/restore-points`);
  await expect(page).toHaveTitle("Restore points (legacy-app-01) - Vault Portal");
  await page.goto(itemUrl);
  await expect(page.getByRole("main").getByText("deleted on")).toBeVisible();
  await expect(page.getByRole("region", { name: "Essentials" })).toContainText("Protection error");
  // JSON View: the item as the REST API returns it.
  await page.getByRole("region", { name: "Essentials" }).getByRole("button", { name: "JSON View" }).click();
  const json = page.getByRole("dialog", { name: "Resource JSON" });
  await expect(json.getByLabel("Resource ID")).toHaveValue(/\/protectedItems\/vm;iaasvmcontainerv2;.+;legacy-app-01$/i);
  expect(JSON.parse((await json.getByLabel("Resource JSON").textContent()) ?? "")).toMatchObject({
    properties: { friendlyName: "legacy-app-01", protectedItemType: "Microsoft.Compute/virtualMachines" },
  });
  await json.getByRole("button", { name: "Close" }).click();
  await expect(page.getByText(/\bGMT\+1\b/).first()).toBeVisible();

  await table(page, "Recent jobs").getByRole("row").filter({ hasText: "Failed" }).first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Backup (legacy-app-01)" })).toBeVisible();
  await expect(page.getByText("UserErrorVmNotFoundV2")).toBeVisible();
  await expect(table(page, "Sub tasks")).toContainText("Take Snapshot");
  await expect(table(page, "Sub tasks")).toContainText("Transfer data to vault");
});

test("the overview's Pre-Check rows open the VM list filtered; the list filters as you type", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page
    .getByRole("region", { name: "Backup Pre-Check (Azure VMs)" })
    .getByRole("link", { name: /Critical/ })
    .click();
  await page.waitForURL(/items\/AzureIaasVM\?precheck=Critical/);
  const items = table(page, "Azure Virtual Machine backup items");
  await expect(page.getByLabel("Backup Pre-Check")).toHaveValue("Critical");
  await expect(items.getByRole("row")).toHaveCount(2);
  await expect(items).toContainText("legacy-app-01");

  // Back to every item, then narrowed by a name typed into the search box (no button to press).
  await page.getByLabel("Backup Pre-Check").selectOption("");
  await page.waitForURL((url) => url.search === "");
  await expect(items).toContainText("web-03");
  await page.getByLabel("Search items").pressSequentially("web-0");
  await page.waitForURL(/\?q=web-0$/);
  // Only the header row lacks the typed name.
  await expect(items.getByRole("row").filter({ hasNotText: "web-0" })).toHaveCount(1);
  await expect(items).not.toContainText("legacy-app-01");
  await page.getByLabel("Search items").fill("no-such-vm");
  await expect(page.getByText("No items match the filters")).toBeVisible();
});

test("the item's command bar follows its protection state", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page.goto(page.url() + "/items/AzureIaasVM");
  await page.getByRole("link", { name: "web-03" }).click();
  const commands = page.getByRole("toolbar", { name: "Backup item commands" });
  await expect(commands.getByRole("button", { name: "Resume backup" })).toBeEnabled();
  await expect(commands.getByRole("button", { name: "Delete backup data" })).toBeEnabled();
  const backupNow = commands.getByRole("button", { name: "Backup now" });
  await expect(backupNow).toBeDisabled();
  await expect(backupNow).toHaveAccessibleDescription(/protection stopped/);
  await commands.getByRole("button", { name: "Resume backup" }).click();
  await expect(page.getByRole("dialog", { name: "Resume backup" }).getByLabel("Backup policy")).toHaveValue(/.+/);
});

test("the jobs list filters with Azure's pills: status, operation, type and time range", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page.getByRole("link", { name: /Failed \(last 24 hours\)/ }).click();
  const main = page.getByRole("main");
  const filters = main.getByRole("group", { name: "Job filters" });
  await expect(filters.getByRole("button", { name: "Status : Failed" })).toBeVisible();

  // A pill opens its choices; choosing one lists the jobs so, keeping the other filters.
  const startTimePill = filters.getByRole("button", { name: /^Start time : / });
  await expect(startTimePill).toHaveAttribute("aria-haspopup", "dialog");
  await startTimePill.click();
  await main.getByRole("dialog", { name: "Start time" }).getByRole("link", { name: "Last 30 days" }).click();
  await page.waitForURL(/range=30d/);
  expect(page.url()).toContain("status=Failed");
  await expect(startTimePill).toHaveText("Start time : Last 30 days");
  await expect(filters.getByRole("button", { name: "Status : Failed" })).toBeVisible();
  const jobs = table(page, "Backup jobs");
  await expect(jobs.getByRole("row").nth(1)).toBeVisible();
  const statuses = await jobs.getByRole("row").locator("td:nth-child(3)").allInnerTexts();
  expect(statuses.length).toBeGreaterThan(1);
  expect(statuses.every((status) => status.trim() === "Failed")).toBe(true);

  // The pill's "x" takes its filter back to All; then Operation : Configure backup.
  await filters.getByRole("link", { name: "Reset Status" }).click();
  await expect(filters.getByRole("button", { name: "Status : All" })).toBeVisible();
  expect(page.url()).not.toContain("status=");
  await filters.getByRole("button", { name: "Operation : All" }).click();
  await main.getByRole("dialog", { name: "Operation" }).getByRole("link", { name: "Configure backup" }).click();
  await page.waitForURL(/operation=ConfigureBackup/);
  await expect(filters.getByRole("button", { name: "Operation : Configure backup" })).toBeVisible();
  await expect(jobs.getByRole("row").nth(1)).toContainText("Configure backup");
  const operations = await jobs.getByRole("row").locator("td:nth-child(2)").allInnerTexts();
  expect(operations.length).toBeGreaterThan(0);
  expect(operations.every((operation) => operation === "Configure backup")).toBe(true);

  // The command bar's Filter edits the same filters: pick one, then its value.
  await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Filter" }).click();
  const filterPopover = main.getByRole("dialog", { name: "Filter" });
  await filterPopover.getByLabel("Filter by").selectOption({ label: "Item type" });
  await filterPopover.getByRole("link", { name: "Files and folders" }).click();
  await page.waitForURL(/type=MAB/);
  await expect(filterPopover).toBeHidden();
  await expect(filters.getByRole("button", { name: "Item type : Files and folders" })).toBeVisible();
  await expect(main.getByText("No jobs match these filters")).toBeVisible();

  // A custom range without its ends: the reason shows at its field, and nothing is listed.
  await startTimePill.click();
  const startTime = main.getByRole("dialog", { name: "Start time" });
  await startTime.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/range=custom/);
  await expect(startTime.getByRole("alert")).toHaveText("A custom range needs a start and an end.");
  await expect(startTime.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  await expect(startTimePill).toHaveText("Start time : Custom range");
  await expect(main.getByText("No jobs match these filters")).toHaveCount(0);
  await expect(main.getByText(/^Jobs started from/)).toHaveCount(0);
  // Escape closes the popover and gives the focus back to its pill.
  await page.keyboard.press("Escape");
  await expect(startTime).toBeHidden();
  await expect(startTimePill).toBeFocused();
  // From the keyboard: Enter opens it again, on the refused field.
  await page.keyboard.press("Enter");
  await expect(startTime.getByLabel("From")).toBeFocused();
  await page.keyboard.press("Escape");

  // Reset filters: every pill back to its default, and nothing stale comes back when one opens again.
  await filters.getByRole("link", { name: "Reset filters" }).click();
  await page.waitForURL((url) => url.search === "");
  await expect(filters.getByRole("button")).toHaveText([
    "Item type : All",
    "Operation : All",
    "Status : All",
    "Start time : Last 24 hours",
  ]);
  await expect(filters.getByRole("link", { name: "Reset filters" })).toHaveCount(0);
  await startTimePill.click();
  await expect(startTime.getByLabel("From")).toHaveValue("");
  await expect(startTime.getByRole("alert")).toHaveCount(0);
  await expect(startTime.getByRole("link", { name: "Last 24 hours" })).toHaveAttribute("aria-current", "true");
});

test("Columns hides a column of the jobs list, and the choice survives Refresh", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page.goto(page.url() + "/jobs?range=7d");
  const jobs = table(page, "Backup jobs");
  const commands = page.getByRole("toolbar", { name: "Commands" });
  const everyColumn = ["Workload name", "Operation", "Status", "Type", "Start time", "Duration"];
  await expect(jobs.getByRole("columnheader")).toHaveText(everyColumn);

  await commands.getByRole("button", { name: "Columns" }).click();
  const pane = page.getByRole("dialog", { name: "Columns" });
  // The link to each job always shows.
  await expect(pane.getByRole("checkbox", { name: /Workload name/ })).toBeDisabled();
  await pane.getByRole("checkbox", { name: "Type" }).uncheck();
  await pane.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/columns=/);
  const withoutType = everyColumn.filter((column) => column !== "Type");
  await expect(jobs.getByRole("columnheader")).toHaveText(withoutType);
  await expect(jobs.getByRole("row").nth(1).getByRole("cell")).toHaveCount(withoutType.length);
  await expect(commands.getByRole("button", { name: "Columns" })).toBeFocused();

  await commands.getByRole("link", { name: "Refresh" }).click();
  await page.reload();
  await expect(jobs.getByRole("columnheader")).toHaveText(withoutType);
  expect(page.url()).toContain("range=7d");
  // A filter keeps the columns too.
  const filters = page.getByRole("main").getByRole("group", { name: "Job filters" });
  await filters.getByRole("button", { name: "Status : All" }).click();
  await page
    .getByRole("main")
    .getByRole("dialog", { name: "Status" })
    .getByRole("link", { name: "Completed", exact: true })
    .click();
  await page.waitForURL(/status=Completed/);
  await expect(jobs.getByRole("columnheader")).toHaveText(withoutType);

  // Ticking it again shows every column, and the address drops the choice.
  await commands.getByRole("button", { name: "Columns" }).click();
  await pane.getByRole("checkbox", { name: "Type" }).check();
  await pane.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => !url.search.includes("columns="));
  await expect(jobs.getByRole("columnheader")).toHaveText(everyColumn);
});

test("the jobs list pages through results on the server", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page.goto(page.url() + "/jobs?range=30d");
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("page 1 of");
  const firstPage = await table(page, "Backup jobs").getByRole("row").nth(1).innerText();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("page 2 of");
  await expect(table(page, "Backup jobs").getByRole("row").nth(1)).not.toHaveText(firstPage);
});

test("lists sort by a column on the server, kept in the address: jobs by workload name, items by name descending", async ({
  page,
}) => {
  await openVault(page, "vault-prod-weu");
  const vaultUrl = page.url();
  await page.goto(vaultUrl + "/jobs?range=7d");
  const jobs = table(page, "Backup jobs");
  await expect(jobs.getByRole("columnheader", { name: "Start time" })).toHaveAttribute("aria-sort", "descending");
  await jobs.getByRole("link", { name: "Workload name" }).click();
  await page.waitForURL(/sort=name/);
  await expect(jobs.getByRole("columnheader", { name: "Workload name" })).toHaveAttribute("aria-sort", "ascending");
  const names = await jobs.getByRole("row").locator("td:nth-child(1)").allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  // A filter keeps the sort.
  await page.getByRole("main").getByRole("button", { name: "Start time : Last 7 days" }).click();
  await page
    .getByRole("main")
    .getByRole("dialog", { name: "Start time" })
    .getByRole("link", { name: "Last 30 days" })
    .click();
  await page.waitForURL(/range=30d/);
  expect(page.url()).toContain("sort=name");
  await expect(jobs.getByRole("columnheader", { name: "Workload name" })).toHaveAttribute("aria-sort", "ascending");

  await page.goto(vaultUrl + "/items/AzureIaasVM");
  const items = table(page, "Azure Virtual Machine backup items");
  await expect(items.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
  await items.getByRole("link", { name: "Name", exact: true }).click();
  await page.waitForURL(/sort=-name/);
  await expect(items.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");
  const itemNames = await items.getByRole("row").locator("td:nth-child(1) a").allInnerTexts();
  expect(itemNames).toEqual([...itemNames].sort().reverse());
  // Typing a search keeps the sort.
  await page.getByLabel("Search items").pressSequentially("web");
  await page.waitForURL(/q=web/);
  expect(page.url()).toContain("sort=-name");
});
