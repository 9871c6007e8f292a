import { expect, it } from "vitest";
import { DEFAULT_POLICY_NAME } from "@/lib/domain/policy/defaults";
import { createVault, deleteVault, listPinnedVaults, listVaults, setVaultPinned } from "@/lib/server/services/vaults";
import { OWNER_ROLE } from "@/lib/server/auth/auth";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");

/** A signed-in user (pins are per user; the system actor is none). */
async function signedIn(db: Db, id: string, isOwner: boolean): Promise<Actor> {
  const user = await db.user.create({
    data: { id, name: id, email: `${id}@contoso.com`, role: isOwner ? OWNER_ROLE : "user" },
  });
  return { userId: user.id, email: user.email, name: user.name, isOwner };
}

const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";
const validVault = {
  subscriptionId: SUBSCRIPTION,
  resourceGroup: "rg-test",
  name: "vault-test",
  location: "westeurope",
};

describeOnDatabases("vault services", (database) => {
  it("creates a vault with Azure's defaults and its DefaultPolicy in one go", async () => {
    const { db } = database();
    const result = await createVault(db, validVault, OWNER);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const vault = await db.vault.findUniqueOrThrow({ where: { id: result.data.id }, include: { policies: true } });
    expect(vault).toMatchObject({
      storageRedundancy: "GeoRedundant",
      softDeleteState: "Enabled",
      softDeleteRetentionDays: 14,
      nameKey: "vault-test",
    });
    expect(vault.policies).toHaveLength(1);
    expect(vault.policies[0]).toMatchObject({
      name: DEFAULT_POLICY_NAME,
      backupManagementType: "AzureIaasVM",
      policyType: "V1",
      timeZone: "UTC",
    });
    expect(vault.policies[0].properties).toMatchObject({
      instantRpRetentionRangeInDays: 2,
      retentionPolicy: { dailySchedule: { retentionDuration: { count: 30, durationType: "Days" } } },
    });
  });

  it("returns every invalid field's reason and writes nothing", async () => {
    const { db } = database();
    const before = await db.vault.count();
    const result = await createVault(
      db,
      {
        subscriptionId: "not-a-guid",
        resourceGroup: "rg.",
        name: "9vault",
        location: "mars",
        softDeleteRetentionDays: "200",
      },
      OWNER,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
      "location",
      "name",
      "resourceGroup",
      "softDeleteRetentionDays",
      "subscriptionId",
    ]);
    expect(result.fieldErrors?.name?.[0]).toMatch(/starts with a letter/);
    expect(await db.vault.count()).toBe(before);
  });

  it("refuses a second vault of the same name in the resource group, whatever the case", async () => {
    const { db } = database();
    const before = await db.backupPolicy.count();
    const result = await createVault(db, { ...validVault, name: "VAULT-TEST" }, OWNER);
    expect(result).toMatchObject({ ok: false, code: "Conflict" });
    expect(await db.backupPolicy.count()).toBe(before);
    expect((await createVault(db, { ...validVault, resourceGroup: "rg-other", name: "VAULT-TEST" }, OWNER)).ok).toBe(
      true,
    );
  });

  it("pins vaults to each user's own dashboard: a Reader's pins don't change the Owner's", async () => {
    const { db } = database();
    const [owner, reader] = [await signedIn(db, "owner-pins", true), await signedIn(db, "reader-pins", false)];
    const [a, b] = await Promise.all(
      ["vault-pins-a", "vault-pins-b"].map((name) => createVault(db, { ...validVault, name }, OWNER)),
    );
    if (!a.ok || !b.ok) throw new Error("vaults");
    for (const vault of [a, b])
      await db.vaultRoleAssignment.create({ data: { userId: reader.userId, vaultId: vault.data.id, role: "Reader" } });
    const pinned = async (actor: Actor) => (await listPinnedVaults(db, new Date(), actor)).map((tile) => tile.id);

    expect((await setVaultPinned(db, a.data.id, true, owner)).ok).toBe(true);
    expect((await setVaultPinned(db, a.data.id, true, owner)).ok).toBe(true);
    expect(await pinned(owner)).toEqual([a.data.id]);
    expect((await listVaults(db, owner)).find((row) => row.id === a.data.id)?.pinned).toBe(true);
    // The Reader pins b (twice at once: two tabs) and unpins a: the Owner's dashboard stays as it was.
    expect(
      await Promise.all([setVaultPinned(db, b.data.id, true, reader), setVaultPinned(db, b.data.id, true, reader)]),
    ).toEqual([
      { ok: true, data: { pinned: true } },
      { ok: true, data: { pinned: true } },
    ]);
    await setVaultPinned(db, a.data.id, false, reader);
    expect(await pinned(reader)).toEqual([b.data.id]);
    expect(await pinned(owner)).toEqual([a.data.id]);
    expect((await listVaults(db, owner)).find((row) => row.id === b.data.id)?.pinned).toBe(false);
    expect((await listVaults(db, reader)).map((row) => [row.id, row.pinned])).toEqual([
      [a.data.id, false],
      [b.data.id, true],
    ]);

    await setVaultPinned(db, a.data.id, false, owner);
    expect(await pinned(owner)).toEqual([]);
    expect(await pinned(reader)).toEqual([b.data.id]);
    expect(await setVaultPinned(db, "missing", true, owner)).toMatchObject({ ok: false, code: "ResourceNotFound" });
    // The portal acting for itself (seed, simulations) has no dashboard.
    expect(await setVaultPinned(db, a.data.id, true, OWNER)).toMatchObject({ ok: false, code: "BadRequest" });
  });

  it("deletes only with the exact name, and never while the vault holds items", async () => {
    const { db } = database();
    const created = await createVault(db, { ...validVault, name: "vault-doomed" }, OWNER);
    if (!created.ok) throw new Error(created.message);
    const vaultId = created.data.id;
    expect(await deleteVault(db, { vaultId, confirmName: "vault-doome" }, OWNER)).toMatchObject({
      ok: false,
      fieldErrors: { confirmName: [expect.stringContaining("vault-doomed")] },
    });

    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-test",
        name: "vm-1",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 10,
        dailyChangeRatePercent: 1,
      },
    });
    const item = await db.protectedItem.create({
      data: {
        vaultId,
        backupManagementType: "AzureIaasVM",
        virtualMachineId: vm.id,
        friendlyName: "vm-1",
        containerName: "c",
        itemName: "i",
        deletedAt: new Date(),
      },
    });
    const refused = await deleteVault(db, { vaultId, confirmName: "vault-doomed" }, OWNER);
    expect(refused).toMatchObject({ ok: false, code: "ServiceResourceNotEmpty" });
    expect(refused.ok ? "" : refused.message).toMatch(/soft-deleted ones included/);
    expect(await db.vault.count({ where: { id: vaultId } })).toBe(1);

    await db.protectedItem.delete({ where: { id: item.id } });
    expect(await setVaultPinned(db, vaultId, true, await signedIn(db, "owner-doomed", true))).toMatchObject({
      ok: true,
    });
    expect(await deleteVault(db, { vaultId, confirmName: "vault-doomed" }, OWNER)).toEqual({
      ok: true,
      data: { name: "vault-doomed" },
    });
    expect(await db.vault.count({ where: { id: vaultId } })).toBe(0);
    expect(await db.backupPolicy.count({ where: { vaultId } })).toBe(0);
    expect(await db.dashboardPin.count({ where: { vaultId } })).toBe(0);
  });
});
