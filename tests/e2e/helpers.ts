import { expect, type Page } from "@playwright/test";

/** Opens a vault from the browse list. */
export async function openVault(page: Page, name: string) {
  await page.goto("/vaults");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

export function table(page: Page, label: string) {
  return page.getByRole("table", { name: label });
}
