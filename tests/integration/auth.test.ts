import { beforeAll, expect, it } from "vitest";
import { authSecret, createAuth, OWNER_ROLE } from "@/lib/server/auth/auth";
import { claimSignIn, MAX_FAILED_SIGN_INS, settleSignIn, SIGN_IN_WINDOW_MS } from "@/lib/server/auth/sign-in-limiter";
import { consumeSetupToken, DEMO_USERS, ensureOwner, seedDemoUsers, setupTokenValid } from "@/lib/server/auth/users";
import type { Db } from "@/lib/server/db";
import { createVault } from "@/lib/server/services/vaults";
import { systemActor } from "@/lib/server/auth/authorize";
import { describeOnDatabases } from "./databases";

describeOnDatabases("sign-in accounts", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("keeps one generated secret in the database, unless BETTER_AUTH_SECRET is set", async () => {
    const first = await authSecret(db, {});
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await authSecret(db, {})).toBe(first);
    expect(await authSecret(db, { BETTER_AUTH_SECRET: "x".repeat(40) })).toBe("x".repeat(40));
  });

  it("first run: a one-time set-up token without ADMIN_EMAIL, the Owner from ADMIN_EMAIL and ADMIN_PASSWORD", async () => {
    const auth = createAuth(db, await authSecret(db, {}), database().url);
    const pending = await ensureOwner(auth, db, {});
    if (!pending || !("setupToken" in pending)) throw new Error("expected a set-up token");
    expect(await ensureOwner(auth, db, {})).toEqual(pending);
    expect(await setupTokenValid(db, pending.setupToken)).toBe(true);
    expect(
      await setupTokenValid(db, pending.setupToken.slice(0, -1) + (pending.setupToken.endsWith("a") ? "b" : "a")),
    ).toBe(false);
    expect(await setupTokenValid(db, "short")).toBe(false);

    expect(
      await ensureOwner(auth, db, { ADMIN_EMAIL: "Owner@Contoso.com", ADMIN_PASSWORD: "correct-horse-battery" }),
    ).toEqual({ created: "owner@contoso.com" });
    await consumeSetupToken(db);
    expect(await setupTokenValid(db, pending.setupToken)).toBe(false);
    expect(await db.user.findUniqueOrThrow({ where: { email: "owner@contoso.com" } })).toMatchObject({
      role: OWNER_ROLE,
    });
    expect(await ensureOwner(auth, db, {})).toBeNull();

    const signedIn = await auth.api.signInEmail({
      body: { email: "owner@contoso.com", password: "correct-horse-battery" },
    });
    expect(signedIn.user.email).toBe("owner@contoso.com");
    await expect(
      auth.api.signInEmail({ body: { email: "owner@contoso.com", password: "wrong-horse-battery" } }),
    ).rejects.toThrow();
  });

  it("seeds the demo Reader, Operator and Contributor on every vault, again and again without duplicates", async () => {
    const auth = createAuth(db, await authSecret(db, {}), database().url);
    // vault-auth-demo as the demo history makes it: by the demo Contributor, before their account exists.
    const contributorEmail = DEMO_USERS.find((demo) => demo.role === "Contributor")!.email;
    for (const [name, by] of [
      ["vault-auth-a", "tester@contoso.com"],
      ["vault-auth-b", "tester@contoso.com"],
      ["vault-auth-demo", contributorEmail],
    ]) {
      const vault = await createVault(
        db,
        {
          subscriptionId: "11111111-2222-4333-8444-555555555555",
          resourceGroup: "rg-auth",
          name,
          location: "westeurope",
        },
        systemActor(by),
      );
      if (!vault.ok) throw new Error(vault.message);
    }
    await seedDemoUsers(auth, db);
    await seedDemoUsers(auth, db);
    const vaults = await db.vault.count();
    for (const demo of DEMO_USERS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: demo.email }, include: { vaultRoles: true } });
      expect(user.role).not.toBe(OWNER_ROLE);
      expect(user.vaultRoles).toHaveLength(vaults);
      expect(new Set(user.vaultRoles.map((assignment) => assignment.role))).toEqual(new Set([demo.role]));
      expect((await auth.api.signInEmail({ body: { email: demo.email, password: demo.password } })).user.email).toBe(
        demo.email,
      );
    }
    // Their history names them: its entries are linked to the account.
    const contributor = await db.user.findUniqueOrThrow({ where: { email: contributorEmail } });
    expect(
      await db.activityLogEntry.findMany({ where: { actorEmail: contributorEmail }, select: { actorId: true } }),
    ).toEqual([{ actorId: contributor.id }]);
  });
});

describeOnDatabases("failed sign-ins per account", (database) => {
  it("blocks an account after 5 failures within 15 minutes, until the window ends; a success clears the count", async () => {
    const { db } = database();
    const start = Date.parse("2026-11-26T10:00:00Z");
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect(
        await claimSignIn(db, attempt === 0 ? "Victim@Contoso.com" : "victim@contoso.com", start + attempt * 1000),
      ).toBeNull();
      await settleSignIn(db, "victim@contoso.com", "failed");
    }
    expect(await claimSignIn(db, "victim@contoso.com", start + 60_000)).toBe(14 * 60);
    expect(await claimSignIn(db, "victim@contoso.com", start + SIGN_IN_WINDOW_MS)).toBeNull();
    await settleSignIn(db, "victim@contoso.com", "failed");
    expect(await claimSignIn(db, "victim@contoso.com", start + SIGN_IN_WINDOW_MS + 1000)).toBeNull();
    await settleSignIn(db, "victim@contoso.com", "succeeded");
    expect(await db.rateLimit.count({ where: { key: "account:victim@contoso.com" } })).toBe(0);
  });

  it("counts attempts before the password is checked: a parallel burst gets 5 tries, an unchecked attempt gives its slot back", async () => {
    const { db } = database();
    const now = Date.parse("2026-11-26T12:00:00Z");
    const burst = await Promise.all(Array.from({ length: 20 }, () => claimSignIn(db, "burst@contoso.com", now)));
    expect(burst.filter((wait) => wait === null)).toHaveLength(MAX_FAILED_SIGN_INS);
    await settleSignIn(db, "burst@contoso.com", "not-checked");
    expect(await claimSignIn(db, "burst@contoso.com", now + 1000)).toBeNull();
    expect(await claimSignIn(db, "burst@contoso.com", now + 2000)).toBeGreaterThan(0);
    // better-auth prunes its rows older than its longest window (a minute): a lock must outlive that.
    await db.rateLimit.deleteMany({ where: { lastRequest: { lt: BigInt(now + 120_000 - 60_000) } } });
    expect(await claimSignIn(db, "burst@contoso.com", now + 120_000)).toBeGreaterThan(0);
  });
});
