// Sign-in and access findings of the security test (issue #14), against the production server:
// the per-account lockout for every body type better-auth accepts, lockouts that one client can't
// spread to every account, API tokens revoked with the password or the account, Bearer requests
// that never fall back to the cookie, inventory and VM reads limited to the caller's vaults, and the
// Owner's user creation through better-auth's admin endpoint in the activity log.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Auth, authSecret, createAuth, OWNER_ROLE } from "@/lib/server/auth/auth";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import { MAX_FAILED_SIGN_INS } from "@/lib/server/auth/sign-in-limiter";
import { createApiToken } from "@/lib/server/auth/tokens";
import type { Db } from "@/lib/server/db";
import { assignRole, resetUserPassword, setUserDisabled } from "@/lib/server/services/access";
import { addServer, addVirtualMachine, listInventory, registerServer } from "@/lib/server/services/inventory";
import { configureBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { armEndpoint, SUBSCRIPTION_ID } from "./azure-sdk-clients";
import { describeOnDatabases } from "./databases";
import { type PortalServer, startPortalServer, TEST_SERVER_ENV } from "./portal-server";

const SYSTEM = systemActor("seed@security.test");
const PASSWORD = "Correct-horse-2026";

function okData<T>(result: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`The service refused: ${result.code}: ${result.message}`);
  return result.data;
}

type Body = "json" | "form" | "multipart";

describeOnDatabases("sign-in and access security (production server)", (database) => {
  let db: Db;
  let auth: Auth;
  let server: PortalServer;
  const actors = new Map<string, Actor>();
  const vaults = { a: "", b: "" };

  /** An account with PASSWORD; the Owner when `owner` is set. */
  async function account(email: string, owner = false): Promise<Actor> {
    const { user } = await auth.api.createUser({
      body: { email, name: email.split("@")[0], password: PASSWORD, ...(owner ? { role: OWNER_ROLE } : {}) },
    });
    const actor = { userId: user.id, email, name: user.name, isOwner: owner };
    actors.set(email, actor);
    return actor;
  }

  function signIn(
    fields: Array<[string, string]>,
    body: Body = "json",
    headers: Record<string, string> = {},
    base = server.baseUrl,
  ) {
    const init: RequestInit =
      body === "json"
        ? {
            body: JSON.stringify(Object.fromEntries(fields)),
            headers: { "content-type": "application/json", ...headers },
          }
        : body === "form"
          ? { body: new URLSearchParams(fields), headers }
          : { body: fields.reduce((form, [key, value]) => (form.append(key, value), form), new FormData()), headers };
    return fetch(`${base}/api/auth/sign-in/email`, { method: "POST", ...init });
  }
  const credentials = (email: string, password = PASSWORD): Array<[string, string]> => [
    ["email", email],
    ["password", password],
  ];

  /** The session cookie of a fresh sign-in. */
  async function cookieOf(email: string): Promise<string> {
    const response = await signIn(credentials(email));
    expect(response.status, `sign-in of ${email}`).toBe(200);
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
  }

  async function tokenOf(email: string): Promise<string> {
    return okData(await createApiToken(db, { name: "security test" }, actors.get(email)!)).token;
  }

  /** An ARM read as a token's user: the vaults of the subscription (200 for any valid token). */
  function armRead(headers: Record<string, string>) {
    return fetch(
      `${armEndpoint(server.baseUrl)}/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.RecoveryServices/vaults?api-version=2023-04-01`,
      { headers },
    );
  }

  function vmPath(name: string) {
    return `${armEndpoint(server.baseUrl)}/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-sec/providers/Microsoft.Compute/virtualMachines/${name}?api-version=2024-07-01`;
  }

  beforeAll(async () => {
    db = database().db;
    auth = createAuth(db, await authSecret(db, TEST_SERVER_ENV), database().url);
    await account("owner@security.test", true);
    for (const email of [
      "reader@security.test",
      "operator@security.test",
      "formlock@security.test",
      "duplicate@security.test",
      "hammered@security.test",
      "bystander@security.test",
      "reset@security.test",
      "disabled@security.test",
    ]) {
      await account(email);
    }
    // Two vaults: the Reader and the Operator have roles on A only.
    for (const key of ["a", "b"] as const) {
      vaults[key] = okData(
        await createVault(
          db,
          {
            subscriptionId: SUBSCRIPTION_ID,
            resourceGroup: "rg-sec",
            name: `vault-sec-${key}`,
            location: "westeurope",
          },
          SYSTEM,
        ),
      ).id;
    }
    okData(
      await assignRole(
        db,
        { vaultId: vaults.a, userId: actors.get("reader@security.test")!.userId, role: "Reader" },
        SYSTEM,
      ),
    );
    okData(
      await assignRole(
        db,
        { vaultId: vaults.a, userId: actors.get("operator@security.test")!.userId, role: "Operator" },
        SYSTEM,
      ),
    );
    // vm-sec-a protected in A, vm-sec-b in B, vm-sec-free in none; servers registered to A, B, none.
    for (const name of ["vm-sec-a", "vm-sec-b", "vm-sec-free"]) {
      const vm = okData(
        await addVirtualMachine(
          db,
          {
            subscriptionId: SUBSCRIPTION_ID,
            resourceGroup: "rg-sec",
            name,
            location: "westeurope",
            osType: "Linux",
            sizeGb: 8,
            dailyChangeRatePercent: 1,
          },
          SYSTEM,
        ),
      );
      const vaultId = name.endsWith("-a") ? vaults.a : name.endsWith("-b") ? vaults.b : null;
      if (!vaultId) continue;
      const policy = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId, backupManagementType: "AzureIaasVM" },
      });
      okData(
        await configureBackup(
          db,
          { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
          SYSTEM,
        ),
      );
    }
    for (const name of ["fs-sec-a.contoso.com", "fs-sec-b.contoso.com", "fs-sec-free.contoso.com"]) {
      const added = okData(await addServer(db, { name, osType: "Windows Server 2022" }, SYSTEM));
      const vaultId = name.startsWith("fs-sec-a") ? vaults.a : name.startsWith("fs-sec-b") ? vaults.b : null;
      if (vaultId) okData(await registerServer(db, { serverId: added.id, vaultId }, SYSTEM));
    }
    server = await startPortalServer(database().url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("a form-encoded sign-in is counted and locked like a JSON one, for the email better-auth reads", async () => {
    const email = "formlock@security.test";
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect((await signIn(credentials(email, "wrong-password-1"), attempt % 2 === 0 ? "form" : "json")).status).toBe(
        401,
      );
    }
    for (const body of ["form", "json"] as const) {
      const locked = await signIn(credentials(email), body);
      expect(locked.status, body).toBe(429);
      expect(Number(locked.headers.get("x-retry-after"))).toBeGreaterThan(800);
      expect(locked.headers.getSetCookie()).toEqual([]);
    }
    // A repeated field: better-auth takes the last one, and so does the count.
    const victim = "duplicate@security.test";
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect(
        (
          await signIn(
            [
              ["email", "decoy@security.test"],
              ["email", victim],
              ["password", "wrong-password-2"],
            ],
            "form",
          )
        ).status,
      ).toBe(401);
    }
    expect((await signIn(credentials(victim), "form")).status).toBe(429);
    // multipart/form-data is not a body better-auth's sign-in accepts: 415, no session, nothing counted.
    const multipart = await signIn(credentials("bystander@security.test"), "multipart");
    expect(multipart.status).toBe(415);
    expect(multipart.headers.getSetCookie()).toEqual([]);
    expect(await db.rateLimit.count({ where: { key: "account:bystander@security.test" } })).toBe(0);
  });

  it("without a trusted proxy, one client hammering many accounts locks only those accounts, not another account's sign-in", async () => {
    const hammered = [
      "hammered@security.test",
      ...Array.from({ length: 7 }, (_, index) => `nobody-${index}@security.test`),
    ];
    const attempts = hammered.flatMap((email) =>
      Array.from({ length: MAX_FAILED_SIGN_INS }, () => signIn(credentials(email, "wrong-password-3"))),
    );
    const statuses = (await Promise.all(attempts)).map((response) => response.status);
    expect(statuses).toEqual(statuses.map(() => 401));
    expect((await signIn(credentials("bystander@security.test"))).status).toBe(200);
    expect((await signIn(credentials("hammered@security.test"))).status).toBe(429);
  });

  it("behind a trusted proxy, better-auth also limits sign-ins per client address, without touching other addresses", async () => {
    const proxied = await startPortalServer(database().url, { TRUSTED_PROXY_IP_HEADER: "x-client-ip" });
    try {
      const from = (address: string, email: string, password: string) =>
        signIn(credentials(email, password), "json", { "x-client-ip": address }, proxied.baseUrl);
      const burst = [];
      for (let index = 0; index < 4; index++)
        burst.push((await from("203.0.113.50", `spray-${index}@security.test`, "wrong-password-4")).status);
      expect(burst).toEqual([401, 401, 401, 429]);
      expect((await from("198.51.100.60", "bystander@security.test", PASSWORD)).status).toBe(200);
    } finally {
      await proxied.stop();
    }
  });

  it("the Owner's password reset and disabling a user revoke their API tokens and sessions, for good", async () => {
    const owner = actors.get("owner@security.test")!;
    // Reset password on the Users blade.
    const resetToken = await tokenOf("reset@security.test");
    const resetCookie = await cookieOf("reset@security.test");
    expect((await armRead({ authorization: `Bearer ${resetToken}` })).status).toBe(200);
    okData(
      await resetUserPassword(
        db,
        auth,
        { userId: actors.get("reset@security.test")!.userId, password: "A-new-password-2026" },
        owner,
      ),
    );
    expect((await armRead({ authorization: `Bearer ${resetToken}` })).status).toBe(401);
    expect(
      await (await fetch(`${server.baseUrl}/api/auth/get-session`, { headers: { cookie: resetCookie } })).json(),
    ).toBeNull();

    // Disable, then enable again: the old token stays revoked; a new one works.
    const disabledToken = await tokenOf("disabled@security.test");
    expect((await armRead({ authorization: `Bearer ${disabledToken}` })).status).toBe(200);
    const userId = actors.get("disabled@security.test")!.userId;
    okData(await setUserDisabled(db, { userId }, true, owner));
    expect((await armRead({ authorization: `Bearer ${disabledToken}` })).status).toBe(401);
    okData(await setUserDisabled(db, { userId }, false, owner));
    expect((await armRead({ authorization: `Bearer ${disabledToken}` })).status).toBe(401);
    expect((await armRead({ authorization: `Bearer ${await tokenOf("disabled@security.test")}` })).status).toBe(200);
  });

  it("a session cookie with an invalid Bearer token is refused, never taken as a cookie request past the cross-site check", async () => {
    const cookie = await cookieOf("owner@security.test");
    const putVault = (headers: Record<string, string>) =>
      fetch(
        `${armEndpoint(server.baseUrl)}/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-sec/providers/Microsoft.RecoveryServices/vaults/vault-forged?api-version=2023-04-01`,
        {
          method: "PUT",
          headers: { cookie, "content-type": "application/json", ...headers },
          body: JSON.stringify({ location: "westeurope", sku: { name: "Standard" }, properties: {} }),
        },
      );
    for (const authorization of ["Bearer junk", "Bearer", `Bearer vp_000000000000_${"A".repeat(43)}`, "bearer junk"]) {
      const response = await putVault({ authorization });
      expect(response.status, authorization).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationToken");
      expect((await armRead({ cookie, authorization })).status, `GET with ${authorization}`).toBe(401);
    }
    expect((await putVault({})).status).toBe(403);
    expect(await db.vault.count({ where: { nameKey: "vault-forged" } })).toBe(0);
  });

  it("the inventory shows a user only what their vaults protect or have registered (Operators also what no vault has); the VM GET is 404 for the rest", async () => {
    const names = async (email: string) => {
      const inventory = await listInventory(db, actors.get(email)!);
      return {
        vms: inventory.virtualMachines.map((vm) => vm.name),
        servers: inventory.servers.map((server) => server.name),
        vaults: inventory.vaults.map((vault) => vault.name),
      };
    };
    expect(await names("reader@security.test")).toEqual({
      vms: ["vm-sec-a"],
      servers: ["fs-sec-a.contoso.com"],
      vaults: ["vault-sec-a"],
    });
    expect(await names("operator@security.test")).toEqual({
      vms: ["vm-sec-a", "vm-sec-free"],
      servers: ["fs-sec-a.contoso.com", "fs-sec-free.contoso.com"],
      vaults: ["vault-sec-a"],
    });
    expect(await names("bystander@security.test")).toEqual({ vms: [], servers: [], vaults: [] });
    const all = await names("owner@security.test");
    expect(all.vms).toEqual(["vm-sec-a", "vm-sec-b", "vm-sec-free"]);
    expect(all.vaults).toEqual(["vault-sec-a", "vault-sec-b"]);

    // The Inventory blade as it is served.
    const page = async (email: string) =>
      (await fetch(`${server.baseUrl}/inventory`, { headers: { cookie: await cookieOf(email) } })).text();
    const asReader = await page("reader@security.test");
    expect(asReader).toContain("vm-sec-a");
    for (const hidden of [
      "vm-sec-b",
      "vm-sec-free",
      "vault-sec-b",
      vaults.b,
      "fs-sec-b.contoso.com",
      "fs-sec-free.contoso.com",
    ])
      expect(asReader).not.toContain(hidden);
    const asOperator = await page("operator@security.test");
    for (const shown of ["vm-sec-a", "vm-sec-free", "fs-sec-free.contoso.com"]) expect(asOperator).toContain(shown);
    for (const hidden of ["vm-sec-b", "vault-sec-b", vaults.b, "fs-sec-b.contoso.com"])
      expect(asOperator).not.toContain(hidden);

    // The emulator's VM GET.
    const get = async (email: string, vm: string) =>
      (await fetch(vmPath(vm), { headers: { authorization: `Bearer ${await tokenOf(email)}` } })).status;
    expect([
      await get("reader@security.test", "vm-sec-a"),
      await get("reader@security.test", "vm-sec-b"),
      await get("reader@security.test", "vm-sec-free"),
    ]).toEqual([200, 404, 404]);
    expect([
      await get("operator@security.test", "vm-sec-free"),
      await get("operator@security.test", "vm-sec-b"),
    ]).toEqual([200, 404]);
    expect(await get("owner@security.test", "vm-sec-b")).toBe(200);
    // PUT and DELETE are the Owner's and tell others nothing about a VM.
    const readerToken = await tokenOf("reader@security.test");
    const put = await fetch(vmPath("vm-sec-b"), {
      method: "PUT",
      headers: { authorization: `Bearer ${readerToken}`, "content-type": "application/json" },
      body: JSON.stringify({ location: "westeurope" }),
    });
    expect(put.status).toBe(403);
    expect(await put.text()).not.toContain("vmId");
    expect(
      (await fetch(vmPath("vm-sec-none"), { method: "DELETE", headers: { authorization: `Bearer ${readerToken}` } }))
        .status,
    ).toBe(403);
  });

  it("better-auth's admin endpoints that would change a user outside the services (create, reset password, ban, set role, impersonate, remove…) answer 404, even to the Owner", async () => {
    const cookie = await cookieOf("owner@security.test");
    const target = actors.get("bystander@security.test")!;
    const before = await db.user.findUniqueOrThrow({ where: { id: target.userId } });
    for (const [path, body] of [
      ["create-user", { email: "created@security.test", name: "Created by API", password: "Created-password-2026" }],
      ["set-user-password", { userId: target.userId, newPassword: "Another-password-2026" }],
      ["ban-user", { userId: target.userId }],
      ["set-role", { userId: target.userId, role: "admin" }],
      ["impersonate-user", { userId: target.userId }],
      ["update-user", { userId: target.userId, data: { name: "Renamed" } }],
      ["remove-user", { userId: target.userId }],
      ["revoke-user-sessions", { userId: target.userId }],
    ] as const) {
      const response = await fetch(`${server.baseUrl}/api/auth/admin/${path}`, {
        method: "POST",
        headers: { cookie, origin: server.baseUrl, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(404);
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: target.userId } })).toEqual(before);
    expect(await db.user.findUnique({ where: { email: "created@security.test" } })).toBeNull();
  });
});
