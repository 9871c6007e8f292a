// Bounded work per request and no 5xx for bad input (issue #14), against the production build:
// request bodies are limited in size and depth before anything else, names and paths are checked
// before any other work, and every malformed request of the security test answers 4xx (ARM's
// error envelope under /api/arm, the portal's blades elsewhere). Raw HTTP: fetch can't send TRACE
// or a malformed percent escape.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import type { ServiceResult } from "@/lib/server/result";
import { assignRole } from "@/lib/server/services/access";
import { SUBSCRIPTION_ID } from "./azure-sdk-clients";
import { describeOnDatabases } from "./databases";
import { apiUser } from "./api-users";
import { type PortalServer, startPortalServer } from "./portal-server";
import { armErrorCode, type RawRequest, type RawResponse, rawRequest } from "./raw-http";

const DAY_MS = 86_400_000;
/** The body limit the server runs with here (ARM_MAX_BODY_BYTES), smaller than the 1 MB default so uploads stay quick. */
const MAX_BODY_BYTES = 256 * 1024;
const RG = "rg-bounds";
const VAULT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/vault-bounds`;
const OTHER_VAULT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/vault-bounds-other`;
const VERSION = "api-version=2025-02-01";

const vmItemPath = (vm: string, vaultId = VAULT_ID) =>
  `${vaultId}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-vms;${vm}/protectedItems/VM;iaasvmcontainerv2;rg-vms;${vm}`;
const FOLDER_ITEM = `${VAULT_ID}/backupFabrics/Azure/protectionContainers/MabContainer;fs-bounds.contoso.com/protectedItems/FileFolder;fs-bounds.contoso.com;C_Data`;
const MAB_DAILY = {
  backupManagementType: "MAB",
  schedulePolicy: {
    schedulePolicyType: "SimpleSchedulePolicy",
    scheduleRunFrequency: "Daily",
    scheduleRunTimes: ["2026-01-01T22:00:00Z"],
  },
  retentionPolicy: {
    retentionPolicyType: "LongTermRetentionPolicy",
    dailySchedule: { retentionTimes: ["2026-01-01T22:00:00Z"], retentionDuration: { count: 30, durationType: "Days" } },
  },
};

function okData<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new Error(`The service refused: ${result.code}: ${result.message}`);
  return result.data;
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describeOnDatabases("bounded work and no 5xx for bad input (REST API and pages)", (database) => {
  let db: Db;
  let server: PortalServer;
  const tokens = { owner: "", reader: "", operator: "" };
  const owner: Actor = { userId: "bounds-owner", email: "owner@bounds.test", name: "Olga Owner", isOwner: true };
  const users = { reader: "bounds-reader", operator: "bounds-operator" };

  /** Raw HTTP to the server as `who` (a token name, or null for no Authorization). */
  function send(request: RawRequest, who: keyof typeof tokens | null = "owner"): Promise<RawResponse> {
    const headers = { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...request.headers };
    return rawRequest(server.baseUrl, { ...request, headers });
  }

  /** A JSON request under the API's prefix. */
  function arm(method: string, path: string, body?: unknown, who: keyof typeof tokens | null = "owner") {
    const separator = path.includes("?") ? "&" : "?";
    return send(
      {
        method,
        path: `/api/arm${path}${separator}${VERSION}`,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      },
      who,
    );
  }

  function expectArmError(response: RawResponse, status: number, code?: string) {
    expect(response.status, response.text.slice(0, 300)).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    if (code) expect(armErrorCode(response), response.text.slice(0, 300)).toBe(code);
    return JSON.parse(response.text) as {
      error: { code: string; message: string; target?: string; details?: Array<{ target: string }> };
    };
  }

  beforeAll(async () => {
    db = database().db;
    tokens.owner = await apiUser(db, owner);
    for (const [role, id] of Object.entries(users) as Array<[keyof typeof users, string]>)
      tokens[role] = await apiUser(db, { userId: id, email: `${role}@bounds.test`, name: role, isOwner: false });
    server = await startPortalServer(database().url, { ARM_MAX_BODY_BYTES: String(MAX_BODY_BYTES) });

    for (const id of [VAULT_ID, OTHER_VAULT_ID])
      expect((await arm("PUT", id, { location: "westeurope", properties: {} })).status).toBeLessThan(300);
    const vaultId = (await db.vault.findFirstOrThrow({ where: { nameKey: "vault-bounds" } })).id;
    okData(await assignRole(db, { vaultId, userId: users.reader, role: "Reader" }, owner));
    okData(await assignRole(db, { vaultId, userId: users.operator, role: "Operator" }, owner));
    expect((await arm("PUT", `${VAULT_ID}/backupPolicies/MabDaily`, { properties: MAB_DAILY })).status).toBe(200);
    const protect = await arm("PUT", vmItemPath("vm-bounds01"), {
      properties: {
        protectedItemType: "Microsoft.Compute/virtualMachines",
        policyId: `${VAULT_ID}/backupPolicies/DefaultPolicy`,
      },
    });
    expect(protect.status, protect.text).toBe(202);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a body over ARM_MAX_BODY_BYTES with 413, declared or chunked, before reading it or signing in", async () => {
    const policy = JSON.stringify({ properties: { ...MAB_DAILY, note: "x".repeat(MAX_BODY_BYTES) } });
    const declared = await arm("PUT", `${VAULT_ID}/backupPolicies/TooLarge`, policy);
    expect(expectArmError(declared, 413, "RequestEntityTooLarge").error.message).toContain(String(MAX_BODY_BYTES));
    const chunked = await send({
      method: "PUT",
      path: `/api/arm${VAULT_ID}/backupPolicies/TooLarge?${VERSION}`,
      headers: { "content-type": "application/json" },
      body: policy,
      chunked: true,
    });
    expectArmError(chunked, 413, "RequestEntityTooLarge");
    expectArmError(await arm("PUT", `${VAULT_ID}/backupPolicies/TooLarge`, policy, null), 413, "RequestEntityTooLarge");
    expect(await db.backupPolicy.count({ where: { nameKey: "toolarge" } })).toBe(0);
  });

  it("refuses JSON nested too deep or holding NUL with 400 InvalidRequestContent, on the raw text", async () => {
    const deepUnknownField = `{"properties":{"backupManagementType":"MAB","x":${nested(2000)}}}`;
    const deep = await arm("PUT", `${VAULT_ID}/backupPolicies/Deep`, deepUnknownField);
    expect(expectArmError(deep, 400, "InvalidRequestContent").error.message).toContain("nest");
    // 200 KB of brackets: refused in well under a second (parsing it took seconds of CPU before).
    const brackets = await arm("PUT", `${VAULT_ID}/backupPolicies/Deep`, nested(100_000), "reader");
    expectArmError(brackets, 400, "InvalidRequestContent");
    expect(brackets.ms).toBeLessThan(1000);
    expectArmError(
      await arm(
        "PUT",
        `${VAULT_ID}/backupPolicies/Nul`,
        `{"properties":{"backupManagementType":"MAB","x":"a\\u0000b"}}`,
      ),
      400,
      "InvalidRequestContent",
    );
    expectArmError(await arm("PUT", `${VAULT_ID}/backupPolicies/Broken`, "{"), 400, "InvalidRequestContent");
    expect(await db.backupPolicy.count({ where: { nameKey: { in: ["deep", "nul", "broken"] } } })).toBe(0);
  });

  it("keeps at most 64 KB of a policy's unknown fields", async () => {
    const refused = await arm("PUT", `${VAULT_ID}/backupPolicies/Chatty`, {
      properties: { ...MAB_DAILY, note: "x".repeat(70 * 1024) },
    });
    expect(expectArmError(refused, 400, "BMSUserErrorInvalidPolicyInput").error.message).toContain("64 KB");
    const kept = await arm("PUT", `${VAULT_ID}/backupPolicies/Chatty`, {
      properties: { ...MAB_DAILY, note: "kept" },
    });
    expect(kept.status).toBe(200);
    expect(JSON.parse(kept.text).properties.note).toBe("kept");
  });

  it("checks a folder's path before the role and any other work: a Reader's 40 KB of underscores, an Operator's bad path", async () => {
    const body = (friendlyName: string) => ({
      properties: {
        protectedItemType: "MabFileFolderProtectedItem",
        friendlyName,
        computerName: "fs-bounds.contoso.com",
        policyId: `${VAULT_ID}/backupPolicies/MabDaily`,
      },
    });
    const underscores = await arm("PUT", FOLDER_ITEM, body(`C:\\${"_".repeat(40_000)}`), "reader");
    expect(expectArmError(underscores, 400).error.details?.[0].target).toBe("properties.friendlyName");
    expect(underscores.ms).toBeLessThan(1000);
    // The item's label matches the path (C:\aaa…\< → C_aaa…_<): only the path's own rule refuses it.
    const backtracking = await arm(
      "PUT",
      FOLDER_ITEM.replace("C_Data", `C_${"a".repeat(40)}_%3C`),
      body(`C:\\${"a".repeat(40)}\\<`),
      "operator",
    );
    expect(expectArmError(backtracking, 400).error.details?.map((detail) => detail.target)).toContain(
      "properties.friendlyName",
    );
    expect(backtracking.ms).toBeLessThan(1000);
    expect(await db.fileFolderSource.count()).toBe(0);
  });

  it("answers a malformed percent escape with 400 in ARM's envelope, in the path and in policyId", async () => {
    expectArmError(await send({ path: `/api/arm${VAULT_ID}/backupJobs/%zz?${VERSION}` }), 400);
    expectArmError(await send({ path: `/api/arm${VAULT_ID}/backupPolicies/a%E0%A4%A?${VERSION}` }), 400);
    expectArmError(await send({ path: `/api/arm${VAULT_ID}/backupPolicies/x%00?${VERSION}` }), 400);
    const policyId = `${VAULT_ID}/backupPolicies/Default%E0%A4%APolicy`;
    const item = await arm("PUT", vmItemPath("vm-bounds02"), {
      properties: { protectedItemType: "Microsoft.Compute/virtualMachines", policyId },
    });
    expect(expectArmError(item, 400, "BMSUserErrorPolicyNotFound").error.target).toBe("properties.policyId");
  });

  it("answers TRACE with 405 (ARM's envelope under the API) and other odd methods with 4xx", async () => {
    expectArmError(await send({ method: "TRACE", path: `/api/arm${VAULT_ID}?${VERSION}` }), 405, "MethodNotAllowed");
    const page = await send({ method: "TRACE", path: "/vaults" });
    expect(page.status).toBe(405);
    for (const method of ["PATCH", "PROPFIND", "SEARCH", "OPTIONS", "HEAD"]) {
      const response = await send({ method, path: `/api/arm${VAULT_ID}?${VERSION}` });
      expect(response.status, method).toBeLessThan(500);
    }
  });

  it("answers $skipToken and filter times outside years 1900–9999, or that don't exist, with 400", async () => {
    const token = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
    for (const key of [
      ["+275760-09-13T00:00:00.000Z", "x"],
      ["-271821-04-20T00:00:00.000Z", "x"],
      ["0000-01-01T00:00:00.000Z", "x"],
      ["2026-01-01T00:00:00.000Z", "\u0000"],
    ]) {
      expectArmError(await arm("GET", `${VAULT_ID}/backupJobs?$skipToken=${token(key)}`), 400, "InvalidSkipToken");
      expectArmError(
        await arm("GET", `${vmItemPath("vm-bounds01")}/recoveryPoints?$skipToken=${token(key)}`),
        400,
        "InvalidSkipToken",
      );
    }
    expectArmError(
      await arm("GET", `${VAULT_ID}/backupProtectedItems?$skipToken=${token("a\u0000")}`),
      400,
      "InvalidSkipToken",
    );
    expectArmError(await arm("GET", `${VAULT_ID}/backupJobs?$skipToken=%25%25`), 400, "InvalidSkipToken");
    for (const time of [
      "2026-99-01 10:00:00 AM",
      "2026-02-30T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
    ]) {
      expectArmError(
        await arm("GET", `${VAULT_ID}/backupJobs?$filter=${encodeURIComponent(`startTime eq '${time}'`)}`),
        400,
        "InvalidFilter",
      );
    }
    expectArmError(
      await arm("GET", `${VAULT_ID}/backupJobs?$filter=${encodeURIComponent(`status eq '${"\u0000"}'`)}`),
      400,
    );
  });

  it("Backup now: an expiry in the year 9999 is a 400 naming properties.recoveryPointExpiryTimeInUTC; none keeps the point 30 days", async () => {
    const backupNow = (expiry?: string) =>
      arm("POST", `${vmItemPath("vm-bounds01")}/backup`, {
        properties: {
          objectType: "IaasVMBackupRequest",
          ...(expiry ? { recoveryPointExpiryTimeInUTC: expiry } : {}),
        },
      });
    const far = expectArmError(await backupNow("9999-12-31T00:00:00Z"), 400);
    expect(far.error.details?.[0].target).toBe("properties.recoveryPointExpiryTimeInUTC");
    expect(far.error.message).toContain("99 years");
    expectArmError(await backupNow("2020-01-01T00:00:00Z"), 400);
    const before = Date.now();
    expect((await backupNow()).status).toBe(202);
    const job = await db.job.findFirstOrThrow({
      where: { operation: "Backup", retainUntil: { not: null } },
      orderBy: { startTime: "desc" },
    });
    expect(job.retainUntil!.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 5000);
    expect(job.retainUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);
  });

  it("refuses VM names Azure doesn't allow before any other work; the inventory doesn't learn them", async () => {
    const vmsBefore = await db.virtualMachine.count();
    const put = (vm: string, sourceResourceId?: string) =>
      arm("PUT", vmItemPath(vm), {
        properties: {
          protectedItemType: "Microsoft.Compute/virtualMachines",
          policyId: `${VAULT_ID}/backupPolicies/DefaultPolicy`,
          ...(sourceResourceId ? { sourceResourceId } : {}),
        },
      });
    for (const vm of [encodeURIComponent("vm😀"), "x".repeat(3000), "vm.", encodeURIComponent("vm 01")]) {
      const refused = await put(vm);
      expect(expectArmError(refused, 400).error.details?.[0].target, vm.slice(0, 20)).toBe("protectedItemName");
    }
    expectArmError(await put("vm%00"), 400);
    const nul = await arm(
      "PUT",
      vmItemPath("vm-nul"),
      `{"properties":{"protectedItemType":"Microsoft.Compute/virtualMachines","policyId":"${VAULT_ID}/backupPolicies/DefaultPolicy","sourceResourceId":"/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vms/providers/Microsoft.Compute/virtualMachines/vm-nul\\u0000"}}`,
    );
    expectArmError(nul, 400, "InvalidRequestContent");
    expect(await db.virtualMachine.count()).toBe(vmsBefore);
  });

  it("takes a policyId only from this vault: another vault's policy of the same name is a 400", async () => {
    const put = (policyId: string) =>
      arm("PUT", vmItemPath("vm-bounds03"), {
        properties: { protectedItemType: "Microsoft.Compute/virtualMachines", policyId },
      });
    for (const policyId of [
      `${OTHER_VAULT_ID}/backupPolicies/DefaultPolicy`,
      VAULT_ID.replace(SUBSCRIPTION_ID, "00000000-0000-0000-0000-000000000000") + "/backupPolicies/DefaultPolicy",
      "/backupPolicies/DefaultPolicy",
      "DefaultPolicy",
    ]) {
      expect(expectArmError(await put(policyId), 400, "BMSUserErrorPolicyNotFound").error.target, policyId).toBe(
        "properties.policyId",
      );
    }
    expect(await db.protectedItem.count({ where: { friendlyName: "vm-bounds03" } })).toBe(0);
    // This vault's own id, in other letter case and percent-encoded, is fine.
    const own = await put(`${VAULT_ID.toLowerCase().replace("rg-bounds", "RG%2Dbounds")}/backupPolicies/defaultpolicy`);
    expect(own.status, own.text).toBe(202);
  });

  it("pages: a path that doesn't decode is the not-found blade, a bogus activity filter shows the log", async () => {
    for (const path of ["/vaults/%zz", "/vaults/abc%E0%A4%A/jobs", "/vaults/%00", "/%zz"]) {
      const response = await send({ path });
      expect(response.status, path).toBe(404);
      expect(response.text, path).toContain("Resource not found");
    }
    for (const path of ["/activity?range=bogus", "/activity?range=%zz&result=nope&user=%00"]) {
      const response = await send({ path });
      expect(response.status, path).toBe(200);
      expect(response.text, path).toContain("Activity log");
    }
    const vaultId = (await db.vault.findFirstOrThrow({ where: { nameKey: "vault-bounds" } })).id;
    const jobs = await send({
      path: `/vaults/${vaultId}/jobs?range=custom&from=2026-99-01T00:00&to=2026-99-02T00:00`,
    });
    expect(jobs.status).toBe(200);
    expect(jobs.text).toContain("Enter a date and time that exists.");
  });

  it("server actions: one from another site is a 403; setUserDisabledAction with a string answers a field error", async () => {
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
      node: Record<string, { exportedName: string }>;
    };
    const actionId = Object.entries(manifest.node).find(
      ([, action]) => action.exportedName === "setUserDisabledAction",
    )![0];
    const call = (origin: string, input: unknown) =>
      send({
        method: "POST",
        path: "/users",
        headers: {
          "next-action": actionId,
          origin,
          accept: "text/x-component",
          "content-type": "text/plain;charset=UTF-8",
        },
        body: JSON.stringify([input]),
      });
    for (const origin of ["http://evil.example", "null", "not a url"])
      expect((await call(origin, { userId: users.reader, disabled: true })).status, origin).toBe(403);
    const refused = await call(server.baseUrl, { userId: users.reader, disabled: "yes" });
    expect(refused.status).toBe(200);
    expect(refused.text).toContain("disabled must be true or false.");
    expect((await call(server.baseUrl, "a string")).status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: users.reader } })).banned).not.toBe(true);
  });
});
