import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "../../playwright.config";

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages go to the sign-in page, downloads and data are refused", async ({ page, request }) => {
    for (const path of ["/", "/vaults", "/inventory"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    }
    const exported = await request.get("/vaults/any/jobs/export", { maxRedirects: 0 });
    expect(exported.status()).toBe(307);
    expect(exported.headers().location).toMatch(/\/sign-in\?next=/);
    expect((await request.get("/api/auth/get-session")).status()).toBe(200);
    expect(await (await request.get("/api/auth/get-session")).json()).toBeNull();
  });
});

test("the session cookie is httpOnly and SameSite=Lax; signing out ends the session on the server", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: OWNER_STATE });
  const session = (await owner.cookies()).find((cookie) => cookie.name.endsWith("better-auth.session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await owner.close();

  // A session of its own, so the other tests keep theirs.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("reader@contoso.com");
  await page.getByLabel("Password").fill("Reader-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const cookie = (await context.cookies()).find((entry) => entry.name.endsWith("better-auth.session_token"))!;
  await page.getByLabel("Account: reader@contoso.com").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The old cookie, replayed, opens nothing.
  const replay = await browser.newContext({ storageState: { cookies: [cookie], origins: [] } });
  const replayPage = await replay.newPage();
  await replayPage.goto("/vaults");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
  await context.close();
});
