import { expect, test } from "@playwright/test";
import { E2E_OWNER, OWNER_STATE } from "../../playwright.config";
import { table } from "./helpers";

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

  test("an account's sign-ins stop after 5 failures, whatever address the client claims", async ({ request }) => {
    const attempt = (forwardedFor: string) =>
      request.post("/api/auth/sign-in/email", {
        data: { email: "guessed@contoso.com", password: "not-the-password" },
        headers: { "X-Forwarded-For": forwardedFor },
      });
    for (let index = 1; index <= 5; index++) expect((await attempt(`203.0.113.${index}`)).status()).toBe(401);
    const blocked = await attempt("198.51.100.7");
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()["x-retry-after"])).toBeGreaterThan(800);
  });

  test("after signing in, next= leads only to pages of the portal, never to another site", async ({
    page,
    baseURL,
  }) => {
    const portal = new URL(baseURL!).origin;
    // Were the browser sent there, it would find a page rather than a DNS error.
    await page.context().route(
      (url) => url.hostname.endsWith("evil.example"),
      (route) => route.fulfill({ contentType: "text/html", body: "<h1>Another site</h1>" }),
    );
    const decoded = [
      "/\\evil.example",
      "/\t/evil.example",
      "https://evil.example",
      "//evil.example",
      "/%09/evil.example",
      "/\\/evil.example",
      "http:evil.example",
    ];
    const queries = [
      ...decoded.map((next) => `next=${encodeURIComponent(next)}`),
      "next=/%09/evil.example",
      "next=/\\evil.example",
    ];
    for (const query of queries) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?${query}`);
      await page.getByLabel("Email").fill("reader@contoso.com");
      await page.getByLabel("Password").fill("Reader-demo-2026");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      expect(new URL(page.url()).origin, query).toBe(portal);
    }
    // A page of the portal is where next= says.
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent("/vaults?sort=name")}`);
    await page.getByLabel("Email").fill("reader@contoso.com");
    await page.getByLabel("Password").fill("Reader-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Recovery Services vaults" })).toBeVisible();
    expect(page.url()).toBe(`${portal}/vaults?sort=name`);
  });
});

test("the session cookie is httpOnly and SameSite=Lax; signing out ends the session on the server", async ({
  browser,
}) => {
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
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The old cookie, replayed, opens nothing.
  const replay = await browser.newContext({ storageState: { cookies: [cookie], origins: [] } });
  const replayPage = await replay.newPage();
  await replayPage.goto("/vaults");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
  await context.close();
});

test("an API token made on My account opens downloads as its user, until it is revoked", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/vaults");
  await page.getByRole("link", { name: "vault-prod-weu", exact: true }).click();
  await page.waitForURL(/\/vaults\/[^/]+$/);
  const exportUrl = `${new URL(page.url()).pathname}/jobs/export?range=7d`;
  await page.goto("/account");
  await page.getByRole("button", { name: "New API token" }).click();
  const panel = page.getByRole("dialog", { name: "New API token" });
  await panel.getByLabel("Name").fill("e2e-script");
  await panel.getByRole("button", { name: "Create" }).click();
  const token = await panel.getByLabel("Your token (shown once)").inputValue();
  expect(token).toMatch(/^vp_/);
  await page.keyboard.press("Escape");

  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const allowed = await api.get(exportUrl, { headers: { Authorization: `Bearer ${token}` } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.text()).toMatch(/^Workload name,Operation,Status/);

  await page.reload();
  await table(page, "API tokens")
    .getByRole("row")
    .filter({ hasText: "e2e-script" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await page.getByRole("dialog", { name: "Revoke API token" }).getByRole("button", { name: "Revoke" }).click();
  await expect(table(page, "API tokens").getByRole("row").filter({ hasText: "e2e-script" })).toContainText("Revoked");
  expect((await api.get(exportUrl, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await api.dispose();
});

test("the account menu closes on Escape, on a click outside and on a navigation", async ({ page }) => {
  await page.goto("/vaults");
  const account = page.getByRole("button", { name: `Account: ${E2E_OWNER.email}` });
  const menu = page.getByRole("menu");
  await account.click();
  await expect(menu).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(account).toBeFocused();

  await account.click();
  await expect(menu).toBeVisible();
  await page.getByRole("heading", { level: 1, name: "Recovery Services vaults" }).click();
  await expect(menu).toBeHidden();

  await account.click();
  await menu.getByRole("menuitem", { name: "My account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await expect(menu).toBeHidden();
  // The browser's Back is a navigation too, though the top bar stays.
  await account.click();
  await expect(menu).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Services vaults" })).toBeVisible();
  await expect(menu).toBeHidden();
});
