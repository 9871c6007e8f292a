import { expect, type Page, test as setup } from "@playwright/test";
import { DEMO_USERS } from "@/lib/server/auth/users";
import { E2E_OWNER, OWNER_STATE, stateOf } from "../../playwright.config";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Signs in once per user through the sign-in page; the tests start signed in.
setup("sign in as the Owner and the demo users", async ({ browser, page }) => {
  await page.goto("/vaults");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fvaults$/);
  await signIn(page, E2E_OWNER.email, E2E_OWNER.password);
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Services vaults" })).toBeVisible();
  await page.context().storageState({ path: OWNER_STATE });
  for (const user of DEMO_USERS) {
    const context = await browser.newContext();
    const userPage = await context.newPage();
    await userPage.goto("/sign-in");
    await signIn(userPage, user.email, user.password);
    await expect(userPage.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await context.storageState({ path: stateOf(user.email) });
    await context.close();
  }
});
