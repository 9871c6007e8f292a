import { expect, test } from "@playwright/test";
import { E2E_OWNER } from "../../playwright.config";

test.use({ storageState: { cookies: [], origins: [] }, timezoneId: "America/New_York" });

test("a first visit signs in, learns the browser's time zone and shows times in it", async ({ page, context }) => {
  await page.goto("/vaults");
  await page.getByLabel("Email").fill(E2E_OWNER.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "password" })).toHaveText(
    "The email or password is not right.",
  );
  await page.getByLabel("Password").fill(E2E_OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Services vaults" })).toBeVisible();
  await expect(page.getByTitle("Times are shown in this time zone")).toHaveText(
    // Azure's name of a zone: its offset now (summer time or not), then the zone.
    /^\(UTC-0[45]:00\) America\/New_York$/,
  );
  expect((await context.cookies()).find((cookie) => cookie.name === "tz")?.value).toBe("America%2FNew_York");
  await page.getByRole("link", { name: "vault-prod-weu", exact: true }).click();
  await page
    .getByRole("navigation", { name: "vault-prod-weu menu" })
    .getByRole("link", { name: "Backup jobs" })
    .click();
  await expect(page.getByText(/Jobs started from .* (EST|GMT-5)/)).toBeVisible();
});
