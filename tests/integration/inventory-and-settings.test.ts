import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/server/db";
import {
  addFolder,
  addServer,
  addVirtualMachine,
  markVirtualMachineDeleted,
  registerServer,
  removeServer,
  removeVirtualMachine,
} from "@/lib/server/services/inventory";
import { configureBackup, listProtectableSources, stopBackup } from "@/lib/server/services/protection";
import { createVault, updateSoftDeleteSettings } from "@/lib/server/services/vaults";
import { systemActor } from "@/lib/server/auth/authorize";
import { describeOnDatabases } from "./databases";

const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";
const ACTOR = systemActor("admin@contoso.com");
let sequence = 0;

async function inventorySnapshot(db: Db) {
  const [vms, servers, folders, jobs, vaults] = await Promise.all([
    db.virtualMachine.findMany({ orderBy: { id: "asc" } }),
    db.backupAgentServer.findMany({ orderBy: { id: "asc" } }),
    db.fileFolderSource.findMany({ orderBy: { id: "asc" } }),
    db.job.count(),
    db.vault.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { vms, servers, folders, jobs, vaults };
}

async function newVault(db: Db) {
  const vault = await createVault(
    db,
    {
      subscriptionId: SUBSCRIPTION,
      resourceGroup: "rg-inventory",
      name: `vault-inventory-${++sequence}`,
      location: "westeurope",
    },
    ACTOR,
  );
  if (!vault.ok) throw new Error(vault.message);
  return vault.data;
}

describeOnDatabases("inventory and vault settings", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("adds VMs, servers and folders, refusing invalid or duplicate ones field by field without changing anything", async () => {
    const vm = await addVirtualMachine(
      db,
      {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-inv",
        name: "vm-inv-1",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 32,
        dailyChangeRatePercent: 2,
      },
      ACTOR,
    );
    expect(vm).toMatchObject({ ok: true, data: { name: "vm-inv-1" } });
    const server = await addServer(db, { name: "FS-INV.contoso.com", osType: "Windows Server 2022" }, ACTOR);
    expect(server).toMatchObject({ ok: true, data: { name: "fs-inv.contoso.com" } });
    if (!server.ok) return;
    expect(
      (
        await addFolder(
          db,
          { serverId: server.data.id, path: "D:\\Inventory", sizeGb: 5, dailyChangeRatePercent: 1 },
          ACTOR,
        )
      ).ok,
    ).toBe(true);

    const before = await inventorySnapshot(db);
    const refusals: Array<[Promise<unknown>, Record<string, string[]>]> = [
      [
        addVirtualMachine(
          db,
          {
            subscriptionId: SUBSCRIPTION,
            resourceGroup: "rg-inv",
            name: "VM-INV-1",
            location: "westeurope",
            osType: "Linux",
            sizeGb: 32,
            dailyChangeRatePercent: 2,
          },
          ACTOR,
        ),
        { name: ["A virtual machine named 'VM-INV-1' already exists in rg-inv."] },
      ],
      [
        addVirtualMachine(
          db,
          {
            subscriptionId: "nope",
            resourceGroup: "rg-inv",
            name: "vm-",
            location: "mars" as never,
            osType: "BeOS" as never,
            sizeGb: 0,
            dailyChangeRatePercent: 101,
          },
          ACTOR,
        ),
        {
          subscriptionId: ["Enter a subscription ID (a GUID)."],
          name: ["1 to 64 letters, digits, hyphens, underscores or periods; not ending with a period or hyphen."],
          location: ["Choose a region."],
          osType: ["Choose Windows or Linux."],
          sizeGb: ["Between 1 and 65,536 GB."],
          dailyChangeRatePercent: ["Between 0 and 100 %."],
        },
      ],
      [
        addServer(db, { name: "fs-inv.contoso.com", osType: "Windows Server 2022" }, ACTOR),
        { name: ["A server named 'fs-inv.contoso.com' exists already."] },
      ],
      [
        addServer(db, { name: "not a server!", osType: "" }, ACTOR),
        { name: ["Enter the server's name, such as fs01.contoso.com."], osType: ["Enter the operating system."] },
      ],
      [
        addFolder(db, { serverId: server.data.id, path: "d:\\inventory", sizeGb: 5, dailyChangeRatePercent: 1 }, ACTOR),
        { path: ["fs-inv.contoso.com has d:\\inventory already."] },
      ],
      [
        addFolder(db, { serverId: server.data.id, path: "/home/data", sizeGb: -1, dailyChangeRatePercent: 1 }, ACTOR),
        { path: ["Enter a folder path such as D:\\Data."], sizeGb: ["More than 0 GB."] },
      ],
    ];
    for (const [result, fieldErrors] of refusals) expect(await result).toMatchObject({ ok: false, fieldErrors });
    expect(await inventorySnapshot(db)).toEqual(before);
  });

  it("registers a server once, with a Register job; only registered folders are offered, and a soft-deleted source is blocked", async () => {
    const vault = await newVault(db);
    const server = await addServer(
      db,
      { name: `fs-reg-${sequence}.contoso.com`, osType: "Windows Server 2019" },
      ACTOR,
    );
    if (!server.ok) throw new Error(server.message);
    const folder = await addFolder(
      db,
      { serverId: server.data.id, path: "E:\\Projects", sizeGb: 3, dailyChangeRatePercent: 1 },
      ACTOR,
    );
    if (!folder.ok) throw new Error(folder.message);
    expect(await listProtectableSources(db, vault.id, "MAB")).toEqual([]);
    expect(await registerServer(db, { serverId: server.data.id, vaultId: vault.id }, ACTOR)).toMatchObject({
      ok: true,
      data: { vaultName: vault.name },
    });
    expect(await db.job.findFirst({ where: { vaultId: vault.id, operation: "Register" } })).toMatchObject({
      entityFriendlyName: server.data.name,
      initiatedBy: ACTOR.email,
      status: "Completed",
    });
    expect(await registerServer(db, { serverId: server.data.id, vaultId: vault.id }, ACTOR)).toMatchObject({
      ok: false,
      code: "Conflict",
    });
    expect(
      (await listProtectableSources(db, vault.id, "MAB")).map((source) => [source.name, source.blockedBecause]),
    ).toEqual([["E:\\Projects", null]]);

    const policy = await db.backupPolicy.create({
      data: {
        vaultId: vault.id,
        name: "Files",
        nameKey: "files",
        backupManagementType: "MAB",
        timeZone: "UTC",
        properties: {},
      },
    });
    const configured = await configureBackup(
      db,
      { vaultId: vault.id, backupManagementType: "MAB", sourceIds: [folder.data.id], policyId: policy.id },
      ACTOR,
    );
    if (!configured.ok) throw new Error(configured.message);
    expect(await listProtectableSources(db, vault.id, "MAB")).toEqual([]);
    expect(
      (
        await stopBackup(
          db,
          { vaultId: vault.id, itemId: configured.data.itemIds[0], mode: "delete", confirmName: "E:\\Projects" },
          ACTOR,
        )
      ).ok,
    ).toBe(true);
    const [blocked] = await listProtectableSources(db, vault.id, "MAB");
    expect(blocked.blockedBecause).toBe(
      `Its backup item is soft-deleted in ${vault.name}: undelete it there, or wait for the purge.`,
    );
    // A server with backup items (soft-deleted too) stays; without, it goes with its folders.
    expect(await removeServer(db, { id: server.data.id }, ACTOR)).toMatchObject({ ok: false, code: "Conflict" });
    await db.recoveryPoint.deleteMany({ where: { protectedItemId: configured.data.itemIds[0] } });
    await db.protectedItem.delete({ where: { id: configured.data.itemIds[0] } });
    expect(await removeServer(db, { id: server.data.id }, ACTOR)).toMatchObject({
      ok: true,
      data: { name: server.data.name },
    });
    expect(await db.fileFolderSource.count({ where: { id: folder.data.id } })).toBe(0);
  });

  it("marks a VM deleted behind backup's back, and removes only VMs without a backup item", async () => {
    const vault = await newVault(db);
    const protectedVm = await addVirtualMachine(
      db,
      {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-inv",
        name: `vm-gone-${sequence}`,
        location: "westeurope",
        osType: "Windows",
        sizeGb: 16,
        dailyChangeRatePercent: 1,
      },
      ACTOR,
    );
    const spareVm = await addVirtualMachine(
      db,
      {
        subscriptionId: SUBSCRIPTION,
        resourceGroup: "rg-inv",
        name: `vm-spare-${sequence}`,
        location: "westeurope",
        osType: "Windows",
        sizeGb: 16,
        dailyChangeRatePercent: 1,
      },
      ACTOR,
    );
    if (!protectedVm.ok || !spareVm.ok) throw new Error("VMs");
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId: vault.id } });
    expect(
      (
        await configureBackup(
          db,
          {
            vaultId: vault.id,
            backupManagementType: "AzureIaasVM",
            sourceIds: [protectedVm.data.id],
            policyId: policy.id,
          },
          ACTOR,
        )
      ).ok,
    ).toBe(true);
    expect(await removeVirtualMachine(db, { id: protectedVm.data.id }, ACTOR)).toMatchObject({
      ok: false,
      code: "Conflict",
    });
    const now = new Date("2026-11-20T10:00:00Z");
    expect(await markVirtualMachineDeleted(db, { id: protectedVm.data.id }, ACTOR, now)).toMatchObject({ ok: true });
    expect(await markVirtualMachineDeleted(db, { id: protectedVm.data.id }, ACTOR, now)).toMatchObject({
      ok: false,
      code: "Conflict",
    });
    expect((await db.virtualMachine.findUniqueOrThrow({ where: { id: protectedVm.data.id } })).deletedAt).toEqual(now);
    expect((await listProtectableSources(db, vault.id, "AzureIaasVM")).map((source) => source.name)).toContain(
      spareVm.data.name,
    );
    expect((await listProtectableSources(db, vault.id, "AzureIaasVM")).map((source) => source.name)).not.toContain(
      protectedVm.data.name,
    );
    expect(await removeVirtualMachine(db, { id: spareVm.data.id }, ACTOR)).toMatchObject({ ok: true });
    expect(await db.virtualMachine.findUnique({ where: { id: spareVm.data.id } })).toBeNull();
  });

  it("changes soft delete settings; weakening them needs the vault's name, and always-on can't be turned off", async () => {
    const vault = await newVault(db);
    const settings = async () =>
      db.vault.findUniqueOrThrow({
        where: { id: vault.id },
        select: { softDeleteState: true, softDeleteRetentionDays: true },
      });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "Enabled", softDeleteRetentionDays: 60 },
        ACTOR,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "Enabled", softDeleteRetentionDays: 30 },
        ACTOR,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { confirmName: [`Type '${vault.name}' to confirm.`] } });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "Disabled", softDeleteRetentionDays: 60, confirmName: "wrong" },
        ACTOR,
      ),
    ).toMatchObject({ ok: false, code: "BadRequest" });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "Enabled", softDeleteRetentionDays: 181 },
        ACTOR,
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { softDeleteRetentionDays: ["Soft delete keeps data 14 to 180 days."] },
    });
    expect(await settings()).toEqual({ softDeleteState: "Enabled", softDeleteRetentionDays: 60 });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "Enabled", softDeleteRetentionDays: 30, confirmName: vault.name },
        ACTOR,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "AlwaysON", softDeleteRetentionDays: 30 },
        ACTOR,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await updateSoftDeleteSettings(
        db,
        { vaultId: vault.id, softDeleteState: "Disabled", softDeleteRetentionDays: 30, confirmName: vault.name },
        ACTOR,
      ),
    ).toMatchObject({ ok: false, code: "BMSUserErrorSoftDeleteAlwaysOn" });
    expect(await settings()).toEqual({ softDeleteState: "AlwaysON", softDeleteRetentionDays: 30 });
  });
});
