// One door to a vault (issue #14): every page, download, REST path and server action of the
// production build, taken from the build's own manifests (not a hand-kept list), called by a user
// with no role and by a user with a role on another vault only. None answers with the vault's data
// or changes it; vault pages and downloads answer 404, the REST API 403/404.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { assignRole } from "@/lib/server/services/access";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";
import { apiUser } from "./api-users";
import { type PortalServer, startPortalServer } from "./portal-server";

/** Pages and route handlers of the build: "/(portal)/vaults/[vaultId]/jobs/page" → "/vaults/[vaultId]/jobs". */
function buildRoutes() {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((route) => !route.startsWith("/_"))
    .map((route) => {
      const template = route.replace(/\/(page|route)$/, "").replace(/\/\([^)]+\)/g, "") || "/";
      return { route, template };
    });
}

/** Server actions of the build with their module and name, and whether they take a form's FormData. */
function buildActions() {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, action]) => {
    const source = readFileSync(action.filename, "utf8");
    const signature = new RegExp(`export async function ${action.exportedName}\\(([^)]*)\\)`).exec(source)?.[1] ?? "";
    const page = Object.keys(action.workers).find((worker) => worker.endsWith("/page")) ?? "app/(portal)/(home)/page";
    return { id, name: action.exportedName, takesForm: signature.includes("FormData"), page: page.replace(/^app/, "") };
  });
}

/** React's encoding of a server action's arguments: JSON, or multipart when one is a FormData ("$K1" names the fields prefixed "1_"). */
function actionBody(
  takesForm: boolean,
  input: Record<string, unknown>,
): { body: string | FormData; headers: Record<string, string> } {
  if (!takesForm) return { body: JSON.stringify([input]), headers: { "content-type": "text/plain;charset=UTF-8" } };
  const form = new FormData();
  form.append("0", JSON.stringify([{}, "$K1"]));
  for (const [key, value] of Object.entries(input))
    form.append(`1_${key}`, typeof value === "string" ? value : JSON.stringify(value));
  return { body: form, headers: {} };
}

describeOnDatabases(
  "every route and server action of the build, for users without a role on the vault",
  (database) => {
    let server: PortalServer;
    let db: Db;
    const callers: Record<"noRole" | "otherVault", string> = { noRole: "", otherVault: "" };
    let ownerToken = "";
    let vault = { id: "", name: "", subscriptionId: "", resourceGroup: "" };
    let ids: Record<string, string> = {};
    let markers: string[] = [];

    /** What the vault holds that no outsider should see or change, as one comparable text. */
    const vaultState = async () =>
      JSON.stringify(
        await db.vault.findUniqueOrThrow({
          where: { id: vault.id },
          include: {
            protectedItems: { orderBy: { id: "asc" }, include: { recoveryPoints: { orderBy: { id: "asc" } } } },
            policies: { orderBy: { id: "asc" } },
            jobs: { orderBy: { id: "asc" } },
            roleAssignments: { orderBy: { userId: "asc" } },
          },
        }),
        (_key, value) => (typeof value === "bigint" ? value.toString() : value),
      );

    beforeAll(async () => {
      db = database().db;
      const prod = await db.vault.findFirstOrThrow({
        where: { name: "vault-prod-weu" },
        include: { protectedItems: true, policies: true },
      });
      vault = prod;
      const job = await db.job.findFirstOrThrow({ where: { vaultId: prod.id } });
      const item = prod.protectedItems.find((candidate) => candidate.backupManagementType === "AzureIaasVM")!;
      ids = { vaultId: prod.id, itemId: item.id, policyId: prod.policies[0].id, jobId: job.id, type: "AzureIaasVM" };
      markers = [prod.name, ...prod.protectedItems.map((candidate) => candidate.friendlyName)];

      const owner = systemActor("owner@access.test");
      const neighbour = await createVault(
        db,
        {
          subscriptionId: prod.subscriptionId,
          resourceGroup: "rg-neighbour",
          name: "vault-neighbour",
          location: "westeurope",
        },
        owner,
      );
      if (!neighbour.ok) throw new Error(neighbour.message);
      for (const [key, role] of [
        ["noRole", null],
        ["otherVault", "Contributor"],
      ] as const) {
        const actor: Actor = { userId: `access-${key}`, email: `${key}@access.test`, name: key, isOwner: false };
        callers[key] = await apiUser(db, actor);
        if (role) {
          const assigned = await assignRole(db, { vaultId: neighbour.data.id, userId: actor.userId, role }, owner);
          if (!assigned.ok) throw new Error(assigned.message);
        }
      }
      ownerToken = await apiUser(db, {
        userId: "access-owner",
        email: "owner@access.test",
        name: "Owner",
        isOwner: true,
      });
      server = await startPortalServer(database().url);
    });

    afterAll(async () => {
      await server?.stop();
    });

    const fill = (template: string) =>
      template
        .replace(
          /\[\.\.\.path\]/,
          `subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}`,
        )
        .replace(/\[(\w+)\]/g, (_match, name: string) => ids[name] ?? name);

    /** `named`: what the request itself named (a REST path names the vault), which an error may echo. */
    const expectNoVaultData = (text: string, what: string, named: string[] = []) => {
      for (const marker of markers.filter((candidate) => !named.includes(candidate)))
        expect(text.includes(marker), `${what} shows '${marker}'`).toBe(false);
    };

    it("pages, downloads and the REST API answer 404/403 and show nothing of the vault", async () => {
      const routes = buildRoutes();
      expect(routes.length).toBeGreaterThan(25);
      const before = await vaultState();
      for (const [who, token] of Object.entries(callers)) {
        for (const { template } of routes) {
          if (template.startsWith("/api/auth")) continue; // better-auth's own endpoints: sign-in, no vault in them
          const paths =
            template === "/api/arm/[...path]"
              ? ["", "/backupPolicies", "/backupProtectedItems", "/backupJobs", "/backupPolicies/DefaultPolicy"].map(
                  (suffix) => `${fill(template)}${suffix}?api-version=2025-02-01`,
                )
              : [fill(template)];
          for (const path of paths) {
            const response = await fetch(server.baseUrl + path, {
              headers: { authorization: `Bearer ${token}` },
              redirect: "manual",
            });
            const text = await response.text();
            const what = `${who} GET ${path} (${response.status})`;
            expect(response.status, what).toBeLessThan(500);
            if (template.includes("[vaultId]") || template.startsWith("/api/arm")) {
              expect([403, 404], what).toContain(response.status);
            }
            expectNoVaultData(text, what, template.startsWith("/api/arm") ? [vault.name] : []);
          }
        }
      }
      expect(await vaultState()).toBe(before);
    });

    it("every server action refuses without changing the vault or showing its data", async () => {
      const actions = buildActions();
      expect(actions.length).toBeGreaterThan(25);
      const before = await vaultState();
      const input = {
        ...ids,
        name: "access-probe",
        confirmName: "web-02",
        policy: {},
        retainTill: "2099-01-01",
        mode: "retain",
        role: "Contributor",
        userId: "access-noRole",
        disabled: true,
        sourceIds: [ids.itemId],
        backupManagementType: "AzureIaasVM",
        softDeleteState: "Disabled",
        softDeleteRetentionDays: 14,
        confirmRemoval: true,
        pinned: true,
      };
      for (const [who, token] of Object.entries(callers)) {
        for (const action of actions) {
          if (action.name === "signOutAction") continue; // ends the caller's own session, nothing else
          const { body, headers } = actionBody(action.takesForm, input);
          const page = fill(action.page.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "")) || "/";
          const response = await fetch(server.baseUrl + page, {
            method: "POST",
            headers: {
              ...headers,
              authorization: `Bearer ${token}`,
              "next-action": action.id,
              origin: server.baseUrl,
              accept: "text/x-component",
            },
            body,
            redirect: "manual",
          });
          const text = await response.text();
          const what = `${who} ${action.name} via ${page} (${response.status})`;
          expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
          // The action ran and answered (a refusal, or the caller's own change such as an API token).
          expect(text, what).toContain('"ok":');
          expectNoVaultData(text, what);
        }
      }
      expect(await vaultState()).toBe(before);
    });

    it("every server action answers arguments that aren't what its form sends (none, null, a string) with a refusal, never a 500, even for the Owner", async () => {
      const before = await vaultState();
      for (const action of buildActions()) {
        if (action.name === "signOutAction") continue;
        const page = fill(action.page.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "")) || "/";
        for (const args of [[], [null], [null, null], ["text", "text"]]) {
          for (const token of [ownerToken, callers.noRole]) {
            const response = await fetch(server.baseUrl + page, {
              method: "POST",
              headers: {
                "content-type": "text/plain;charset=UTF-8",
                authorization: `Bearer ${token}`,
                "next-action": action.id,
                origin: server.baseUrl,
                accept: "text/x-component",
              },
              body: JSON.stringify(args),
              redirect: "manual",
            });
            const text = await response.text();
            expect(response.status, `${action.name}(${JSON.stringify(args)}): ${text.slice(0, 300)}`).toBeLessThan(500);
            expect(text, `${action.name}(${JSON.stringify(args)})`).toContain('"ok":false');
          }
        }
      }
      expect(await vaultState()).toBe(before);
    });
  },
  "demo",
);
