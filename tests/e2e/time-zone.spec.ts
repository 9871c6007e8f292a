import { expect, test } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] }, timezoneId: "America/New_York" });

test("a first visit learns the browser's time zone and shows times in it", async ({ page, context }) => {
  await page.goto("/vaults");
  await expect(page.getByTitle("Times are shown in this time zone")).toHaveText("America/New_York");
  expect((await context.cookies()).find((cookie) => cookie.name === "tz")?.value).toBe("America%2FNew_York");
  await page.getByRole("link", { name: "vault-prod-weu", exact: true }).click();
  await page.getByRole("navigation", { name: "vault-prod-weu menu" }).getByRole("link", { name: "Backup jobs" }).click();
  await expect(page.getByText(/Jobs started from .* (EST|GMT-5)/)).toBeVisible();
});
