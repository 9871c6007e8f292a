// Restore VM through the Azure-compatible REST API (POST …/recoveryPoints/{point}/restore with
// IaasVMRestoreRequest), driven by the official Azure SDK against the production build: the three
// recovery types, their Restore jobs and what they make, and every refusal changing nothing.
//
// The tests run in order and share one vault (vault-restore in rg-restore):
//   vm-rst01   protected and backed up; restored three ways
//   vm-rst02   protected and backed up; then deleted behind backup's back, then its item soft-deleted
//   C:\Data on fs-rst.contoso.com   a Backup Agent folder, which this API can't restore yet
import type {
  AzureIaaSVMJob,
  IaasVMRecoveryPoint,
  IaasVMRestoreRequest,
  OperationStatusJobExtendedInfo,
  RecoveryServicesBackupClient,
} from "@azure/arm-recoveryservicesbackup";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/authorize";
import { createApiToken } from "@/lib/server/auth/tokens";
import type { Db } from "@/lib/server/db";
import { assignRole } from "@/lib/server/services/access";
import { listInventory } from "@/lib/server/services/inventory";
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
import { type PortalServer, startPortalServer } from "./portal-server";

const RG = "rg-restore";
const VAULT = "vault-restore";
const FABRIC = "Azure";
const VAULT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}`;
const LONG_TEST_MS = 120_000;
const VM1 = vmNames("vm-rst01");
const VM2 = vmNames("vm-rst02");
const FOLDER = {
  container: "MabContainer;fs-rst.contoso.com",
  item: "FileFolder;fs-rst.contoso.com;C_Data",
  computerName: "fs-rst.contoso.com",
  friendlyName: "C:\\Data",
};

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

describeOnDatabases("Restore VM through the REST API and the Azure SDK", (database) => {
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
    await db.user.create({ data: { id: owner.userId, name: owner.name, email: owner.email, role: "admin" } });
    await db.user.create({ data: { id: reader.userId, name: reader.name, email: reader.email, role: "user" } });
    ownerToken = okData(await createApiToken(db, { name: "arm-restore tests" }, owner)).token;
    readerToken = okData(await createApiToken(db, { name: "arm-restore tests" }, reader)).token;
    server = await startPortalServer(database().url);
    backup = backupClient(server.baseUrl, ownerToken);
  }, LONG_TEST_MS);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

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

  /** Jobs and VMs: what a refused restore must leave as it was. */
  async function state() {
    const [jobs, vms] = await Promise.all([
      db.job.findMany({ where: { vaultId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
      db.virtualMachine.findMany({ orderBy: { id: "asc" }, select: { id: true, deletedAt: true } }),
    ]);
    return { jobs, vms };
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

  it(
    "protects two VMs and a Backup Agent folder through the API, and backs the VMs up",
    async () => {
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
        const job = await waitForJob(
          backup,
          VAULT,
          RG,
          (operation.properties as OperationStatusJobExtendedInfo).jobId!,
        );
        expect(job.properties?.status).toBe("Completed");
        const [point] = await collect(backup.recoveryPoints.list(VAULT, RG, FABRIC, vm.container, vm.item));
        points[vm.friendlyName] = {
          name: point.name!,
          time: (point.properties as IaasVMRecoveryPoint).recoveryPointTime!,
        };
      }
    },
    LONG_TEST_MS,
  );

  it(
    "Create new virtual machine (AlternateLocation): 202, the operation names the Restore job, the job completes and the new VM is in the inventory",
    async () => {
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
    },
    LONG_TEST_MS,
  );

  it(
    "Restore disks (RestoreDisks) and Replace existing (OriginalLocation) with Azure's example bodies: each job completes and says what it made",
    async () => {
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
    },
    LONG_TEST_MS,
  );

  it(
    "refuses an unknown point (404), a taken VM name (409) and invalid bodies (400 naming the field), changing nothing",
    async () => {
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

      // Files and folders: not through this API yet.
      const folder = await refused(FOLDER, "123", restoreDisksRequest(VM1, "123"));
      expect(folder).toMatchObject({ status: 400, code: "BMSUserErrorOperationNotSupported" });
      expect(folder.message).toContain("isn't available through this API yet");

      expect(await state()).toEqual(before);
    },
    LONG_TEST_MS,
  );

  it(
    "a deleted VM: Replace existing refused with Azure's reason, Create new restores it; a soft-deleted item must be undeleted first",
    async () => {
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
    },
    LONG_TEST_MS,
  );

  it(
    "lists the operation in its OpenAPI document, with Azure's request body",
    async () => {
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
      ])
        expect(body).toContain(field);
    },
    LONG_TEST_MS,
  );
});
