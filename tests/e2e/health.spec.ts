import { expect, test } from "@playwright/test";

test("the server reports its database and the engine it started", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    database: "ok",
    engine: { running: true, lastTickAt: null, lastError: null },
  });
});
