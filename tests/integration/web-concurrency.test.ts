// npm start serves from one process per core (scripts/serve.mjs), the engine in one of them. Work
// created in a process without the engine runs at once all the same: its signal reaches the
// engine's process through the cluster (lib/server/process-signals.ts). The engine of these
// servers ticks only at New Year, so a Backup now that waited for a tick would stay In progress.
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_POLICY_NAME } from "@/lib/domain/policy/defaults";
import { itemArmId } from "@/lib/server/arm/resources";
import type { Actor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { addVirtualMachine } from "@/lib/server/services/inventory";
import { configureBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { okData, SUBSCRIPTION_ID } from "./azure-sdk-clients";
import { describeOnDatabases } from "./databases";
import { apiUser } from "./api-users";
import { type PortalServer, startPortalServer } from "./portal-server";
import { rawRequest } from "./raw-http";

const VMS = 6;
const COMPLETED_WITHIN_MS = 30_000;

describeOnDatabases("the portal served by two processes", (database) => {
  let db: Db;
  let server: PortalServer;
  let token: string;
  let backups: Array<{ itemId: string; path: string }>;
  const owner: Actor = { userId: "wc-owner", email: "owner@wc.test", name: "Wendy Owner", isOwner: true };

  beforeAll(async () => {
    db = database().db;
    token = await apiUser(db, owner);
    const name = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: "rg-wc", name: "vault-wc" };
    const vault = okData(await createVault(db, { ...name, location: "westeurope" }, owner));
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId: vault.id, name: DEFAULT_POLICY_NAME } });
    const vms = [];
    for (let index = 0; index < VMS; index++)
      vms.push(
        okData(
          await addVirtualMachine(
            db,
            {
              subscriptionId: SUBSCRIPTION_ID,
              resourceGroup: "rg-wc",
              name: `vm-wc-${index}`,
              location: "westeurope",
              osType: "Linux",
              sizeGb: 8,
              dailyChangeRatePercent: 1,
            },
            owner,
          ),
        ),
      );
    const configured = okData(
      await configureBackup(
        db,
        {
          vaultId: vault.id,
          backupManagementType: "AzureIaasVM",
          sourceIds: vms.map((vm) => vm.id),
          policyId: policy.id,
        },
        owner,
      ),
    );
    const items = await db.protectedItem.findMany({ where: { id: { in: configured.itemIds } } });
    backups = items.map((item) => ({
      itemId: item.id,
      path: `/api/arm${itemArmId(name, item)}/backup?api-version=2025-02-01`,
    }));
    server = await startPortalServer(database().url, { WEB_CONCURRENCY: "2" });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("answers from two processes, the engine running in one of them", async () => {
    const engineHere = new Set<boolean>();
    // One request per connection: the cluster hands connections to its processes in turn.
    for (const deadline = Date.now() + COMPLETED_WITHIN_MS; engineHere.size < 2 && Date.now() < deadline;) {
      const health = await rawRequest(server.baseUrl, { path: "/api/health" });
      expect(health.status).toBe(200);
      engineHere.add((JSON.parse(health.text) as { engine: { running: boolean } }).engine.running);
    }
    expect(engineHere).toEqual(new Set([true, false]));
  });

  it("runs every Backup now at once, whichever process took the request", async () => {
    // One at a time, each on a connection of its own: the engine is idle when the next request
    // comes, so only the signal can start it (it would otherwise find the job at New Year).
    for (const { itemId, path } of backups) {
      const answer = await rawRequest(server.baseUrl, {
        method: "POST",
        path,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ properties: { objectType: "IaasVMBackupRequest" } }),
      });
      expect(answer.status, answer.text).toBe(202);
      let status = "";
      for (const deadline = Date.now() + COMPLETED_WITHIN_MS; Date.now() < deadline;) {
        status = (await db.job.findFirstOrThrow({ where: { protectedItemId: itemId, operation: "Backup" } })).status;
        if (status !== "InProgress") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe("Completed");
    }
  });
});
