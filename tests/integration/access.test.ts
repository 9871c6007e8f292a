import { beforeAll, expect, it } from "vitest";
import { type Auth, authSecret, createAuth } from "@/lib/server/auth/auth";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import {
  assignRole,
  createUser,
  listRoleAssignments,
  listUsers,
  removeRoleAssignment,
  resetUserPassword,
  setUserDisabled,
} from "@/lib/server/services/access";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");

describeOnDatabases("access control", (database) => {
  let db: Db;
  let auth: Auth;
  let vaultId = "";
  let contributor: Actor;
  beforeAll(async () => {
    db = database().db;
    auth = createAuth(db, await authSecret(db, {}), database().url);
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-access",
        name: "vault-access",
        location: "westeurope",
      },
      OWNER,
    );
    if (!vault.ok) throw new Error(vault.message);
    vaultId = vault.data.id;
    const created = await createUser(
      db,
      auth,
      { name: "Casey", email: "casey@contoso.com", password: "casey-password-1" },
      OWNER,
    );
    if (!created.ok) throw new Error(created.message);
    const user = await db.user.findUniqueOrThrow({ where: { email: "casey@contoso.com" } });
    contributor = { userId: user.id, email: user.email, name: user.name, isOwner: false };
    await assignRole(db, { vaultId, userId: user.id, role: "Contributor" }, OWNER);
  });

  it("only the Owner creates users, with a strong password and a new email", async () => {
    expect(
      await createUser(db, auth, { name: "Dana", email: "dana@contoso.com", password: "dana-password-1" }, contributor),
    ).toMatchObject({ ok: false, code: "AuthorizationFailed" });
    expect(await createUser(db, auth, { name: "", email: "nope", password: "short" }, OWNER)).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["Enter the user's name."],
        email: ["Enter an email address."],
        password: ["A password has at least 12 characters."],
      },
    });
    expect(
      await createUser(db, auth, { name: "Casey 2", email: "CASEY@contoso.com", password: "another-password" }, OWNER),
    ).toMatchObject({ ok: false, code: "Conflict" });
    expect(await listUsers(db, contributor)).toMatchObject({ ok: false, code: "AuthorizationFailed" });
    const users = await listUsers(db, OWNER);
    expect(users.ok && users.data.map((user) => user.email)).toContain("casey@contoso.com");
  });

  it("assigns and removes roles per vault; a Contributor can't grant access", async () => {
    const dana = await createUser(
      db,
      auth,
      { name: "Dana", email: "dana@contoso.com", password: "dana-password-1" },
      OWNER,
    );
    expect(dana.ok).toBe(true);
    const danaId = (await db.user.findUniqueOrThrow({ where: { email: "dana@contoso.com" } })).id;
    expect(await assignRole(db, { vaultId, userId: danaId, role: "Contributor" }, contributor)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
      message: "You have the Backup Contributor role: only the Owner may manage access.",
    });
    expect(await assignRole(db, { vaultId, userId: danaId, role: "Admin" }, OWNER)).toMatchObject({
      ok: false,
      fieldErrors: { role: ["Choose Backup Reader, Backup Operator or Backup Contributor."] },
    });
    expect(await assignRole(db, { vaultId, userId: danaId, role: "Reader" }, OWNER)).toEqual({
      ok: true,
      data: { email: "dana@contoso.com", role: "Reader" },
    });
    expect(await assignRole(db, { vaultId, userId: danaId, role: "Operator" }, OWNER)).toMatchObject({ ok: true });
    const assignments = await listRoleAssignments(db, vaultId);
    expect(assignments.map((assignment) => `${assignment.user.email} ${assignment.role}`).sort()).toEqual([
      "casey@contoso.com Contributor",
      "dana@contoso.com Operator",
    ]);
    const danas = assignments.find((assignment) => assignment.user.email === "dana@contoso.com")!;
    expect(await removeRoleAssignment(db, { vaultId, assignmentId: danas.id }, contributor)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
    });
    expect(await removeRoleAssignment(db, { vaultId, assignmentId: danas.id }, OWNER)).toMatchObject({ ok: true });
    expect(await listRoleAssignments(db, vaultId)).toHaveLength(1);
  });

  it("disables a user (their sessions end, they can't sign in) and resets a password", async () => {
    await auth.api.signInEmail({ body: { email: "casey@contoso.com", password: "casey-password-1" } });
    expect(await db.session.count({ where: { userId: contributor.userId } })).toBeGreaterThan(0);
    expect(await setUserDisabled(db, { userId: OWNER.userId }, true, { ...OWNER, userId: OWNER.userId })).toMatchObject(
      { ok: false, message: "You can't disable your own account." },
    );
    expect(await setUserDisabled(db, { userId: contributor.userId }, true, OWNER)).toMatchObject({ ok: true });
    expect(await db.session.count({ where: { userId: contributor.userId } })).toBe(0);
    await expect(
      auth.api.signInEmail({ body: { email: "casey@contoso.com", password: "casey-password-1" } }),
    ).rejects.toThrow();
    expect(await setUserDisabled(db, { userId: contributor.userId }, false, OWNER)).toMatchObject({ ok: true });

    expect(await resetUserPassword(db, auth, { userId: contributor.userId, password: "short" }, OWNER)).toMatchObject({
      ok: false,
      fieldErrors: { password: ["A password has at least 12 characters."] },
    });
    expect(
      await resetUserPassword(db, auth, { userId: contributor.userId, password: "casey-new-password" }, OWNER),
    ).toMatchObject({ ok: true });
    await expect(
      auth.api.signInEmail({ body: { email: "casey@contoso.com", password: "casey-password-1" } }),
    ).rejects.toThrow();
    expect(
      (await auth.api.signInEmail({ body: { email: "casey@contoso.com", password: "casey-new-password" } })).user.email,
    ).toBe("casey@contoso.com");
  });
});
