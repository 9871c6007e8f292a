// Restores through the Azure-compatible REST API (POST …/recoveryPoints/{point}/restore) against
// the production build: Restore VM with IaasVMRestoreRequest, driven by the official Azure SDK (the
// three recovery types, their Restore jobs and what they make), and Recover Data of a Backup Agent
// folder with the portal's VaultPortalFileRecoveryRequest; every refusal changes nothing.
//
// The tests run in order and share one vault (vault-restore in rg-restore):
//   vm-rst01   protected and backed up; restored three ways
//   vm-rst02   protected and backed up; then deleted behind backup's back, then its item soft-deleted
//   C:\Data on fs-rst.contoso.com   a Backup Agent folder of a demo server (simulated: no files)
//   /srv/share on srv-rst.contoso.com   a folder of a server marked in the database as a real
//              agent's, with a point of a restic snapshot; no agent runs here (the agent's restores
//              are tested in backup-agent.test.ts), so its Restore jobs stay queued
//   srv-rst02.contoso.com   another real agent's server of the vault, to recover to
import type {
  AzureIaaSVMJob,
  IaasVMRecoveryPoint,
  IaasVMRestoreRequest,
  MabJob,
  OperationStatusJobExtendedInfo,
  RecoveryServicesBackupClient,
} from "@azure/arm-recoveryservicesbackup";
import { createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FileRecoveryDetails, FileRecoveryOutcome } from "@/lib/domain/restore/file-recovery";
import type { Actor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { assignRole } from "@/lib/server/services/access";
import { listInventory } from "@/lib/server/services/inventory";
import { configureBackup } from "@/lib/server/services/protection";
import {
  acceptedHeaders,
  armEndpoint,
  backupClient,
  collect,
  expectRestError,
  FAST_POLLING,
  type ItemNames,
  itemOperationSucceeds,
  MAB_DAILY,
  okData,
  operationIdOf,
  responseRecorder,
  SUBSCRIPTION_ID,
  vaultClient,
  vmNames,
  waitForJob,
} from "./azure-sdk-clients";
import { describeOnDatabases } from "./databases";
import { apiUser } from "./api-users";
import { type PortalServer, startPortalServer } from "./portal-server";

const RG = "rg-restore";
const VAULT = "vault-restore";
const FABRIC = "Azure";
const VAULT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}`;
const VM1 = vmNames("vm-rst01");
const VM2 = vmNames("vm-rst02");
const FOLDER = {
  container: "MabContainer;fs-rst.contoso.com",
  item: "FileFolder;fs-rst.contoso.com;C_Data",
  computerName: "fs-rst.contoso.com",
  friendlyName: "C:\\Data",
};

/** The real agent's server and folder (its item's ARM names are read from the database). */
const AGENT_SERVER = "srv-rst.contoso.com";
const OTHER_AGENT_SERVER = "srv-rst02.contoso.com";
const AGENT_FOLDER = "/srv/share";
const SNAPSHOT_ID = "3f4a".repeat(16);

/** The portal's file recovery request (docs/rest-api-contract.md, "Recover Data (files and folders)"). */
function fileRecoveryRequest(overrides: Record<string, unknown> = {}) {
  return {
    objectType: "VaultPortalFileRecoveryRequest",
    recoveryType: "OriginalLocation",
    items: [],
    copyOptions: "CreateCopy",
    ...overrides,
  };
}

const GROUP = (name: string) => `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${name}`;
const STAGING = `${GROUP("rg-staging")}/providers/Microsoft.Storage/storageAccounts/stagingwesteurope`;
const VNET = `${GROUP("rg-restored")}/providers/Microsoft.Network/virtualNetworks/vnet-restored`;
const vmId = (resourceGroup: string, name: string) =>
  `${GROUP(resourceGroup)}/providers/Microsoft.Compute/virtualMachines/${name}`;

/** Azure's "Restore as another virtual machine" body (backup-azure-arm-userestapi-restoreazurevms.md). */
function newVmRequest(source: { sourceResourceId: string }, point: string, name: string): IaasVMRestoreRequest {
  return {
    objectType: "IaasVMRestoreRequest",
    recoveryPointId: point,
    recoveryType: "AlternateLocation",
    sourceResourceId: source.sourceResourceId,
    targetVirtualMachineId: vmId("rg-restored", name),
    targetResourceGroupId: GROUP("rg-restored"),
    storageAccountId: STAGING,
    virtualNetworkId: VNET,
    subnetId: `${VNET}/subnets/default`,
    region: "westeurope",
    createNewCloudService: false,
    originalStorageAccountOption: false,
    encryptionDetails: { encryptionEnabled: false },
  };
}

/** Azure's "Restore disks" body: no target resource group, so the disks go with the storage account. */
function restoreDisksRequest(source: { sourceResourceId: string }, point: string): IaasVMRestoreRequest {
  return {
    objectType: "IaasVMRestoreRequest",
    recoveryPointId: point,
    recoveryType: "RestoreDisks",
    sourceResourceId: source.sourceResourceId,
    storageAccountId: STAGING,
    region: "westeurope",
    createNewCloudService: false,
    originalStorageAccountOption: false,
    encryptionDetails: { encryptionEnabled: false },
  };
}

/** Azure's "Replace disks" body, its unused targets null as in Azure's example. */
function replaceDisksRequest(source: { sourceResourceId: string }, point: string): IaasVMRestoreRequest {
  const unused = null as unknown as undefined;
  return {
    objectType: "IaasVMRestoreRequest",
    recoveryPointId: point,
    recoveryType: "OriginalLocation",
    sourceResourceId: source.sourceResourceId,
    storageAccountId: STAGING,
    region: "westeurope",
    createNewCloudService: false,
    originalStorageAccountOption: false,
    affinityGroup: "",
    targetVirtualMachineId: unused,
    targetResourceGroupId: unused,
    virtualNetworkId: unused,
    subnetId: unused,
  };
}

describeOnDatabases("Restores (VMs, and files of a folder) through the REST API", (database) => {
  let db: Db;
  let server: PortalServer;
  let backup: RecoveryServicesBackupClient;
  let ownerToken: string;
  let readerToken: string;
  const owner: Actor = { userId: "restore-owner", email: "owner@restore.test", name: "Olivia Owner", isOwner: true };
  const reader: Actor = {
    userId: "restore-reader",
    email: "reader@restore.test",
    name: "Rafael Reader",
    isOwner: false,
  };
  let vaultId = "";
  /** Each VM's recovery point (its name in the API). */
  const points: Record<string, { name: string; time: Date }> = {};

  beforeAll(async () => {
    db = database().db;
    ownerToken = await apiUser(db, owner);
    readerToken = await apiUser(db, reader);
    server = await startPortalServer(database().url);
    backup = backupClient(server.baseUrl, ownerToken);
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** Raw HTTP to the API, with the Owner's token unless told otherwise. */
  function arm(method: string, path: string, body?: unknown, token = ownerToken) {
    return fetch(`${armEndpoint(server.baseUrl)}${path}${path.includes("?") ? "&" : "?"}api-version=2023-06-01`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  function itemPath(names: ItemNames) {
    return `${VAULT_ID}/backupFabrics/${FABRIC}/protectionContainers/${names.container}/protectedItems/${names.item}`;
  }

  /** Jobs, VMs and operations: what a refused restore must leave as it was. */
  async function state() {
    const [jobs, vms, operations] = await Promise.all([
      db.job.findMany({ where: { vaultId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
      db.virtualMachine.findMany({ orderBy: { id: "asc" }, select: { id: true, deletedAt: true } }),
      db.armOperation.count({ where: { vaultId } }),
    ]);
    return { jobs, vms, operations };
  }

  /** Restores through the SDK's long-running operation; returns the Restore job once it has ended. */
  async function restore(names: ItemNames, point: string, properties: IaasVMRestoreRequest) {
    const recorder = responseRecorder();
    await backup.restores.beginTriggerAndWait(
      VAULT,
      RG,
      FABRIC,
      names.container,
      names.item,
      point,
      { properties },
      { ...FAST_POLLING, ...recorder.options },
    );
    const headers = acceptedHeaders(server.baseUrl, recorder.responses[0]);
    expect(headers.asyncPath.toLowerCase()).toContain(`${itemPath(names).toLowerCase()}/operationsstatus/`);
    expect(headers.locationPath.toLowerCase()).toContain(`${itemPath(names).toLowerCase()}/operationresults/`);
    const operation = await itemOperationSucceeds(backup, VAULT, RG, names, operationIdOf(headers.asyncOperation));
    const { jobId } = operation.properties as OperationStatusJobExtendedInfo;
    // The Location answers as Azure's restore does: the operation, naming the job.
    const result = await fetch(headers.location, { headers: { authorization: `Bearer ${ownerToken}` } });
    expect(result.status).toBe(200);
    expect(await result.json()).toMatchObject({
      status: "Succeeded",
      properties: { objectType: "OperationStatusJobExtendedInfo", jobId },
    });
    const job = await waitForJob(backup, VAULT, RG, jobId!);
    return { jobId: jobId!, job: job.properties as AzureIaaSVMJob };
  }

  /** The refusal of a raw restore request: its status and ARM error. */
  async function refused(names: ItemNames, point: string, properties: unknown, token = ownerToken) {
    const response = await arm("POST", `${itemPath(names)}/recoveryPoints/${point}/restore`, { properties }, token);
    const body = (await response.json()) as {
      error: { code: string; message: string; details?: Array<{ target: string }> };
    };
    return { status: response.status, ...body.error, targets: body.error.details?.map((detail) => detail.target) };
  }

  it("protects two VMs and a Backup Agent folder through the API, and backs the VMs up", async () => {
    await vaultClient(server.baseUrl, ownerToken).vaults.createOrUpdate(
      RG,
      VAULT,
      { location: "westeurope", sku: { name: "Standard" }, properties: {} },
      FAST_POLLING,
    );
    vaultId = (await db.vault.findFirstOrThrow({ where: { nameKey: VAULT } })).id;
    await backup.protectionPolicies.createOrUpdate(VAULT, RG, "MabDaily", { properties: MAB_DAILY });
    for (const vm of [VM1, VM2]) {
      const added = await arm("PUT", vmId("rg-vms", vm.friendlyName), {
        location: "westeurope",
        properties: { storageProfile: { osDisk: { osType: "Linux", diskSizeGB: 32 } } },
      });
      expect(added.status).toBe(201);
    }
    const items = [
      [
        VM1,
        {
          protectedItemType: "Microsoft.Compute/virtualMachines",
          sourceResourceId: VM1.sourceResourceId,
          policyId: `${VAULT_ID}/backupPolicies/DefaultPolicy`,
        },
      ],
      [
        VM2,
        {
          protectedItemType: "Microsoft.Compute/virtualMachines",
          sourceResourceId: VM2.sourceResourceId,
          policyId: `${VAULT_ID}/backupPolicies/DefaultPolicy`,
        },
      ],
      [
        FOLDER,
        {
          protectedItemType: "MabFileFolderProtectedItem",
          friendlyName: FOLDER.friendlyName,
          computerName: FOLDER.computerName,
          policyId: `${VAULT_ID}/backupPolicies/MabDaily`,
        },
      ],
    ] as const;
    for (const [names, properties] of items) {
      const recorder = responseRecorder();
      await backup.protectedItems.createOrUpdate(
        VAULT,
        RG,
        FABRIC,
        names.container,
        names.item,
        { properties },
        recorder.options,
      );
      await itemOperationSucceeds(
        backup,
        VAULT,
        RG,
        names,
        operationIdOf(acceptedHeaders(server.baseUrl, recorder.last).asyncOperation),
      );
    }
    for (const vm of [VM1, VM2]) {
      const recorder = responseRecorder();
      await backup.backups.trigger(
        VAULT,
        RG,
        FABRIC,
        vm.container,
        vm.item,
        { properties: { objectType: "IaasVMBackupRequest" } },
        recorder.options,
      );
      const operation = await itemOperationSucceeds(
        backup,
        VAULT,
        RG,
        vm,
        operationIdOf(acceptedHeaders(server.baseUrl, recorder.last).asyncOperation),
      );
      const job = await waitForJob(backup, VAULT, RG, (operation.properties as OperationStatusJobExtendedInfo).jobId!);
      expect(job.properties?.status).toBe("Completed");
      const [point] = await collect(backup.recoveryPoints.list(VAULT, RG, FABRIC, vm.container, vm.item));
      points[vm.friendlyName] = {
        name: point.name!,
        time: (point.properties as IaasVMRecoveryPoint).recoveryPointTime!,
      };
    }
  });

  it("Create new virtual machine (AlternateLocation): 202, the operation names the Restore job, the job completes and the new VM is in the inventory", async () => {
    const point = points["vm-rst01"];
    const { jobId, job } = await restore(VM1, point.name, newVmRequest(VM1, point.name, "vm-rst01-restored"));
    expect(job).toMatchObject({
      jobType: "AzureIaaSVMJob",
      operation: "Restore",
      status: "Completed",
      entityFriendlyName: "vm-rst01",
      backupManagementType: "AzureIaasVM",
      isUserTriggered: true,
    });
    const bag = job.extendedInfo?.propertyBag ?? {};
    expect(bag).toMatchObject({
      "Job Type": "Recover to a new virtual machine",
      "Restore type": "Create new virtual machine",
      "Target VM Name": "vm-rst01-restored",
      "Target resource group": "rg-restored",
      "Target Storage Account Name": "stagingwesteurope",
      "Virtual network / subnet": "vnet-restored / default",
      "Initiated by": owner.email,
    });
    expect(bag["Restored disks"]).toMatch(/^vm-rst01-restored-osdisk-restored-\d{8}-\d{4} \(32 GB\)$/);
    // Azure's key, with its trailing space, and its time format (UTC, to the second).
    expect(bag["Recovery point time "]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/);
    expect(Date.parse(`${bag["Recovery point time "]} UTC`)).toBe(Math.floor(point.time.getTime() / 1000) * 1000);
    expect(job.extendedInfo?.tasksList?.map((task) => [task.taskId, task.status])).toEqual([
      ["Transfer data", "Completed"],
      ["Create virtual machine", "Completed"],
    ]);

    // The jobs list has it, with Azure's operation.
    const restores = await collect(backup.backupJobs.list(VAULT, RG, { filter: "operation eq 'Restore'" }));
    expect(restores.map((listed) => [listed.name, listed.properties?.operation])).toEqual([[jobId, "Restore"]]);

    // The new VM, as the compute API and the portal's inventory show it.
    const created = await arm("GET", vmId("rg-restored", "vm-rst01-restored"));
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({
      name: "vm-rst01-restored",
      location: "westeurope",
      properties: { storageProfile: { osDisk: { osType: "Linux", diskSizeGB: 32 } } },
    });
    expect(bag["Target VM Id"]?.toLowerCase()).toBe(vmId("rg-restored", "vm-rst01-restored").toLowerCase());
    const inventory = await listInventory(db, owner);
    expect(
      inventory.virtualMachines
        .filter((vm) => vm.name.startsWith("vm-rst01"))
        .map((vm) => [vm.name, vm.resourceGroup, vm.protectedItems.length]),
    ).toEqual([
      ["vm-rst01", "rg-vms", 1],
      ["vm-rst01-restored", "rg-restored", 0],
    ]);
  });

  it("Restore disks (RestoreDisks) and Replace existing (OriginalLocation) with Azure's example bodies: each job completes and says what it made", async () => {
    const point = points["vm-rst01"].name;
    const disks = await restore(VM1, point, restoreDisksRequest(VM1, point));
    expect(disks.job).toMatchObject({ operation: "Restore", status: "Completed" });
    expect(disks.job.extendedInfo?.propertyBag).toMatchObject({
      "Job Type": "Recover disks",
      "Restore type": "Restore disks",
      // Without targetResourceGroupId the disks go with the staging storage account.
      "Target resource group": "rg-staging",
      "Target Storage Account Name": "stagingwesteurope",
      "Restored disks": expect.stringMatching(/^vm-rst01-osdisk-restored-\d{8}-\d{4} \(32 GB\)$/),
    });

    const replaced = await restore(VM1, point, replaceDisksRequest(VM1, point));
    expect(replaced.job).toMatchObject({ operation: "Restore", status: "Completed" });
    expect(replaced.job.extendedInfo?.propertyBag).toMatchObject({
      "Job Type": "Replace disks",
      "Restore type": "Replace disk/s",
      "Target VM Name": "vm-rst01",
      "Target resource group": "rg-vms",
      "Copies of the replaced disks": expect.stringMatching(/^vm-rst01-osdisk-before-restore-\d{8}-\d{4} \(32 GB\)$/),
    });
    expect(replaced.job.extendedInfo?.propertyBag?.["Restored disks"]).toBeUndefined();

    const restores = await collect(backup.backupJobs.list(VAULT, RG, { filter: "operation eq 'Restore'" }));
    expect(restores.map((job) => job.name)).toEqual(expect.arrayContaining([disks.jobId, replaced.jobId]));
    expect(restores).toHaveLength(3);
  });

  it("refuses an unknown point (404), a taken VM name (409) and invalid bodies (400 naming the field), changing nothing", async () => {
    const point = points["vm-rst01"].name;
    const before = await state();

    const unknown = await expectRestError(
      backup.restores.beginTrigger(VAULT, RG, FABRIC, VM1.container, VM1.item, "123456789", {
        properties: restoreDisksRequest(VM1, "123456789"),
      }),
      404,
      "UserErrorRecoveryPointNotFound",
    );
    expect(unknown.message).toContain("restore point was not found");

    const taken = await expectRestError(
      backup.restores.beginTrigger(VAULT, RG, FABRIC, VM1.container, VM1.item, point, {
        properties: newVmRequest(VM1, point, "VM-RST01-RESTORED"),
      }),
      409,
      "UserErrorVmNameAlreadyExists",
    );
    expect(taken.message).toContain("already exists in rg-restored");
    expect(await refused(VM1, point, newVmRequest(VM1, point, "vm-rst01-restored"))).toMatchObject({
      status: 409,
      targets: ["properties.targetVirtualMachineId"],
    });

    const valid = newVmRequest(VM1, point, "vm-rst01-other");
    const cases: Array<[string, unknown, string, string]> = [
      ["no subnet", { ...valid, subnetId: undefined }, "InvalidRequestContent", "properties.subnetId"],
      ["a subnet id that isn't one", { ...valid, subnetId: VNET }, "InvalidRequestContent", "properties.subnetId"],
      [
        "an unknown recovery type",
        { ...valid, recoveryType: "Offline" },
        "InvalidRequestContent",
        "properties.recoveryType",
      ],
      [
        "another workload's request",
        { ...valid, objectType: "AzureFileShareRestoreRequest" },
        "InvalidRequestContent",
        "properties.objectType",
      ],
      [
        "an invalid VM name",
        { ...valid, targetVirtualMachineId: vmId("rg-restored", "bad_name!") },
        "BadRequest",
        "properties.targetVirtualMachineId",
      ],
      [
        "a storage account name Azure refuses",
        { ...valid, storageAccountId: STAGING.replace("stagingwesteurope", "s") },
        "BadRequest",
        "properties.storageAccountId",
      ],
      [
        "another VM as the source",
        { ...valid, sourceResourceId: VM2.sourceResourceId },
        "BMSUserErrorInvalidInput",
        "properties.sourceResourceId",
      ],
      [
        "another point in the body",
        { ...valid, recoveryPointId: "123" },
        "BMSUserErrorInvalidInput",
        "properties.recoveryPointId",
      ],
      ["another region", { ...valid, region: "eastus" }, "BMSUserErrorInvalidInput", "properties.region"],
      [
        "another subscription",
        {
          ...valid,
          targetResourceGroupId: valid.targetResourceGroupId!.replace(
            SUBSCRIPTION_ID,
            "00000000-0000-4000-8000-000000000000",
          ),
        },
        "BMSUserErrorInvalidInput",
        "properties.targetResourceGroupId",
      ],
      [
        "a VM id in another resource group than targetResourceGroupId",
        { ...valid, targetVirtualMachineId: vmId("rg-other", "vm-rst01-other") },
        "BMSUserErrorInvalidInput",
        "properties.targetVirtualMachineId",
      ],
      [
        "a subnet of another virtual network",
        { ...valid, subnetId: `${VNET}-other/subnets/default` },
        "BMSUserErrorInvalidInput",
        "properties.subnetId",
      ],
    ];
    for (const [what, properties, code, target] of cases) {
      const error = await refused(VM1, point, properties);
      expect(error, what).toMatchObject({ status: 400, code });
      expect(error.targets, what).toContain(target);
      expect(error.message, what).toContain(target.replace("properties.", ""));
    }

    // A Reader sees the points but can't restore.
    okData(await assignRole(db, { vaultId, userId: reader.userId, role: "Reader" }, owner));
    expect(
      (
        await collect(
          backupClient(server.baseUrl, readerToken).recoveryPoints.list(VAULT, RG, FABRIC, VM1.container, VM1.item),
        )
      ).map((listed) => listed.name),
    ).toContain(point);
    await expectRestError(
      backupClient(server.baseUrl, readerToken).restores.beginTrigger(
        VAULT,
        RG,
        FABRIC,
        VM1.container,
        VM1.item,
        point,
        {
          properties: restoreDisksRequest(VM1, point),
        },
      ),
      403,
      "AuthorizationFailed",
    );

    // Each kind of item takes its own request, and the refusal says which.
    const vmBodyForFolder = await refused(FOLDER, "123", restoreDisksRequest(VM1, "123"));
    expect(vmBodyForFolder).toMatchObject({
      status: 400,
      code: "BMSUserErrorInvalidInput",
      targets: ["properties.objectType"],
    });
    expect(vmBodyForFolder.message).toBe(
      "IaasVMRestoreRequest restores an Azure virtual machine, but C:\\Data is a Backup Agent (MARS) folder: send objectType VaultPortalFileRecoveryRequest.",
    );
    const folderBodyForVm = await refused(VM1, point, fileRecoveryRequest());
    expect(folderBodyForVm).toMatchObject({
      status: 400,
      code: "BMSUserErrorInvalidInput",
      targets: ["properties.objectType"],
    });
    expect(folderBodyForVm.message).toBe(
      "VaultPortalFileRecoveryRequest restores a Backup Agent (MARS) folder, but vm-rst01 is an Azure virtual machine: send objectType IaasVMRestoreRequest.",
    );

    expect(await state()).toEqual(before);
  });

  it("a deleted VM: Replace existing refused with Azure's reason, Create new restores it; a soft-deleted item must be undeleted first", async () => {
    const point = points["vm-rst02"].name;
    expect((await arm("DELETE", vmId("rg-vms", "vm-rst02"))).status).toBe(200);
    let before = await state();
    await expectRestError(
      backup.restores.beginTrigger(VAULT, RG, FABRIC, VM2.container, VM2.item, point, {
        properties: replaceDisksRequest(VM2, point),
      }),
      400,
      "UserErrorVmNotFoundForReplaceDisks",
    );
    expect(await state()).toEqual(before);

    const { job } = await restore(VM2, point, newVmRequest(VM2, point, "vm-rst02-restored"));
    expect(job).toMatchObject({ operation: "Restore", status: "Completed" });
    expect((await arm("GET", vmId("rg-restored", "vm-rst02-restored"))).status).toBe(200);

    await backup.protectedItems.delete(VAULT, RG, FABRIC, VM2.container, VM2.item);
    expect(
      (await db.protectedItem.findFirstOrThrow({ where: { vaultId, itemName: VM2.item.toLowerCase() } })).deletedAt,
    ).not.toBeNull();
    before = await state();
    const softDeleted = await expectRestError(
      backup.restores.beginTrigger(VAULT, RG, FABRIC, VM2.container, VM2.item, point, {
        properties: restoreDisksRequest(VM2, point),
      }),
      400,
      "UserErrorInvalidProtectionState",
    );
    expect(softDeleted.message).toContain("undelete it first");
    expect(await state()).toEqual(before);
  });

  it("Recover Data of a demo server's folder: refused with the reason, changing nothing", async () => {
    const before = await state();
    const demo = await refused(FOLDER, "123", fileRecoveryRequest());
    expect(demo).toMatchObject({ status: 400, code: "UserErrorRecoveryNotSupported" });
    expect(demo.message).toContain("fs-rst.contoso.com is a demo server");
    expect(await state()).toEqual(before);
  });

  /** The real agent's folder item and its point, made once by the first test that needs them. */
  let agentItem: (ItemNames & { id: string; point: { id: string; time: Date } }) | undefined;
  async function agentFolderItem() {
    if (agentItem) return agentItem;
    // As registration leaves a real agent's server: a secret's hash (the demo's have none).
    const server = await db.backupAgentServer.create({
      data: {
        name: AGENT_SERVER,
        osType: "Debian GNU/Linux 12",
        vaultId,
        registeredAt: new Date(),
        agentVersion: "1.0.0",
        credentialHash: "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7",
      },
    });
    const folder = await db.fileFolderSource.create({
      data: { serverId: server.id, path: AGENT_FOLDER, sizeGb: 1, dailyChangeRatePercent: 1 },
    });
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId, nameKey: "mabdaily" } });
    const [itemId] = okData(
      await configureBackup(
        db,
        { vaultId, backupManagementType: "MAB", sourceIds: [folder.id], policyId: policy.id },
        owner,
      ),
    ).itemIds;
    const item = await db.protectedItem.findUniqueOrThrow({ where: { id: itemId } });
    const time = new Date(Date.UTC(2026, 10, 27, 22, 0, 5));
    const point = await db.recoveryPoint.create({
      data: {
        protectedItemId: itemId,
        time,
        type: "Full",
        inSnapshotTier: false,
        inVaultTier: true,
        retentionRules: ["Daily"],
        ruleName: "Daily",
        expiresAt: new Date(time.getTime() + 30 * 86_400_000),
        sizeBytes: 4096n,
        snapshotId: SNAPSHOT_ID,
      },
    });
    agentItem = { id: itemId, container: item.containerName, item: item.itemName, point: { id: point.id, time } };
    return agentItem;
  }

  /**
   * Recover Data through the SDK's pipeline (its typed restores.beginTrigger drops the fields of an
   * objectType it doesn't know); returns the Restore job's id from the 202's operation.
   */
  async function recover(names: ItemNames, point: string, properties: unknown) {
    const url = `${armEndpoint(server.baseUrl)}${itemPath(names)}/recoveryPoints/${point}/restore?api-version=2023-06-01`;
    const response = await backup.sendRequest(
      createPipelineRequest({
        url,
        method: "POST",
        headers: createHttpHeaders({ "content-type": "application/json" }),
        body: JSON.stringify({ properties }),
      }),
    );
    const headers = acceptedHeaders(server.baseUrl, { ...response, url });
    expect(headers.asyncPath.toLowerCase()).toContain(`${itemPath(names).toLowerCase()}/operationsstatus/`);
    expect(headers.locationPath.toLowerCase()).toContain(`${itemPath(names).toLowerCase()}/operationresults/`);
    const operation = await itemOperationSucceeds(backup, VAULT, RG, names, operationIdOf(headers.asyncOperation));
    return (operation.properties as OperationStatusJobExtendedInfo).jobId!;
  }

  it("Recover Data of a real agent's folder: invalid fields refused with 400 naming them, changing nothing", async () => {
    const names = await agentFolderItem();
    const point = names.point.id;
    const before = await state();
    const cases: Array<[string, unknown, string, string, string]> = [
      [
        "a relative path",
        fileRecoveryRequest({ items: ["share/report.txt"] }),
        "InvalidRequestContent",
        "properties.items.0",
        "absolute path",
      ],
      [
        "an item outside the folder",
        fileRecoveryRequest({ items: [`${AGENT_FOLDER}/a.txt`, "/etc/passwd"] }),
        "BadRequest",
        "properties.items",
        `Items must be in ${AGENT_FOLDER}: /etc/passwd.`,
      ],
      [
        "a sibling folder whose name starts like the item's",
        fileRecoveryRequest({ items: [`${AGENT_FOLDER}-old/a.txt`] }),
        "BadRequest",
        "properties.items",
        `Items must be in ${AGENT_FOLDER}`,
      ],
      [
        "AlternateLocation without targetFolderPath",
        fileRecoveryRequest({ recoveryType: "AlternateLocation" }),
        "InvalidRequestContent",
        "properties.targetFolderPath",
        "give targetFolderPath",
      ],
      [
        "a relative targetFolderPath",
        fileRecoveryRequest({ recoveryType: "AlternateLocation", targetFolderPath: "restore" }),
        "InvalidRequestContent",
        "properties.targetFolderPath",
        "absolute path",
      ],
      [
        "OriginalLocation with a targetFolderPath",
        fileRecoveryRequest({ targetFolderPath: "/srv/restore" }),
        "InvalidRequestContent",
        "properties.targetFolderPath",
        "leave targetFolderPath out",
      ],
      [
        "a copy option the agent doesn't have",
        fileRecoveryRequest({ copyOptions: "FailOnConflict" }),
        "InvalidRequestContent",
        "properties.copyOptions",
        "CreateCopy",
      ],
      [
        "an unknown recovery type",
        fileRecoveryRequest({ recoveryType: "RestoreDisks" }),
        "InvalidRequestContent",
        "properties.recoveryType",
        "OriginalLocation",
      ],
      [
        "no items",
        fileRecoveryRequest({ items: undefined }),
        "InvalidRequestContent",
        "properties.items",
        "List the items",
      ],
      [
        "restoreAcls that isn't a boolean",
        fileRecoveryRequest({ restoreAcls: "yes" }),
        "InvalidRequestContent",
        "properties.restoreAcls",
        "true or false",
      ],
      [
        "another point in the body",
        fileRecoveryRequest({ recoveryPointId: "123" }),
        "BMSUserErrorInvalidInput",
        "properties.recoveryPointId",
        "is not the recovery point of the path",
      ],
    ];
    for (const [what, properties, code, target, words] of cases) {
      const error = await refused(names, point, properties);
      expect(error, what).toMatchObject({ status: 400, code });
      expect(error.targets, what).toContain(target);
      expect(error.message, what).toContain(words);
    }
    const unknown = await refused(names, "123", fileRecoveryRequest());
    expect(unknown).toMatchObject({ status: 404, code: "UserErrorRecoveryPointNotFound" });
    // The Reader may not recover.
    expect(await refused(names, point, fileRecoveryRequest(), readerToken)).toMatchObject({
      status: 403,
      code: "AuthorizationFailed",
    });
    expect(await state()).toEqual(before);
  });

  it("Recover Data of a real agent's folder: 202, the operation names a queued Restore job with the request's details, and its extended info says what it recovers and, once done, how it went", async () => {
    const names = await agentFolderItem();
    const items = [`${AGENT_FOLDER}/reports`, `${AGENT_FOLDER}/a.txt`];
    const jobId = await recover(
      names,
      names.point.id,
      fileRecoveryRequest({
        recoveryPointId: names.point.id,
        recoveryType: "AlternateLocation",
        targetFolderPath: "/srv/restore",
        items,
        copyOptions: "Skip",
        restoreAcls: false,
      }),
    );
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({
      operation: "Restore",
      status: "InProgress",
      protectedItemId: names.id,
      backupManagementType: "MAB",
      initiatedBy: owner.email,
      claimedAt: null,
    });
    const details: FileRecoveryDetails = {
      kind: "MAB",
      recoveryPoint: { id: names.point.id, time: names.point.time.toISOString(), snapshotId: SNAPSHOT_ID },
      source: { serverName: AGENT_SERVER, path: AGENT_FOLDER },
      targetServer: null,
      items,
      destination: "/srv/restore",
      conflict: "Skip",
      restoreAcls: false,
    };
    expect(job.restoreDetails).toEqual(details);

    const listed = (await backup.jobDetails.get(VAULT, RG, jobId)).properties as MabJob;
    expect(listed).toMatchObject({
      jobType: "MabJob",
      operation: "Restore",
      status: "InProgress",
      mabServerName: AGENT_SERVER,
      entityFriendlyName: AGENT_FOLDER,
    });
    expect(listed.extendedInfo?.propertyBag).toEqual({
      "Initiated by": owner.email,
      Server: AGENT_SERVER,
      "Recover to": `This server (${AGENT_SERVER})`,
      "Items recovered": items.join(", "),
      "Recovery destination": "Another location: /srv/restore",
      "When an item exists": "Do not recover the items that already exist on the recovery destination",
      "Restore the ACLs": "No",
      "Recovery point time ": "11/27/2026 10:00:05 PM",
    });

    // As the agent ends it (backup-agent.test.ts runs the agent): the outcome's counts, one per key.
    const outcome: FileRecoveryOutcome = {
      filesRecovered: 1204,
      bytesRecovered: 73_400_320,
      copiesCreated: 0,
      filesSkipped: 3,
      failures: [{ item: `${AGENT_FOLDER}/reports/locked.xlsx`, message: "permission denied" }],
    };
    await db.job.update({
      where: { id: jobId },
      data: { status: "CompletedWithWarnings", endTime: new Date(), restoreDetails: { ...details, outcome } },
    });
    const done = (await backup.jobDetails.get(VAULT, RG, jobId)).properties as MabJob;
    expect(done.extendedInfo?.propertyBag).toMatchObject({
      Result: "1,204 files recovered, 0 as copies, 3 skipped, 1 failed",
      "Files recovered": "1204",
      "Bytes recovered": "73400320",
      "Copies created": "0",
      "Files skipped": "3",
      "Files failed": "1",
    });

    // The defaults: the whole folder, to where it was, with its ACLs; Azure's CreateCopy is the wizard's Create copies.
    const whole = await recover(names, names.point.id, fileRecoveryRequest());
    expect((await db.job.findUniqueOrThrow({ where: { id: whole } })).restoreDetails).toEqual({
      ...details,
      items: [],
      destination: null,
      conflict: "CreateCopies",
      restoreAcls: true,
    });
    const bag = ((await backup.jobDetails.get(VAULT, RG, whole)).properties as MabJob).extendedInfo?.propertyBag;
    expect(bag).toMatchObject({
      "Items recovered": `All of ${AGENT_FOLDER}`,
      "Recovery destination": "Original location",
      "When an item exists": "Create copies so that you have both versions",
      "Restore the ACLs": "Yes",
    });
    expect(bag?.["Files recovered"]).toBeUndefined();
  });

  it("Recover Data to another server of the vault: only a real agent's that holds the source server's passphrase", async () => {
    const names = await agentFolderItem();
    const other = await db.backupAgentServer.create({
      data: {
        name: OTHER_AGENT_SERVER,
        osType: "Debian GNU/Linux 12",
        vaultId,
        registeredAt: new Date(),
        agentVersion: "1.0.0",
        credentialHash: "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b",
      },
    });
    const before = await state();
    const cases: Array<[string, string, string, string]> = [
      [
        "a server that doesn't hold the passphrase",
        OTHER_AGENT_SERVER.toUpperCase(),
        "UserErrorPassphraseNotAvailable",
        `doesn't hold the passphrase of ${AGENT_SERVER}`,
      ],
      [
        "a demo server",
        FOLDER.computerName,
        "UserErrorPassphraseNotAvailable",
        "registered to this vault with the Backup Agent",
      ],
      [
        "no such server in the vault",
        "nowhere.contoso.com",
        "BMSUserErrorInvalidInput",
        "No server named nowhere.contoso.com",
      ],
    ];
    for (const [what, targetServerName, code, words] of cases) {
      const error = await refused(names, names.point.id, fileRecoveryRequest({ targetServerName }));
      expect(error, what).toMatchObject({ status: 400, code, targets: ["properties.targetServerName"] });
      expect(error.message, what).toContain(words);
    }
    expect(await state()).toEqual(before);

    // Once its agent reports holding the passphrase (agent add-passphrase), it recovers.
    await db.backupAgentServer.update({ where: { id: other.id }, data: { passphrasesFor: [AGENT_SERVER] } });
    const jobId = await recover(
      names,
      names.point.id,
      fileRecoveryRequest({
        targetServerName: OTHER_AGENT_SERVER,
        recoveryType: "AlternateLocation",
        targetFolderPath: "/srv/from-rst01",
      }),
    );
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.recoveryServerId).toBe(other.id);
    expect(job.restoreDetails).toMatchObject({
      source: { serverName: AGENT_SERVER, path: AGENT_FOLDER },
      targetServer: OTHER_AGENT_SERVER,
      destination: "/srv/from-rst01",
    });
    const bag = ((await backup.jobDetails.get(VAULT, RG, jobId)).properties as MabJob).extendedInfo?.propertyBag;
    expect(bag).toMatchObject({ Server: AGENT_SERVER, "Recover to": OTHER_AGENT_SERVER });

    // The item's own server named as the target is This server.
    const own = await recover(names, names.point.id, fileRecoveryRequest({ targetServerName: AGENT_SERVER }));
    const ownJob = await db.job.findUniqueOrThrow({ where: { id: own } });
    expect(ownJob.restoreDetails).toMatchObject({ targetServer: null });
  });

  it("lists the operation in its OpenAPI document, with Azure's request body", async () => {
    const response = await fetch(`${armEndpoint(server.baseUrl)}/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const [path, methods] = Object.entries(document.paths).find(([, operations]) =>
      Object.values(operations).some((operation) => operation.operationId === "Restores_Trigger"),
    )!;
    expect(path).toMatch(/\/recoveryPoints\/\{recoveryPointId\}\/restore$/);
    const body = JSON.stringify(methods.post);
    for (const field of [
      "IaasVMRestoreRequest",
      "AlternateLocation",
      "RestoreDisks",
      "OriginalLocation",
      "targetVirtualMachineId",
      "storageAccountId",
      "VaultPortalFileRecoveryRequest",
      "targetFolderPath",
      "copyOptions",
      "restoreAcls",
      "targetServerName",
    ])
      expect(body).toContain(field);
  });
});
