import { expect, it } from "vitest";
import { DEFAULT_POLICY_NAME } from "@/lib/domain/policy/defaults";
import { createVault, deleteVault, listPinnedVaults, listVaults, setVaultPinned } from "@/lib/server/services/vaults";
import { systemActor } from "@/lib/server/auth/authorize";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");

const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";
const validVault = { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-test", name: "vault-test", location: "westeurope" };

describeOnDatabases("vault services", (database) => {
  it("creates a vault with Azure's defaults and its DefaultPolicy in one go", async () => {
    const { db } = database();
    const result = await createVault(db, validVault, OWNER);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const vault = await db.vault.findUniqueOrThrow({ where: { id: result.data.id }, include: { policies: true } });
    expect(vault).toMatchObject({ storageRedundancy: "GeoRedundant", softDeleteState: "Enabled", softDeleteRetentionDays: 14, nameKey: "vault-test" });
    expect(vault.policies).toHaveLength(1);
    expect(vault.policies[0]).toMatchObject({ name: DEFAULT_POLICY_NAME, backupManagementType: "AzureIaasVM", policyType: "V1", timeZone: "UTC" });
    expect(vault.policies[0].properties).toMatchObject({
      instantRpRetentionRangeInDays: 2,
      retentionPolicy: { dailySchedule: { retentionDuration: { count: 30, durationType: "Days" } } },
    });
  });

  it("returns every invalid field's reason and writes nothing", async () => {
    const { db } = database();
    const before = await db.vault.count();
    const result = await createVault(db, { subscriptionId: "not-a-guid", resourceGroup: "rg.", name: "9vault", location: "mars", softDeleteRetentionDays: "200" }, OWNER);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["location", "name", "resourceGroup", "softDeleteRetentionDays", "subscriptionId"]);
    expect(result.fieldErrors?.name?.[0]).toMatch(/starts with a letter/);
    expect(await db.vault.count()).toBe(before);
  });

  it("refuses a second vault of the same name in the resource group, whatever the case", async () => {
    const { db } = database();
    const before = await db.backupPolicy.count();
    const result = await createVault(db, { ...validVault, name: "VAULT-TEST" }, OWNER);
    expect(result).toMatchObject({ ok: false, code: "Conflict" });
    expect(await db.backupPolicy.count()).toBe(before);
    expect((await createVault(db, { ...validVault, resourceGroup: "rg-other", name: "VAULT-TEST" }, OWNER)).ok).toBe(true);
  });

  it("pins and unpins vaults on the dashboard", async () => {
    const { db } = database();
    const [vault] = await listVaults(db, OWNER);
    expect((await setVaultPinned(db, vault.id, true, OWNER)).ok).toBe(true);
    expect((await setVaultPinned(db, vault.id, true, OWNER)).ok).toBe(true);
    expect((await listPinnedVaults(db, new Date(), OWNER)).map((tile) => tile.id)).toEqual([vault.id]);
    expect((await listVaults(db, OWNER)).find((row) => row.id === vault.id)?.pinned).toBe(true);
    await setVaultPinned(db, vault.id, false, OWNER);
    expect(await listPinnedVaults(db, new Date(), OWNER)).toEqual([]);
    expect(await setVaultPinned(db, "missing", true, OWNER)).toMatchObject({ ok: false, code: "ResourceNotFound" });
  });

  it("deletes only with the exact name, and never while the vault holds items", async () => {
    const { db } = database();
    const created = await createVault(db, { ...validVault, name: "vault-doomed" }, OWNER);
    if (!created.ok) throw new Error(created.message);
    const vaultId = created.data.id;
    expect(await deleteVault(db, { vaultId, confirmName: "vault-doome" }, OWNER)).toMatchObject({ ok: false, fieldErrors: { confirmName: [expect.stringContaining("vault-doomed")] } });

    const vm = await db.virtualMachine.create({
      data: { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-test", name: "vm-1", location: "westeurope", osType: "Linux", sizeGb: 10, dailyChangeRatePercent: 1 },
    });
    const item = await db.protectedItem.create({
      data: { vaultId, backupManagementType: "AzureIaasVM", virtualMachineId: vm.id, friendlyName: "vm-1", containerName: "c", itemName: "i", deletedAt: new Date() },
    });
    const refused = await deleteVault(db, { vaultId, confirmName: "vault-doomed" }, OWNER);
    expect(refused).toMatchObject({ ok: false, code: "ServiceResourceNotEmpty" });
    expect(refused.ok ? "" : refused.message).toMatch(/soft-deleted ones included/);
    expect(await db.vault.count({ where: { id: vaultId } })).toBe(1);

    await db.protectedItem.delete({ where: { id: item.id } });
    await setVaultPinned(db, vaultId, true, OWNER);
    expect(await deleteVault(db, { vaultId, confirmName: "vault-doomed" }, OWNER)).toEqual({ ok: true, data: { name: "vault-doomed" } });
    expect(await db.vault.count({ where: { id: vaultId } })).toBe(0);
    expect(await db.backupPolicy.count({ where: { vaultId } })).toBe(0);
    expect(await db.dashboardPin.count({ where: { vaultId } })).toBe(0);
  });
});
