import { expect, test as setup } from "@playwright/test";
import { E2E_OWNER, OWNER_STATE } from "../../playwright.config";

// Signs in once as the Owner through the sign-in page; the other tests start signed in.
setup("sign in as the Owner", async ({ page }) => {
  await page.goto("/vaults");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fvaults$/);
  await page.getByLabel("Email").fill(E2E_OWNER.email);
  await page.getByLabel("Password").fill(E2E_OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Services vaults" })).toBeVisible();
  await page.context().storageState({ path: OWNER_STATE });
});
