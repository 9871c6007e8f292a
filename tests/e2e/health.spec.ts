import { expect, test } from "@playwright/test";

test("the server reports its database and the engine it started", async ({ playwright, baseURL }) => {
  // Each of the server's processes answers for itself, and the first runs the engine
  // (docs/decisions/0018): a new connection each time, as the cluster hands them out in turn.
  type Health = { status: string; database: string; engine: { running: boolean } };
  const answers: Health[] = [];
  for (let attempt = 0; attempt < 20 && !answers.some((answer) => answer.engine.running); attempt++) {
    const client = await playwright.request.newContext({ baseURL });
    const response = await client.get("/api/health");
    expect(response.status()).toBe(200);
    answers.push((await response.json()) as Health);
    await client.dispose();
  }
  expect(answers.find((answer) => answer.engine.running)).toMatchObject({
    status: "ok",
    database: "ok",
    engine: { running: true, lastTickAt: null, lastError: null },
  });
  for (const answer of answers.filter((other) => !other.engine.running))
    expect(answer).toMatchObject({ status: "ok", database: "ok" });
});
