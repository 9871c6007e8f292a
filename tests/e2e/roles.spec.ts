import { expect, type Page, test } from "@playwright/test";
import { stateOf } from "../../playwright.config";
import { openVault, table } from "./helpers";

async function openItem(page: Page, vault: string, item: string) {
  await openVault(page, vault);
  await page.goto(page.url() + "/items/AzureIaasVM");
  await page.getByRole("link", { name: item, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
}

const commands = (page: Page) => page.getByRole("toolbar", { name: "Backup item commands" });

test.describe("as the Backup Reader", () => {
  test.use({ storageState: stateOf("reader@contoso.com") });

  test("sees the item, but Backup now is disabled with the reason, and a forged request is refused", async ({
    page,
    browser,
  }) => {
    await openItem(page, "vault-prod-weu", "web-02");
    const backupNow = commands(page).getByRole("button", { name: "Backup now" });
    await expect(backupNow).toBeDisabled();
    await expect(backupNow).toHaveAccessibleDescription(
      "You have the Backup Reader role: it takes Backup Operator or higher to run Backup now.",
    );
    const jobsBefore = await table(page, "Recent jobs").getByRole("row").allInnerTexts();

    // Forge it: the Operator's page, submitted with the Reader's session.
    const forged = await browser.newContext({ storageState: stateOf("operator@contoso.com") });
    const forgedPage = await forged.newPage();
    await forgedPage.goto(page.url());
    await commands(forgedPage).getByRole("button", { name: "Backup now" }).click();
    await forged.clearCookies();
    await forged.addCookies(await page.context().cookies());
    await forgedPage.getByRole("dialog", { name: "Backup Now" }).getByRole("button", { name: "OK" }).click();
    await expect(forgedPage.getByRole("status", { name: "Backup now (web-02)" })).toContainText(
      "You have the Backup Reader role",
    );
    await forged.close();
    await page.reload();
    expect(await table(page, "Recent jobs").getByRole("row").allInnerTexts()).toEqual(jobsBefore);

    await page.getByRole("navigation", { name: "vault-prod-weu menu" }).getByRole("link", { name: "Overview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "vault-prod-weu" })).toBeVisible();
    await expect(page.getByRole("toolbar").getByRole("button", { name: "Backup", exact: true })).toBeDisabled();
    await expect(page.getByRole("toolbar").getByRole("button", { name: "Delete", exact: true })).toBeDisabled();

    await page
      .getByRole("navigation", { name: "vault-prod-weu menu" })
      .getByRole("link", { name: "Backup policies" })
      .click();
    await expect(page.getByRole("toolbar").getByRole("button", { name: "Add (Azure Virtual Machine)" })).toBeDisabled();
    await page.getByRole("link", { name: "DefaultPolicy" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Backup Reader" })).toHaveText(
      "You have the Backup Reader role: it takes Backup Contributor or higher to create, modify or delete policies.",
    );
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  });

  test("reads the vault's soft delete settings but can't change them", async ({ page }) => {
    await openVault(page, "vault-prod-weu");
    await page.goto(page.url() + "/properties");
    await expect(page.getByRole("radio", { name: "Disabled", exact: true })).toBeDisabled();
    await expect(page.getByLabel("Retention period (days)")).not.toBeEditable();
  });

  test("is told only the Owner changes the inventory, without a word about vault roles", async ({ page }) => {
    await page.goto("/inventory");
    await expect(page.getByText("Only the Owner may change the inventory.")).toBeVisible();
  });
});

test.describe("as the Backup Operator", () => {
  test.use({ storageState: stateOf("operator@contoso.com") });

  test("runs Backup now, recorded under their name, but can't stop backup or delete backup data", async ({ page }) => {
    await openItem(page, "vault-prod-weu", "web-02");
    await expect(commands(page).getByRole("button", { name: "Stop backup" })).toHaveAccessibleDescription(
      /Backup Operator role: it takes Backup Contributor or higher to stop backup/,
    );
    await commands(page).getByRole("button", { name: "Backup now" }).click();
    await page.getByRole("dialog", { name: "Backup Now" }).getByRole("button", { name: "OK" }).click();
    await page.getByRole("status", { name: "Backup now (web-02)" }).getByRole("link", { name: "View details" }).click();
    await expect(page.getByRole("region", { name: "Essentials" })).toContainText("operator@contoso.com");
  });
});

test.describe("as the Backup Contributor", () => {
  test.use({ storageState: stateOf("contributor@contoso.com") });

  test("stops backup and deletes the backup data", async ({ page }) => {
    await openItem(page, "vault-dr-eus", "dc-dr-01");
    await commands(page).getByRole("button", { name: "Stop backup" }).click();
    const panel = page.getByRole("dialog", { name: "Stop backup" });
    await panel.getByLabel("Delete Backup Data").check();
    await panel.getByLabel(/Type the name of the backup item/).fill("dc-dr-01");
    await panel.getByRole("button", { name: "Stop backup" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "soft-deleted state" })).toBeVisible();
    // The Contributor can't delete the vault: only the Owner can.
    await page.getByRole("navigation", { name: "vault-dr-eus menu" }).getByRole("link", { name: "Overview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "vault-dr-eus" })).toBeVisible();
    await expect(
      page.getByRole("toolbar").getByRole("button", { name: "Delete", exact: true }),
    ).toHaveAccessibleDescription("You have the Backup Contributor role: only the Owner may delete vaults.");
  });
});

test("the Owner creates a user, gives them a role on a vault, and disables them", async ({ page }) => {
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const panel = page.getByRole("dialog", { name: "New user" });
  await panel.getByLabel("Name").fill("Morgan Auditor");
  await panel.getByLabel("Email").fill("morgan@contoso.com");
  await panel.getByLabel("Initial password").fill("short");
  await panel.getByRole("button", { name: "Create" }).click();
  await expect(panel.getByRole("alert")).toHaveText("A password has at least 12 characters.");
  await panel.getByLabel("Initial password").fill("morgan-password-2026");
  await panel.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("status", { name: "New user" })).toContainText("morgan@contoso.com can sign in now");
  await expect(table(page, "Users").getByRole("row").filter({ hasText: "morgan@contoso.com" })).toContainText("Active");

  await openVault(page, "vault-files-weu");
  await page
    .getByRole("navigation", { name: "vault-files-weu menu" })
    .getByRole("link", { name: "Access control (IAM)" })
    .click();
  await page.getByRole("button", { name: "Add role assignment" }).click();
  const assign = page.getByRole("dialog", { name: "Add role assignment" });
  await assign.getByLabel("Role").selectOption({ label: "Backup Reader" });
  await assign.getByLabel("User").selectOption({ label: "Morgan Auditor (morgan@contoso.com)" });
  await assign.getByRole("button", { name: "Save" }).click();
  await expect(
    table(page, "Role assignments").getByRole("row").filter({ hasText: "morgan@contoso.com" }),
  ).toContainText("Backup Reader");

  await page.goto("/users");
  await table(page, "Users")
    .getByRole("row")
    .filter({ hasText: "morgan@contoso.com" })
    .getByRole("button", { name: "Disable" })
    .click();
  await page.getByRole("dialog", { name: "Disable user" }).getByRole("button", { name: "Disable" }).click();
  await expect(table(page, "Users").getByRole("row").filter({ hasText: "morgan@contoso.com" })).toContainText(
    "Disabled",
  );
});

test("the activity log lists each change with its actor, and the refused attempts", async ({ page }) => {
  await openVault(page, "vault-prod-weu");
  await page
    .getByRole("navigation", { name: "vault-prod-weu menu" })
    .getByRole("link", { name: "Activity log" })
    .click();
  const log = table(page, "Activity log");
  const operatorsBackup = log
    .getByRole("row")
    .filter({ hasText: "operator@contoso.com" })
    .filter({ hasText: "Backup now" });
  await expect(operatorsBackup).toContainText("Succeeded");
  // Its change in the viewer's time, not as a UTC ISO string.
  await expect(operatorsBackup).toContainText(
    /Retain backup till: — → \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2} [AP]M GMT\+[12]/,
  );
  // The count below the list is counted in English ("8 entries", never "8 entrys").
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(
    /(^|\s)(1 entry|[\d,]+ entries) · page 1 of/,
  );
  const readersBackup = log
    .getByRole("row")
    .filter({ hasText: "reader@contoso.com" })
    .filter({ hasText: "Backup now" });
  await expect(readersBackup).toContainText("Denied");
  // The refused request named the item by its id; the log names the item.
  await expect(readersBackup.getByRole("cell").nth(2)).toHaveText("web-02");
  // The filters apply as they change.
  await page.getByLabel("Result").selectOption("Denied");
  await page.waitForURL(/result=Denied/);
  const results = await log.getByRole("row").locator("td:nth-child(4)").allInnerTexts();
  expect(results.length).toBeGreaterThan(0);
  expect(results.every((result) => result.trim() === "Denied")).toBe(true);

  // The demo history: by the demo Contributor, a user who exists, in the portal's words.
  await page.getByLabel("Result").selectOption("");
  await page.waitForURL((url) => !url.searchParams.has("result"));
  await page.getByLabel("Time range").selectOption("7d");
  await page.waitForURL(/range=7d/);
  await page.getByLabel("Operation").fill("Stop backup");
  await page.waitForURL(/operation=Stop\+backup/);
  const stopped = log.getByRole("row").filter({ hasText: "web-03" });
  await expect(stopped).toContainText("contributor@contoso.com");
  await expect(stopped).toContainText("Protection state: Protected → Protection stopped");
});
