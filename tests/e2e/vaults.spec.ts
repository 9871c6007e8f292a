import { expect, test } from "@playwright/test";
import { openVault, table } from "./helpers";

test("the browse list filters as you type", async ({ page }) => {
  await page.goto("/vaults");
  const rows = table(page, "Recovery Services vaults").getByRole("row");
  await expect(rows).toHaveCount(4); // header + 3 vaults
  await page.getByRole("textbox", { name: "Filter vaults" }).fill("east");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("vault-dr-eus");
  await expect(page.getByText("Showing 1 of 3 records.")).toBeVisible();
  await page.getByRole("textbox", { name: "Filter vaults" }).fill("no-such-vault");
  await expect(page.getByText("No vaults match the filter")).toBeVisible();
});

test("the browse list sorts by a column on the server, kept in the address; the filter's text and the sort keep each other", async ({
  page,
}) => {
  await page.goto("/vaults");
  const vaults = table(page, "Recovery Services vaults");
  const header = vaults.getByRole("columnheader", { name: "Name" });
  const filter = page.getByRole("textbox", { name: "Filter vaults" });
  const names = () => vaults.getByRole("row").locator("td:nth-child(1)").allInnerTexts();
  // By name by default, which the address doesn't name.
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const byName = await names();
  expect(byName).toEqual(["vault-dr-eus", "vault-files-weu", "vault-prod-weu"]);
  await filter.fill("weu");
  await expect(vaults.getByRole("row")).toHaveCount(3);
  // A click turns the sorted column around, and the filter stays.
  await vaults.getByRole("link", { name: "Name", exact: true }).click();
  await page.waitForURL(/sort=-name/);
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect(filter).toHaveValue("weu");
  expect(await names()).toEqual(["vault-prod-weu", "vault-files-weu"]);
  await vaults.getByRole("link", { name: "Name", exact: true }).click();
  await page.waitForURL(/sort=name/);
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(filter).toHaveValue("weu");
  expect(await names()).toEqual(["vault-files-weu", "vault-prod-weu"]);
  // Typing keeps the sort; a reload keeps it too.
  await vaults.getByRole("link", { name: "Location", exact: true }).click();
  await page.waitForURL(/sort=location/);
  await filter.fill("vault");
  await expect(vaults.getByRole("row")).toHaveCount(4);
  expect(page.url()).toContain("sort=location");
  expect((await names())[0]).toBe("vault-dr-eus"); // East US before West Europe
  await page.reload();
  await expect(vaults.getByRole("columnheader", { name: "Location" })).toHaveAttribute("aria-sort", "ascending");
});

test("a vault pinned to the dashboard stays pinned after a reload, and can be unpinned", async ({ page }) => {
  await page.goto("/vaults");
  const itemCount = await table(page, "Recovery Services vaults")
    .getByRole("row")
    .filter({ hasText: "vault-files-weu" })
    .locator("td:nth-child(5)")
    .innerText();
  await page.getByRole("button", { name: "Pin vault-files-weu to dashboard" }).click();
  await expect(page.getByRole("button", { name: "Unpin vault-files-weu from dashboard" })).toBeVisible();
  await page.goto("/");
  await page.reload();
  const tile = page.getByRole("link", { name: "Vault vault-files-weu" });
  await expect(tile).toBeVisible();
  await expect(tile.getByTestId("tile-items")).toHaveText(itemCount);
  await page.goto("/vaults");
  await page.getByRole("button", { name: "Unpin vault-files-weu from dashboard" }).click();
  await expect(page.getByRole("button", { name: "Pin vault-files-weu to dashboard" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Vault vault-files-weu" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Vault vault-prod-weu" })).toBeVisible();
});

test("creating a vault validates next to the field, then creates it with its DefaultPolicy; deleting asks for its name", async ({
  page,
}) => {
  await page.goto("/vaults/new");
  await page.getByLabel("Resource group").fill("rg-e2e");
  await page.getByLabel("Vault name").fill("9-bad");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "starts with a letter" })).toBeVisible();
  await expect(page.getByLabel("Resource group")).toHaveValue("rg-e2e");

  await page.getByLabel("Vault name").fill("vault-e2e");
  // Every public Azure region is offered, not only the demo's.
  await page.getByLabel("Region").selectOption({ label: "West US" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "vault-e2e" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Essentials" })).toContainText("West US");
  // Nothing runs in a new vault: its In progress count shows no spinner.
  const inProgress = page.getByRole("link", { name: "In progress: 0" });
  await expect(inProgress).toBeVisible();
  await expect(inProgress.locator("svg")).toHaveCount(0);
  await page.getByRole("link", { name: "Backup policies" }).click();
  await expect(table(page, "Backup policies")).toContainText("DefaultPolicy");
  await expect(table(page, "Backup policies")).toContainText("Daily at 10:30 PM (UTC)");
  await expect(table(page, "Backup policies")).toContainText("Daily backups kept 30 days");

  await page.getByRole("link", { name: "Overview" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
  // As in Azure, Delete waits for the vault's exact name.
  await dialog.getByLabel(/Type the name/).fill("vault-e2");
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
  await dialog.getByLabel(/Type the name/).fill("VAULT-E2E");
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
  await dialog.getByLabel(/Type the name/).fill("vault-e2e");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Vault vault-e2e was deleted.")).toBeVisible();
  await expect(table(page, "Recovery Services vaults")).not.toContainText("vault-e2e");
});

test("a vault that holds backup items can't be deleted", async ({ page }) => {
  await page.goto("/vaults");
  await page.getByRole("link", { name: "vault-dr-eus", exact: true }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Type the name/).fill("vault-dr-eus");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByRole("alert")).toContainText("cannot be deleted as there are existing resources");
  await page.keyboard.press("Escape");
  await page.goto("/vaults");
  await expect(table(page, "Recovery Services vaults")).toContainText("vault-dr-eus");
});

test("unknown vaults, items and jobs show the not-found blade", async ({ page }) => {
  expect((await page.goto("/nothing-here"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Resource not found" })).toBeVisible();
  await expect(page).toHaveTitle("Resource not found - Vault Portal");
  await page.goto("/vaults");
  await page.getByRole("link", { name: "vault-prod-weu", exact: true }).click();
  await page.waitForURL(/\/vaults\/[^/]+$/);
  const vaultUrl = page.url();
  const unknown = ["/vaults/no-such-vault", "/vaults/no-such-vault/jobs"].concat(
    ["/items/AzureIaasVM/missing-item", "/items/NotAType", "/jobs/00000000-0000-0000-0000-000000000000"].map(
      (suffix) => vaultUrl + suffix,
    ),
  );
  for (const path of unknown) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Resource not found" })).toBeVisible();
    await expect(page).toHaveTitle("Resource not found - Vault Portal");
    // Blades stream behind a loading state, so Next.js answers 200 and marks the page noindex (a soft 404).
    await expect(page.locator('meta[name="robots"][content="noindex"]').first()).toBeAttached();
  }
});

test("the vault menu's search box (Ctrl+/) narrows its entries", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  const menu = page.getByRole("navigation", { name: "vault-prod-weu menu" });
  await page.keyboard.press("Control+/");
  await expect(menu.getByRole("searchbox", { name: "Search the menu" })).toBeFocused();
  await page.keyboard.type("jobs");
  await expect(menu.getByRole("link")).toHaveText(["Backup jobs"]);
  await page.keyboard.type("zzz");
  await expect(menu.getByRole("link")).toHaveCount(0);
  await expect(menu).toContainText("No results");
  await page.keyboard.press("Escape");
  await expect(menu.getByRole("link", { name: "Properties" })).toBeVisible();
  await menu.getByRole("searchbox", { name: "Search the menu" }).fill("prop");
  await menu.getByRole("link", { name: "Properties" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Properties" })).toBeVisible();
});

test("a vault's tags are edited from Essentials, refused names say why, and JSON View shows the REST API's representation", async ({
  page,
}) => {
  await openVault(page, "vault-dr-eus");
  const essentials = page.getByRole("region", { name: "Essentials" });
  await expect(essentials.getByRole("list", { name: "Tags" })).toHaveText("No tags");
  await essentials.getByRole("button", { name: "edit" }).click();
  const panel = page.getByRole("dialog", { name: "Edit tags" });
  await panel.getByLabel("Tag name 1").fill("cost/center");
  await panel.getByLabel("Tag value 1").fill("42");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByRole("alert")).toContainText("can't contain");
  await panel.getByLabel("Tag name 1").fill("env");
  await panel.getByLabel("Tag value 1").fill("disaster-recovery");
  await panel.getByLabel("Tag name 2").fill("owner");
  await panel.getByLabel("Tag value 2").fill("ops");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel).toBeHidden();
  await expect(essentials.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText([
    "env : disaster-recovery",
    "owner : ops",
  ]);

  await essentials.getByRole("button", { name: "JSON View" }).click();
  const json = page.getByRole("dialog", { name: "Resource JSON" });
  await expect(json.getByLabel("Resource ID")).toHaveValue(
    /\/providers\/Microsoft\.RecoveryServices\/vaults\/vault-dr-eus$/,
  );
  const resource = JSON.parse((await json.getByLabel("Resource JSON").textContent()) ?? "");
  expect(resource).toMatchObject({ name: "vault-dr-eus", tags: { env: "disaster-recovery", owner: "ops" } });
  await page.screenshot({ path: "screenshots/vault-json-view.png" });
});

test("the top bar's search (G then /) finds an item by part of its name and opens it from the keyboard", async ({
  page,
}) => {
  await page.goto("/");
  await page.keyboard.press("g");
  await page.keyboard.press("/");
  const search = page.getByRole("combobox", { name: "Search resources" });
  await expect(search).toBeFocused();
  await page.keyboard.type("LEGACY-app");
  const results = page.getByRole("listbox", { name: "Search results" });
  await expect(results.getByRole("option")).toHaveText([
    /legacy-app-01\s*Backup item · Azure Virtual Machine · vault-prod-weu/,
  ]);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "legacy-app-01" })).toBeVisible();
  await expect(search).toHaveValue("");

  await search.fill("no-such-resource");
  await expect(results).toContainText("No results");
  await page.keyboard.press("Escape");
  await expect(results).toBeHidden();
});
