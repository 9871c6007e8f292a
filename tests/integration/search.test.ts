// The top bar's search finds vaults, backup items and policies by any part of their names, in any
// case, and only in the vaults the user can see.
import { beforeAll, expect, it } from "vitest";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { assignRole } from "@/lib/server/services/access";
import { searchResources } from "@/lib/server/services/search";
import { createVault } from "@/lib/server/services/vaults";
import { virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@search.test");

describeOnDatabases("the top bar's search", (database) => {
  let db: Db;
  const reader: Actor = { userId: "search-reader", email: "reader@search.test", name: "Reader", isOwner: false };

  beforeAll(async () => {
    db = database().db;
    const vaultIds: string[] = [];
    for (const [name, vmName] of [
      ["vault-Search-West", "Payroll-DB-West"],
      ["vault-search-east", "Payroll-DB-East"],
    ]) {
      const vault = await createVault(
        db,
        {
          subscriptionId: "11111111-2222-4333-8444-555555555555",
          resourceGroup: "rg-search",
          name,
          location: "westeurope",
        },
        OWNER,
      );
      if (!vault.ok) throw new Error(vault.message);
      vaultIds.push(vault.data.id);
      const vm = await db.virtualMachine.create({
        data: {
          subscriptionId: "11111111-2222-4333-8444-555555555555",
          resourceGroup: "rg-search",
          name: vmName,
          location: "westeurope",
          osType: "Linux",
          sizeGb: 32,
          dailyChangeRatePercent: 3,
        },
      });
      await db.protectedItem.create({
        data: {
          vaultId: vault.data.id,
          backupManagementType: "AzureIaasVM",
          virtualMachineId: vm.id,
          friendlyName: vm.name,
          ...virtualMachineBackupNames("rg-search", vm.name),
        },
      });
    }
    await db.user.create({ data: { id: reader.userId, name: reader.name, email: reader.email, role: "user" } });
    const assigned = await assignRole(db, { vaultId: vaultIds[0], userId: reader.userId, role: "Reader" }, OWNER);
    if (!assigned.ok) throw new Error(assigned.message);
  });

  it("finds vaults, items and policies by any part of their names, whatever the case", async () => {
    const found = await searchResources(db, OWNER, "SEARCH");
    expect(found.filter((result) => result.kind === "Recovery Services vault").map((result) => result.name)).toEqual([
      "vault-search-east",
      "vault-Search-West",
    ]);
    const items = await searchResources(db, OWNER, "payroll-db");
    expect(items.map((result) => [result.kind, result.name])).toEqual([
      ["Backup item", "Payroll-DB-East"],
      ["Backup item", "Payroll-DB-West"],
    ]);
    expect(items[0].href).toMatch(/^\/vaults\/[^/]+\/items\/AzureIaasVM\/[^/]+$/);
    const policies = await searchResources(db, OWNER, "defaultpolicy");
    expect(policies.filter((result) => result.kind === "Backup policy")).toHaveLength(2);
  });

  it("shows a user only what their vaults hold, and nothing for an empty or overlong search", async () => {
    // "search" is in the vaults' names and in the items' resource group (rg-search).
    const found = await searchResources(db, reader, "search");
    expect(found.map((result) => result.name)).toEqual(["vault-Search-West", "Payroll-DB-West"]);
    expect((await searchResources(db, reader, "payroll")).map((result) => result.name)).toEqual(["Payroll-DB-West"]);
    expect(await searchResources(db, reader, "   ")).toEqual([]);
    expect(await searchResources(db, OWNER, "x".repeat(101))).toEqual([]);
  });
});
