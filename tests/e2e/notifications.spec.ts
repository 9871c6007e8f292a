// The vault's Notifications blade: recipients with their field errors, a webhook's secret shown
// once, suppression windows; a role below Backup Contributor reads it all and changes nothing.
import { expect, type Page, test } from "@playwright/test";
import { stateOf } from "../../playwright.config";
import { openVault, table } from "./helpers";

// Not the vault the Alerts specs use: these settings would notify of its alerts.
const VAULT = "vault-dr-eus";
const SHOTS = process.env.ALERTS_SHOTS;

async function openNotifications(page: Page) {
  await openVault(page, VAULT);
  await page
    .getByRole("navigation", { name: `${VAULT} menu` })
    .getByRole("link", { name: "Notifications" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
}

test("recipients are checked one by one next to the field, saved when valid; a webhook's secret shows once; a window ends after it starts", async ({
  page,
}) => {
  await openNotifications(page);
  const recipients = page.getByLabel("E-mail recipients");
  await recipients.fill("ops@contoso.com\nnot-an-address");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a valid e-mail address" })).toBeVisible();
  await expect(recipients).toHaveAttribute("aria-invalid", "true");
  // Refused: nothing was saved.
  await page.reload();
  await expect(page.getByLabel("E-mail recipients")).toHaveValue("");

  await page.getByLabel("E-mail recipients").fill("ops@contoso.com\nbackup-team@contoso.com");
  await page.getByLabel(/Hourly digest/).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    page
      .getByRole("status", { name: `Notifications (${VAULT})` })
      .filter({ hasText: "The notification settings were saved." }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("E-mail recipients")).toHaveValue("ops@contoso.com\nbackup-team@contoso.com");
  await expect(page.getByLabel(/Hourly digest/)).toBeChecked();

  const url = page.getByLabel("Webhook URL");
  await url.fill("ftp://hooks.contoso.com/backup");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter an http:// or https:// URL." })).toBeVisible();
  await url.fill("http://127.0.0.1:9/backup-alerts");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const secret = page.getByRole("status", { name: "Webhook secret" });
  await expect(secret).toContainText("it won't be shown again");
  await expect(secret.locator("code")).toHaveText(/^whsec_\S{20,}$/);
  await expect(table(page, "Webhooks").getByRole("row").filter({ hasText: "127.0.0.1:9/backup-alerts" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("status", { name: "Webhook secret" })).toHaveCount(0);

  await page.getByLabel("Name", { exact: true }).fill("Storage firmware upgrade");
  await page.getByLabel("Starts").fill("2030-01-10T22:00");
  await page.getByLabel("Ends").fill("2030-01-10T20:00");
  await page.getByRole("button", { name: "Add suppression window" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The window ends after it starts." })).toBeVisible();
  await page.getByLabel("Ends").fill("2030-01-11T02:00");
  await page.getByRole("button", { name: "Add suppression window" }).click();
  await expect(
    table(page, "Suppression windows").getByRole("row").filter({ hasText: "Storage firmware upgrade" }),
  ).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/notifications.png`, fullPage: true });
});

test.describe("as the Backup Operator", () => {
  test.use({ storageState: stateOf("operator@contoso.com") });

  test("reads the settings and may change none of them, with the reason", async ({ page }) => {
    await openNotifications(page);
    const reason =
      "You have the Backup Operator role: it takes Backup Contributor or higher to change who is notified of alerts.";
    await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Add webhook" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Add suppression window" })).toBeDisabled();
    await expect(page.getByText(reason).first()).toBeVisible();
    await expect(page.getByLabel("E-mail recipients")).toHaveJSProperty("readOnly", true);
  });
});
