// A seeded fuzz of the REST API against the production build (issue #14): a few hundred malformed
// requests per run, built from the route table (lib/server/arm/router.ts) with mutated path
// segments, odd methods, malformed, huge and deeply nested bodies, odd query strings and
// credentials. No answer may be a 5xx (or no answer at all), and GET /api/health must keep
// answering within a second while they run. FUZZ_SEED replays a run; FUZZ_REQUESTS sets its size.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/authorize";
import { ARM_ROUTES } from "@/lib/server/arm/router";
import type { Db } from "@/lib/server/db";
import type { ServiceResult } from "@/lib/server/result";
import { assignRole } from "@/lib/server/services/access";
import { SUBSCRIPTION_ID } from "./azure-sdk-clients";
import { describeOnDatabases } from "./databases";
import { apiUser } from "./api-users";
import { type PortalServer, startPortalServer } from "./portal-server";
import { type RawRequest, rawRequest } from "./raw-http";

const SEED = Number(process.env.FUZZ_SEED ?? 1_402_2026);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 600);
/** Requests stop being sent after this long; the test's whole run stays near a minute. */
const FUZZ_BUDGET_MS = 45_000;
const CONCURRENCY = 4;
const HEALTH_EVERY_MS = 200;
const HEALTH_BOUND_MS = 1000;

const RG = "rg-fuzz";
const VAULT = "vault-fuzz";
const VM = "vm-fuzz01";
const FOLDER = { machine: "fs-fuzz.contoso.com", path: "C:\\Data", label: "C_Data" };
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
const VM_POLICY = JSON.parse(readFileSync("tests/fixtures/azure-policy-examples/iaasvm_complex.json", "utf8")) as {
  properties: unknown;
};

/** mulberry32: small, seeded, the same sequence on every machine. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (probability: number) => next() < probability;
  return { next, pick, chance };
}
type Random = ReturnType<typeof seeded>;

const nested = (depth: number, leaf = "1") => `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;

/** Path segments as they go on the wire: some percent-encoded, some deliberately malformed. */
const BAD_SEGMENTS = [
  "",
  "%20",
  "%zz",
  "%E0%A4%A",
  "%",
  "%%",
  "%00",
  "%0a",
  "%2F",
  "..",
  ".",
  "a".repeat(3000),
  encodeURIComponent("😀"),
  "'",
  "a;b;c;d;e",
  "__proto__",
  "constructor",
  "IaasVMContainer;iaasvmcontainerv2;rg-vms;",
  "VM;iaasvmcontainerv2;rg-vms;vm%00",
  `FileFolder;${FOLDER.machine};${"_".repeat(2000)}`,
  "MabContainer;",
  encodeURIComponent("C:\\"),
  "-1",
  "null",
];

/** Values a body's fields are replaced with. */
const BAD_VALUES: unknown[] = [
  "",
  "x".repeat(3000),
  "\u0000",
  "😀",
  -1,
  1e308,
  null,
  true,
  [],
  {},
  "9999-12-31T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "2026-99-01T00:00:00Z",
  "%zz",
  "'",
  `C:\\${"a".repeat(30)}<`,
  `${"_".repeat(40_000)}x`,
  `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/other/providers/Microsoft.RecoveryServices/vaults/other/backupPolicies/DefaultPolicy`,
  JSON.parse(nested(20)),
];

const FILTERS = [
  "status eq 'Completed'",
  "operation eq 'Backup' and status eq 'Failed'",
  "startTime eq '2026-99-01 10:00:00 AM'",
  "startTime eq '+275760-09-13T00:00:00Z'",
  "startTime eq '0000-01-01T00:00:00Z' and endTime eq '9999-12-31T23:59:59Z'",
  "backupManagementType eq 'MAB'",
  "policyName eq 'x''y'",
  "itemType eq 'VM' and policyName eq 'DefaultPolicy'",
  `status eq '${"\u0000"}'`,
  `${" ".repeat(5000)}x`,
  "status eq 'x' or 1 eq 1",
  "startDate eq '2026-02-30T00:00:00Z' and endDate eq '2026-03-01T00:00:00Z'",
  "'",
  "a eq",
  `policyName eq '${"x".repeat(3000)}'`,
];

type Context = { tokens: Record<"owner" | "reader" | "operator", string>; params: Record<string, string[]> };

function skipToken(random: Random): string {
  const keys: unknown[] = [
    ["+275760-09-13T00:00:00.000Z", "x"],
    ["2026-01-01T00:00:00.000Z", "z"],
    "vm;iaasvmcontainerv2;rg-vms;vm-fuzz01",
    ["bad"],
    42,
    { a: 1 },
    ["2026-01-01T00:00:00.000Z", "\u0000"],
  ];
  return random.chance(0.8)
    ? Buffer.from(JSON.stringify(random.pick(keys))).toString("base64url")
    : random.pick(["%zz", "!!!", "", "a".repeat(2000)]);
}

function queryOf(random: Random): string {
  const parts: string[] = [];
  if (random.chance(0.85)) parts.push(`api-version=${random.pick(["2025-02-01", "2023-06-01", "", "x".repeat(500)])}`);
  if (random.chance(0.3)) parts.push(`$filter=${encodeURIComponent(random.pick(FILTERS))}`);
  if (random.chance(0.15)) parts.push(`$skipToken=${skipToken(random)}`);
  if (random.chance(0.1))
    parts.push(
      random.pick([
        "%zz=1",
        "a=%E0%A4%A",
        "api-version=1&api-version=2",
        "$top=-1",
        "x=%00",
        "&&&",
        "=",
        `p=${"q".repeat(3000)}`,
      ]),
    );
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** A body template for the route's operation, so that mutations reach the handlers' own checks. */
function template(random: Random, operationId: string): unknown {
  const policyId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}/backupPolicies/DefaultPolicy`;
  switch (operationId) {
    case "Vaults_CreateOrUpdate":
      return {
        location: "westeurope",
        properties: {
          securitySettings: { softDeleteSettings: { softDeleteState: "Enabled", softDeleteRetentionPeriodInDays: 14 } },
        },
      };
    case "ProtectionPolicies_CreateOrUpdate":
      return { properties: structuredClone(random.chance(0.5) ? MAB_DAILY : VM_POLICY.properties) };
    case "ProtectedItems_CreateOrUpdate":
      return random.chance(0.5)
        ? {
            properties: {
              protectedItemType: "Microsoft.Compute/virtualMachines",
              sourceResourceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vms/providers/Microsoft.Compute/virtualMachines/${VM}`,
              policyId,
            },
          }
        : {
            properties: {
              protectedItemType: "MabFileFolderProtectedItem",
              friendlyName: FOLDER.path,
              computerName: FOLDER.machine,
              policyId: policyId.replace("DefaultPolicy", "MabDaily"),
            },
          };
    case "Backups_Trigger":
      return {
        properties: { objectType: "IaasVMBackupRequest", recoveryPointExpiryTimeInUTC: "2027-01-01T00:00:00Z" },
      };
    case "Restores_Trigger": {
      // A folder's Recover Data (the portal's extension) or a VM's restore, whatever the path's item.
      if (random.chance(0.4))
        return {
          properties: {
            objectType: "VaultPortalFileRecoveryRequest",
            recoveryType: random.pick(["OriginalLocation", "AlternateLocation"]),
            targetFolderPath: "/srv/restore",
            items: ["/srv/data/a.txt", "C:\\Data\\a.txt"].slice(0, random.pick([0, 1, 2])),
            copyOptions: random.pick(["CreateCopy", "Overwrite", "Skip"]),
            restoreAcls: random.chance(0.5),
          },
        };
      const group = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-restored`;
      const network = `${group}/providers/Microsoft.Network/virtualNetworks/vnet-fuzz`;
      return {
        properties: {
          objectType: "IaasVMRestoreRequest",
          recoveryType: random.pick(["AlternateLocation", "RestoreDisks", "OriginalLocation"]),
          sourceResourceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vms/providers/Microsoft.Compute/virtualMachines/${VM}`,
          targetVirtualMachineId: `${group}/providers/Microsoft.Compute/virtualMachines/${VM}-restored`,
          targetResourceGroupId: group,
          virtualNetworkId: network,
          subnetId: `${network}/subnets/default`,
          storageAccountId: `${group}/providers/Microsoft.Storage/storageAccounts/stagingfuzz`,
          region: "westeurope",
        },
      };
    }
    case "Emulator_VirtualMachines_CreateOrUpdate":
      return {
        location: "westeurope",
        properties: { storageProfile: { osDisk: { osType: "Linux", diskSizeGB: 64 } } },
      };
    default:
      return {};
  }
}

/** Replaces one field, at any depth, with a bad value (or adds an unknown one). */
function mutate(random: Random, value: unknown): unknown {
  if (typeof value !== "object" || value === null || random.chance(0.2)) return random.pick(BAD_VALUES);
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0 || random.chance(0.1))
    copy[random.pick(["unknown", "__proto__", "properties", "x".repeat(200)])] = random.pick(BAD_VALUES);
  else {
    const key = random.pick(keys);
    copy[key] = mutate(random, copy[key]);
  }
  return copy;
}

function bodyOf(random: Random, operationId: string): string | undefined {
  const roll = random.next();
  if (roll < 0.5) return JSON.stringify(mutate(random, template(random, operationId)));
  if (roll < 0.7) return JSON.stringify(template(random, operationId));
  if (roll < 0.75) return undefined;
  return random.pick([
    "",
    "{",
    "null",
    "[]",
    "123",
    '"text"',
    '{"properties":null}',
    nested(40),
    nested(5000),
    `{"properties":{"x":${nested(2000)}}}`,
    `{"properties":"${"\\u0000"}"}`,
    `{"properties":{"note":"${"x".repeat(1_100_000)}"}}`,
    `{"a":1,"a":2}`,
    "\u0000",
    "\uFEFF{}",
    "\xff\xfe",
    `{"properties":{"friendlyName":"C:\\\\${"_".repeat(40_000)}"}}`,
  ]);
}

function pathOf(random: Random, route: (typeof ARM_ROUTES)[number], context: Context): string {
  const segments = route.path
    .split("/")
    .filter(Boolean)
    .map((part) => {
      if (!part.startsWith("{")) return random.chance(0.05) ? part.toUpperCase() : part;
      const name = part.slice(1, -1);
      return random.chance(0.9) && context.params[name]
        ? encodeURIComponent(random.pick(context.params[name])).replace(/%3B/g, ";")
        : random.pick(BAD_SEGMENTS);
    });
  if (random.chance(0.08)) segments.pop();
  if (random.chance(0.08)) segments.push(random.pick(["extra", "%zz", "..", ""]));
  return `/api/arm/${segments.join("/")}`;
}

function randomRequest(random: Random, context: Context): RawRequest & { label: string } {
  const route = random.pick(ARM_ROUTES);
  const method = random.chance(0.7)
    ? route.method
    : random.pick(["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "SEARCH"]);
  const hasBody = ["PUT", "POST", "PATCH"].includes(method) || random.chance(0.05);
  const body = hasBody ? bodyOf(random, route.operationId) : undefined;
  const auth = random.pick([
    "owner",
    "owner",
    "owner",
    "owner",
    "owner",
    "reader",
    "operator",
    "none",
    "garbage",
    "basic",
  ] as const);
  const headers: Record<string, string> = {};
  if (auth === "garbage")
    headers.authorization = random.pick(["Bearer ", "Bearer vp_x", `Bearer ${"A".repeat(3000)}`, "Bearer\tvp_"]);
  else if (auth === "basic") headers.authorization = "Basic YTpi";
  else if (auth !== "none") headers.authorization = `Bearer ${context.tokens[auth]}`;
  if (body !== undefined)
    headers["content-type"] = random.pick([
      "application/json",
      "application/json",
      "text/plain",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
    ]);
  const path = `${pathOf(random, route, context)}${queryOf(random)}`;
  return {
    method,
    path,
    headers,
    body,
    chunked: body !== undefined && random.chance(0.2),
    label: `${method} ${route.operationId} ${path.slice(0, 160)} auth=${auth} body=${body === undefined ? "none" : `${JSON.stringify(body.slice(0, 80))} (${body.length})`}`,
  };
}

/** GET /api/health every HEALTH_EVERY_MS until stopped: the slowest answer and any that wasn't a 200. */
function probeHealth(baseUrl: string) {
  const seen = { slowestMs: 0, probes: 0, failures: [] as string[] };
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
        await response.body?.cancel();
        if (response.status !== 200) seen.failures.push(`status ${response.status}`);
      } catch (error) {
        seen.failures.push(String(error));
      }
      seen.slowestMs = Math.max(seen.slowestMs, performance.now() - started);
      seen.probes += 1;
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

function okData<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new Error(`The service refused: ${result.code}: ${result.message}`);
  return result.data;
}

describeOnDatabases("fuzzed REST API requests", (database) => {
  let db: Db;
  let server: PortalServer;
  const context: Context = { tokens: { owner: "", reader: "", operator: "" }, params: {} };

  beforeAll(async () => {
    db = database().db;
    const owner: Actor = { userId: "fuzz-owner", email: "owner@fuzz.test", name: "Owner", isOwner: true };
    context.tokens.owner = await apiUser(db, owner);
    server = await startPortalServer(database().url);
    const arm = (method: string, path: string, body: unknown) =>
      rawRequest(server.baseUrl, {
        method,
        path: `/api/arm${path}?api-version=2025-02-01`,
        headers: { authorization: `Bearer ${context.tokens.owner}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const vaultPath = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}`;
    expect((await arm("PUT", vaultPath, { location: "westeurope" })).status).toBeLessThan(300);
    expect((await arm("PUT", `${vaultPath}/backupPolicies/MabDaily`, { properties: MAB_DAILY })).status).toBe(200);
    const vmItem = {
      container: `IaasVMContainer;iaasvmcontainerv2;rg-vms;${VM}`,
      item: `VM;iaasvmcontainerv2;rg-vms;${VM}`,
    };
    const folderItem = {
      container: `MabContainer;${FOLDER.machine}`,
      item: `FileFolder;${FOLDER.machine};${FOLDER.label}`,
    };
    const itemPath = (names: { container: string; item: string }) =>
      `${vaultPath}/backupFabrics/Azure/protectionContainers/${names.container}/protectedItems/${names.item}`;
    expect(
      (
        await arm("PUT", itemPath(vmItem), {
          properties: {
            protectedItemType: "Microsoft.Compute/virtualMachines",
            policyId: `${vaultPath}/backupPolicies/DefaultPolicy`,
          },
        })
      ).status,
    ).toBe(202);
    expect(
      (
        await arm("PUT", itemPath(folderItem), {
          properties: {
            protectedItemType: "MabFileFolderProtectedItem",
            friendlyName: FOLDER.path,
            computerName: FOLDER.machine,
            policyId: `${vaultPath}/backupPolicies/MabDaily`,
          },
        })
      ).status,
    ).toBe(202);
    expect(
      (await arm("POST", `${itemPath(vmItem)}/backup`, { properties: { objectType: "IaasVMBackupRequest" } })).status,
    ).toBe(202);

    const vault = await db.vault.findFirstOrThrow({ where: { nameKey: VAULT } });
    for (const role of ["reader", "operator"] as const) {
      const actor: Actor = { userId: `fuzz-${role}`, email: `${role}@fuzz.test`, name: role, isOwner: false };
      context.tokens[role] = await apiUser(db, actor);
      okData(
        await assignRole(
          db,
          { vaultId: vault.id, userId: actor.userId, role: role === "reader" ? "Reader" : "Operator" },
          owner,
        ),
      );
    }
    const jobs = await db.job.findMany({ where: { vaultId: vault.id }, select: { id: true } });
    const points = await db.recoveryPoint.findMany({ select: { id: true } });
    const operations = await db.armOperation.findMany({ select: { id: true } });
    context.params = {
      subscriptionId: [SUBSCRIPTION_ID],
      resourceGroupName: [RG, RG.toUpperCase()],
      vaultName: [VAULT, "vault-other"],
      policyName: ["DefaultPolicy", "MabDaily", "FuzzPolicy"],
      fabricName: ["Azure"],
      containerName: [vmItem.container, folderItem.container],
      protectedItemName: [vmItem.item, folderItem.item],
      operationId: [...operations.map((operation) => operation.id), randomUUID()],
      jobName: [...jobs.map((job) => job.id), randomUUID()],
      recoveryPointId: [...points.map((point) => point.id), "123"],
      vmName: [VM, "vm-fuzz02"],
    };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it(`answers ${REQUESTS} malformed requests (seed ${SEED}) without a 5xx, and /api/health within ${HEALTH_BOUND_MS} ms meanwhile`, async () => {
    const random = seeded(SEED);
    // All requests are drawn before any is sent, so the seed alone decides them.
    const requests = Array.from({ length: REQUESTS }, () => randomRequest(random, context));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const health = probeHealth(server.baseUrl);
    const deadline = Date.now() + FUZZ_BUDGET_MS;
    let sent = 0;
    const worker = async () => {
      while (sent < requests.length && Date.now() < deadline) {
        const request = requests[sent++];
        try {
          const response = await rawRequest(server.baseUrl, request);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500)
            failures.push(`${response.status} for ${request.label}: ${response.text.slice(0, 200)}`);
        } catch (error) {
          // A server may close the connection of a body it refused (413) while the client still sends.
          if (!/EPIPE|ECONNRESET/.test(String(error)) || (request.body?.length ?? 0) < 1_000_000)
            failures.push(`no answer for ${request.label}: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await health.stop();

    console.info(
      `fuzz seed ${SEED}: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, health: ${health.seen.probes} probes, slowest ${health.seen.slowestMs.toFixed(0)} ms`,
    );
    expect(failures, `seed ${SEED} (FUZZ_SEED=${SEED} replays it)`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(REQUESTS, 200));
    expect(health.seen.failures).toEqual([]);
    expect(health.seen.slowestMs).toBeLessThan(HEALTH_BOUND_MS);
  });
});
