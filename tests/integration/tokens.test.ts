import { execFileSync, spawnSync } from "node:child_process";
import { beforeAll, expect, it } from "vitest";
import { actorOfToken, createApiToken, listApiTokens, revokeApiToken } from "@/lib/server/auth/tokens";
import type { Actor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { describeOnDatabases } from "./databases";

describeOnDatabases("API tokens", (database) => {
  let db: Db;
  let user: Actor;
  beforeAll(async () => {
    db = database().db;
    const row = await db.user.create({ data: { id: "token-user", name: "Tess", email: "tess@contoso.com" } });
    user = { userId: row.id, email: row.email, name: row.name, isOwner: false };
  });

  it("stores only a hash, acts as its user, and refuses tampered, revoked, expired and disabled users' tokens", async () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const created = await createApiToken(db, { name: "ci-script", expiresInDays: "30" }, user, now);
    if (!created.ok) throw new Error(created.message);
    const { token } = created.data;
    expect(token).toMatch(/^vp_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await db.apiToken.findFirstOrThrow({ where: { userId: user.userId } });
    // The secret is everything after the prefix: it may itself hold "_" (base64url), even first.
    const secret = token.slice("vp_".length + 12 + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(await actorOfToken(db, token, now)).toEqual(user);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: stored.id } })).lastUsedAt).toEqual(now);
    expect(await actorOfToken(db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, now)).toBeNull();
    expect(await actorOfToken(db, "vp_nothing", now)).toBeNull();
    expect(await actorOfToken(db, token, new Date(now.getTime() + 31 * 86_400_000))).toBeNull();
    await db.user.update({ where: { id: user.userId }, data: { banned: true } });
    expect(await actorOfToken(db, token, now)).toBeNull();
    await db.user.update({ where: { id: user.userId }, data: { banned: false } });
    expect(await revokeApiToken(db, { tokenId: stored.id }, { ...user, userId: "someone-else" })).toMatchObject({
      ok: false,
      code: "ResourceNotFound",
    });
    expect(await revokeApiToken(db, { tokenId: stored.id }, user)).toEqual({ ok: true, data: { name: "ci-script" } });
    expect(await actorOfToken(db, token, now)).toBeNull();
    expect((await listApiTokens(db, user)).map((entry) => [entry.name, entry.revokedAt !== null])).toEqual([
      ["ci-script", true],
    ]);
    expect(await createApiToken(db, { name: "", expiresInDays: "0" }, user)).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Name the token (what uses it)."], expiresInDays: ["1 to 3650 days, or none."] },
    });
  });

  it("npm run tokens -- create prints a working token alone on the last line", () => {
    const env = { ...process.env, DATABASE_URL: database().url };
    const output = execFileSync(
      "npx",
      ["tsx", "scripts/tokens.ts", "create", "--email", "TESS@contoso.com", "--name", "pipeline"],
      { env, encoding: "utf8" },
    );
    const token = output.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^vp_/);
    expect(
      spawnSync("npx", ["tsx", "scripts/tokens.ts", "create", "--email", "nobody@contoso.com", "--name", "x"], {
        env,
        encoding: "utf8",
      }).status,
    ).toBe(2);
    return actorOfToken(db, token).then((actor) => expect(actor?.email).toBe("tess@contoso.com"));
  });
});
