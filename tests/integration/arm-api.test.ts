// The Azure-compatible REST API (/api/arm) driven by the official Azure SDK for JavaScript against
// the production build: what a script written for Azure Backup does, step by step, and what the
// portal's own services see afterwards. The wire contract is docs/rest-api-contract.md.
//
// The tests run in order and share one vault (vault-api in rg-api) and its items:
//   vm-api01         protected, Backup now, switched policy, stopped and resumed
//   vm-api02..04     protected (ConfigureBackup jobs for paging); 02 stopped with its data deleted,
//                    03 read by a Reader and stopped through the portal, 04 backed up through the portal
//   C:\Data on fs-api.contoso.com   a Backup Agent folder (MARS)
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { RecoveryServicesClient } from "@azure/arm-recoveryservices";
import type {
  AzureIaaSComputeVMProtectedItem,
  AzureIaaSVMJob,
  AzureIaaSVMProtectionPolicy,
  IaasVMRecoveryPoint,
  JobResource,
  LongTermRetentionPolicy,
  MabFileFolderProtectedItem,
  MabProtectionPolicy,
  OperationStatusJobExtendedInfo,
  ProtectedItemUnion,
  ProtectionPolicyUnion,
  RecoveryServicesBackupClient,
  SimpleSchedulePolicy,
} from "@azure/arm-recoveryservicesbackup";
import { afterAll, beforeAll, expect, it } from "vitest";
import { unwrapPolicyProperties } from "@/lib/domain/policy/azure-json";
import { jobFiltersSchema } from "@/lib/schemas/jobs";
import type { Actor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { assignRole } from "@/lib/server/services/access";
import { listItems, getItemDashboard } from "@/lib/server/services/items";
import { listJobs } from "@/lib/server/services/jobs";
import { listPolicies } from "@/lib/server/services/policies";
import { backupNow, stopBackup } from "@/lib/server/services/protection";
import { listVaults } from "@/lib/server/services/vaults";
import {
  acceptedHeaders,
  armEndpoint,
  backupClient,
  collect,
  collectPages,
  expectRestError,
  FAST_POLLING,
  type ItemNames,
  itemOperationSucceeds,
  MAB_DAILY,
  okData,
  operationIdOf,
  responseRecorder,
  SUBSCRIPTION_ID,
  TERMINAL_OPERATION,
  vaultClient,
  vmNames,
  waitFor,
  waitForJob,
} from "./azure-sdk-clients";
import { describeOnDatabases } from "./databases";
import { apiUser } from "./api-users";
import { type PortalServer, startPortalServer } from "./portal-server";

const RG = "rg-api";
const VAULT = "vault-api";
const FABRIC = "Azure";
const VAULT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}`;
const DAY_MS = 86_400_000;

const VM1 = vmNames("vm-api01");
const MORE_VMS = ["vm-api02", "vm-api03", "vm-api04"].map((name) => vmNames(name));
/** Backup Agent (MARS) names are the project's convention; Azure's spec has none. */
const FOLDER = {
  container: "MabContainer;fs-api.contoso.com",
  item: "FileFolder;fs-api.contoso.com;C_Data",
  computerName: "fs-api.contoso.com",
  friendlyName: "C:\\Data",
};

/** An Azure spec example policy (tests/fixtures/azure-policy-examples), its `properties`. */
function examplePolicy(file: string): AzureIaaSVMProtectionPolicy {
  const document: unknown = JSON.parse(
    readFileSync(new URL(`../fixtures/azure-policy-examples/${file}`, import.meta.url), "utf8"),
  );
  return unwrapPolicyProperties(document) as AzureIaaSVMProtectionPolicy;
}

const sameId = (actual: string | undefined, expected: string) =>
  expect(actual?.toLowerCase()).toBe(expected.toLowerCase());

/** The ARM path of an item, decoded (`;` as is), to compare with the decoded path of a header URL. */
function itemPath(names: ItemNames): string {
  return `${VAULT_ID}/backupFabrics/${FABRIC}/protectionContainers/${names.container}/protectedItems/${names.item}`;
}

/** Azure's job-filter time literal: UTC on a 12-hour clock, `yyyy-MM-dd hh:mm:ss AM|PM`. */
function azureFilterTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const hours = date.getUTCHours();
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(hours % 12 || 12)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}

describeOnDatabases("Azure REST API through the Azure SDK", (database) => {
  let db: Db;
  let server: PortalServer;
  let backup: RecoveryServicesBackupClient;
  let vaults: RecoveryServicesClient;
  let ownerToken: string;
  let readerToken: string;
  const owner: Actor = { userId: "api-owner", email: "owner@api.test", name: "Olivia Owner", isOwner: true };
  const reader: Actor = { userId: "api-reader", email: "reader@api.test", name: "Rafael Reader", isOwner: false };
  // Filled in as the tests go.
  let vaultId = "";
  const policyIds = { vmDaily: "", mabDaily: "", vmComplex: "" };

  beforeAll(async () => {
    db = database().db;
    ownerToken = await apiUser(db, owner);
    readerToken = await apiUser(db, reader);
    server = await startPortalServer(database().url);
    backup = backupClient(server.baseUrl, ownerToken);
    vaults = vaultClient(server.baseUrl, ownerToken);
  });

  afterAll(async () => {
    await server?.stop();
  });

  // ---- helpers that need the server -------------------------------------------------------

  /**
   * PUT of a protected item (enable, change policy, stop, resume). The API answers 202 and the
   * caller polls the operation, as the portal, the CLI and PowerShell do.
   */
  async function putItem(names: ItemNames, properties: ProtectedItemUnion) {
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
    const headers = acceptedHeaders(server.baseUrl, recorder.last);
    await itemOperationSucceeds(backup, VAULT, RG, names, operationIdOf(headers.asyncOperation));
    return recorder.last.status;
  }

  async function getItem<T extends ProtectedItemUnion>(names: ItemNames): Promise<T> {
    const resource = await backup.protectedItems.get(VAULT, RG, FABRIC, names.container, names.item);
    return resource.properties as T;
  }

  /** Protects one of the test VMs (unknown to the inventory) with a policy. */
  function protectVm(vm: ReturnType<typeof vmNames>, policyId: string) {
    return putItem(vm, {
      protectedItemType: "Microsoft.Compute/virtualMachines",
      sourceResourceId: vm.sourceResourceId,
      policyId,
    });
  }

  /** An item PUT without polling, for calls that must fail at once. */
  function putItemDirect(vm: ReturnType<typeof vmNames>, policyId: string) {
    return backup.protectedItems.createOrUpdate(VAULT, RG, FABRIC, vm.container, vm.item, {
      properties: {
        protectedItemType: "Microsoft.Compute/virtualMachines",
        sourceResourceId: vm.sourceResourceId,
        policyId,
      },
    });
  }

  function itemRow(names: ItemNames) {
    return db.protectedItem.findFirstOrThrow({ where: { vaultId, itemName: names.item.toLowerCase() } });
  }

  async function jobNames(filter: string): Promise<{ pages: JobResource[][]; names: string[] }> {
    const pages = await collectPages(backup.backupJobs.list(VAULT, RG, { filter }));
    return { pages, names: pages.flat().map((job) => job.name!) };
  }

  /** Raw HTTP to the API (no SDK), with the Owner's token unless told otherwise. */
  function armFetch(path: string, token: string | null = ownerToken) {
    return fetch(`${armEndpoint(server.baseUrl)}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  // ---- vaults --------------------------------------------------------------------------------

  it("creates a vault, reads it and lists it by resource group and subscription; the portal shows it", async () => {
    const created = await vaults.vaults.createOrUpdate(
      RG,
      VAULT,
      { location: "westeurope", sku: { name: "Standard" }, properties: {} },
      FAST_POLLING,
    );
    expect(created).toMatchObject({
      name: VAULT,
      location: "westeurope",
      type: "Microsoft.RecoveryServices/vaults",
      properties: { provisioningState: "Succeeded" },
    });
    sameId(created.id, VAULT_ID);

    const read = await vaults.vaults.get(RG, VAULT);
    expect(read).toMatchObject({
      name: VAULT,
      location: "westeurope",
      properties: { provisioningState: "Succeeded" },
    });
    sameId(read.id, VAULT_ID);

    // PUT again is an update, not a second vault; another resource group's vault is listed apart.
    await vaults.vaults.createOrUpdate(
      RG,
      VAULT,
      { location: "westeurope", sku: { name: "Standard" }, properties: {} },
      FAST_POLLING,
    );
    await vaults.vaults.createOrUpdate(
      "rg-api-other",
      "vault-api-other",
      { location: "northeurope", sku: { name: "Standard" } },
      FAST_POLLING,
    );
    const inGroup = (await collect(vaults.vaults.listByResourceGroup(RG))).map((vault) => vault.name);
    expect(inGroup).toEqual([VAULT]);
    const inSubscription = (await collect(vaults.vaults.listBySubscriptionId())).map((vault) => vault.name);
    expect(inSubscription).toEqual(expect.arrayContaining([VAULT, "vault-api-other"]));
    expect(inSubscription).toHaveLength(2);

    const portal = (await listVaults(db, owner)).find((vault) => vault.name === VAULT);
    expect(portal).toMatchObject({
      name: VAULT,
      resourceGroup: RG,
      location: "westeurope",
      subscriptionId: SUBSCRIPTION_ID,
      itemCount: 0,
    });
    vaultId = portal!.id;
  });

  it("creates vaults in any public Azure region, by its name or its display name; another location is refused", async () => {
    const group = "rg-api-regions";
    const westUs = await vaults.vaults.createOrUpdate(
      group,
      "vault-api-westus",
      { location: "westus", sku: { name: "Standard" } },
      FAST_POLLING,
    );
    expect(westUs).toMatchObject({
      name: "vault-api-westus",
      location: "westus",
      properties: { provisioningState: "Succeeded" },
    });
    const eastAsia = await vaults.vaults.createOrUpdate(
      group,
      "vault-api-eastasia",
      { location: "East Asia", sku: { name: "Standard" } },
      FAST_POLLING,
    );
    expect(eastAsia.location).toBe("eastasia");
    expect((await vaults.vaults.get(group, "vault-api-westus")).location).toBe("westus");
    expect((await listVaults(db, owner)).find((vault) => vault.name === "vault-api-westus")).toMatchObject({
      location: "westus",
    });

    const unknown = await expectRestError(
      vaults.vaults.createOrUpdate(group, "vault-api-moon", { location: "moonbase1" }, FAST_POLLING),
      400,
      "LocationNotAvailableForResourceType",
    );
    expect(unknown.message).toContain("'moonbase1'");
    expect(await db.vault.count({ where: { nameKey: "vault-api-moon" } })).toBe(0);
    // A vault stays in its region.
    await expectRestError(
      vaults.vaults.createOrUpdate(group, "vault-api-westus", { location: "brazilsouth" }, FAST_POLLING),
      400,
      "LocationNotAvailableForResourceType",
    );
  });

  it("reads and sets the vault's monitoringSettings (alerts for all job failures); an unknown value is refused with its field", async () => {
    const group = "rg-api-monitoring";
    const created = await vaults.vaults.createOrUpdate(
      group,
      "vault-api-quiet",
      {
        location: "westeurope",
        sku: { name: "Standard" },
        properties: { monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Disabled" } } },
      },
      FAST_POLLING,
    );
    expect(created.properties?.monitoringSettings?.azureMonitorAlertSettings?.alertsForAllJobFailures).toBe("Disabled");
    const row = await db.vault.findFirstOrThrow({ where: { nameKey: "vault-api-quiet" } });
    expect(row.alertsForAllJobFailures).toBe(false);
    const updated = await vaults.vaults.createOrUpdate(
      group,
      "vault-api-quiet",
      {
        location: "westeurope",
        properties: { monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Enabled" } } },
      },
      FAST_POLLING,
    );
    expect(updated.properties?.monitoringSettings?.azureMonitorAlertSettings?.alertsForAllJobFailures).toBe("Enabled");
    expect((await db.vault.findUniqueOrThrow({ where: { id: row.id } })).alertsForAllJobFailures).toBe(true);
    expect(
      await db.activityLogEntry.count({ where: { vaultId: row.id, operation: "Change monitoring settings" } }),
    ).toBe(1);

    const invalid = await fetch(
      `${armEndpoint(server.baseUrl)}/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${group}/providers/Microsoft.RecoveryServices/vaults/vault-api-quiet?api-version=2025-02-01`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          location: "westeurope",
          properties: { monitoringSettings: { azureMonitorAlertSettings: { alertsForAllJobFailures: "Off" } } },
        }),
      },
    );
    expect(invalid.status).toBe(400);
    const error = ((await invalid.json()) as { error: { details: Array<{ target: string }> } }).error;
    expect(error.details.map((detail) => detail.target)).toEqual([
      "properties.monitoringSettings.azureMonitorAlertSettings.alertsForAllJobFailures",
    ]);
    expect((await db.vault.findUniqueOrThrow({ where: { id: row.id } })).alertsForAllJobFailures).toBe(true);
  });

  it("keeps a vault's tags: set on create, replaced by vaults.update (PATCH), read back; a forbidden name is refused with its field and changes nothing", async () => {
    const group = "rg-api-tags";
    const created = await vaults.vaults.createOrUpdate(
      group,
      "vault-api-tagged",
      { location: "westus", sku: { name: "Standard" }, tags: { env: "test", owner: "ops" } },
      FAST_POLLING,
    );
    expect(created.tags).toEqual({ env: "test", owner: "ops" });
    const updated = await vaults.vaults.update(
      group,
      "vault-api-tagged",
      { tags: { env: "production" } },
      FAST_POLLING,
    );
    expect(updated.tags).toEqual({ env: "production" });
    expect((await vaults.vaults.get(group, "vault-api-tagged")).tags).toEqual({ env: "production" });
    const row = await db.vault.findFirstOrThrow({ where: { nameKey: "vault-api-tagged" } });
    const logged = await db.activityLogEntry.findFirstOrThrow({
      where: { vaultId: row.id, operation: "Update tags" },
    });
    expect(JSON.stringify(logged)).toContain("env : production");

    const refused = await fetch(
      `${armEndpoint(server.baseUrl)}/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${group}/providers/Microsoft.RecoveryServices/vaults/vault-api-tagged?api-version=2025-02-01`,
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
        body: JSON.stringify({ tags: { "cost/center": "42" } }),
      },
    );
    expect(refused.status).toBe(400);
    const error = ((await refused.json()) as { error: { details: Array<{ target: string; message: string }> } }).error;
    expect(error.details[0].target).toMatch(/^tags/);
    expect(error.details[0].message).toContain("can't contain");
    expect((await vaults.vaults.get(group, "vault-api-tagged")).tags).toEqual({ env: "production" });
  });

  // ---- policies ------------------------------------------------------------------------------

  it("creates a VM policy from Azure's spec example and a Backup Agent policy; $filter lists by type", async () => {
    const vmDaily = await backup.protectionPolicies.createOrUpdate(VAULT, RG, "VmDaily", {
      properties: examplePolicy("iaasvm_simple.json"),
    });
    expect(vmDaily.name).toBe("VmDaily");
    sameId(vmDaily.id, `${VAULT_ID}/backupPolicies/VmDaily`);
    const mabDaily = await backup.protectionPolicies.createOrUpdate(VAULT, RG, "MabDaily", { properties: MAB_DAILY });
    expect(mabDaily.name).toBe("MabDaily");

    const readVm = await backup.protectionPolicies.get(VAULT, RG, "VmDaily");
    policyIds.vmDaily = readVm.id!;
    const vmPolicy = readVm.properties as AzureIaaSVMProtectionPolicy;
    expect(vmPolicy).toMatchObject({ backupManagementType: "AzureIaasVM", timeZone: "Pacific Standard Time" });
    expect((vmPolicy.schedulePolicy as SimpleSchedulePolicy).scheduleRunFrequency).toBe("Daily");
    expect((vmPolicy.retentionPolicy as LongTermRetentionPolicy).dailySchedule?.retentionDuration).toEqual({
      count: 1,
      durationType: "Days",
    });

    const readMab = await backup.protectionPolicies.get(VAULT, RG, "MabDaily");
    policyIds.mabDaily = readMab.id!;
    const mabPolicy = readMab.properties as MabProtectionPolicy;
    expect(mabPolicy.backupManagementType).toBe("MAB");
    const schedule = mabPolicy.schedulePolicy as SimpleSchedulePolicy;
    expect(schedule.scheduleRunFrequency).toBe("Daily");
    expect(new Date(schedule.scheduleRunTimes![0]).getUTCHours()).toBe(22);
    expect((mabPolicy.retentionPolicy as LongTermRetentionPolicy).dailySchedule?.retentionDuration).toEqual({
      count: 30,
      durationType: "Days",
    });

    // Every vault starts with DefaultPolicy (Azure VM); the filter leaves only the MAB one.
    const all = (await collect(backup.backupPolicies.list(VAULT, RG))).map((policy) => policy.name!);
    expect(all.sort()).toEqual(["DefaultPolicy", "MabDaily", "VmDaily"]);
    const mab = await collect(backup.backupPolicies.list(VAULT, RG, { filter: "backupManagementType eq 'MAB'" }));
    expect(mab.map((policy) => policy.name)).toEqual(["MabDaily"]);

    const portal = await listPolicies(db, vaultId);
    expect(portal.map((policy) => [policy.name, policy.backupManagementType]).sort()).toEqual([
      ["DefaultPolicy", "AzureIaasVM"],
      ["MabDaily", "MAB"],
      ["VmDaily", "AzureIaasVM"],
    ]);
  });

  // ---- protection ----------------------------------------------------------------------------

  it("enables protection of a VM and of a Backup Agent folder: 202, then the operation, then IRPending", async () => {
    const recorder = responseRecorder();
    await backup.protectedItems.createOrUpdate(
      VAULT,
      RG,
      FABRIC,
      VM1.container,
      VM1.item,
      {
        properties: {
          protectedItemType: "Microsoft.Compute/virtualMachines",
          sourceResourceId: VM1.sourceResourceId,
          policyId: policyIds.vmDaily,
        },
      },
      recorder.options,
    );
    const headers = acceptedHeaders(server.baseUrl, recorder.last);
    expect(headers.asyncPath.toLowerCase()).toMatch(
      new RegExp(`^/api/arm${escapeRegExp(itemPath(VM1).toLowerCase())}/operationsstatus/[^/]+$`),
    );
    expect(headers.locationPath.toLowerCase()).toMatch(
      new RegExp(`^/api/arm${escapeRegExp(itemPath(VM1).toLowerCase())}/operationresults/[^/]+$`),
    );
    await itemOperationSucceeds(backup, VAULT, RG, VM1, operationIdOf(headers.asyncOperation));

    const vm = await getItem<AzureIaaSComputeVMProtectedItem>(VM1);
    expect(vm).toMatchObject({
      protectedItemType: "Microsoft.Compute/virtualMachines",
      backupManagementType: "AzureIaasVM",
      workloadType: "VM",
      friendlyName: "vm-api01",
      protectionState: "IRPending",
    });
    sameId(vm.policyId, policyIds.vmDaily);
    sameId(vm.sourceResourceId, VM1.sourceResourceId);

    expect(
      await putItem(FOLDER, {
        protectedItemType: "MabFileFolderProtectedItem",
        friendlyName: FOLDER.friendlyName,
        computerName: FOLDER.computerName,
        policyId: policyIds.mabDaily,
      }),
    ).toBe(202);
    const folder = await getItem<MabFileFolderProtectedItem>(FOLDER);
    expect(folder).toMatchObject({
      protectedItemType: "MabFileFolderProtectedItem",
      backupManagementType: "MAB",
      friendlyName: "C:\\Data",
      computerName: "fs-api.contoso.com",
      protectionState: "IRPending",
    });
    sameId(folder.policyId, policyIds.mabDaily);

    // The portal's lists show both, in the same state.
    expect(
      (await listItems(db, vaultId, "AzureIaasVM", {})).rows.map((row) => [row.friendlyName, row.protectionState]),
    ).toEqual([["vm-api01", "IRPending"]]);
    expect(
      (await listItems(db, vaultId, "MAB", {})).rows.map((row) => [row.friendlyName, row.protectionState]),
    ).toEqual([["C:\\Data", "IRPending"]]);
  });

  it("Backup now: 202, the operation names the job, the job completes, the point keeps the requested expiry", async () => {
    const retainUntil = new Date(Date.now() + 30 * DAY_MS);
    retainUntil.setUTCHours(12, 34, 56, 0);
    const recorder = responseRecorder();
    await backup.backups.trigger(
      VAULT,
      RG,
      FABRIC,
      VM1.container,
      VM1.item,
      { properties: { objectType: "IaasVMBackupRequest", recoveryPointExpiryTimeInUTC: retainUntil } },
      recorder.options,
    );
    const headers = acceptedHeaders(server.baseUrl, recorder.last);
    expect(headers.asyncPath.toLowerCase()).toContain(`${itemPath(VM1).toLowerCase()}/operationsstatus/`);

    const operation = await itemOperationSucceeds(backup, VAULT, RG, VM1, operationIdOf(headers.asyncOperation));
    const { objectType, jobId } = operation.properties as OperationStatusJobExtendedInfo;
    expect(objectType).toBe("OperationStatusJobExtendedInfo");
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/i);

    const job = await waitForJob(backup, VAULT, RG, jobId!);
    expect(job.name).toBe(jobId);
    expect(job.properties).toMatchObject({
      jobType: "AzureIaaSVMJob",
      operation: "Backup",
      status: "Completed",
      entityFriendlyName: "vm-api01",
      backupManagementType: "AzureIaasVM",
    });

    const points = await collect(backup.recoveryPoints.list(VAULT, RG, FABRIC, VM1.container, VM1.item));
    const expiryOf = (properties: unknown) =>
      new Date((properties as IaasVMRecoveryPoint).recoveryPointProperties?.expiryTime ?? NaN).getTime();
    const onDemand = points.find((point) => expiryOf(point.properties) === retainUntil.getTime());
    expect(onDemand, JSON.stringify(points)).toBeDefined();
    expect(onDemand!.properties?.objectType).toBe("IaasVMRecoveryPoint");
    const again = await backup.recoveryPoints.get(VAULT, RG, FABRIC, VM1.container, VM1.item, onDemand!.name!);
    expect(again.name).toBe(onDemand!.name);
    expect(expiryOf(again.properties)).toBe(retainUntil.getTime());

    // The portal: the job's point expires at the same instant; the first backup made the item Protected.
    const point = await db.recoveryPoint.findFirstOrThrow({ where: { jobId } });
    expect(point.expiresAt?.getTime()).toBe(retainUntil.getTime());
    expect(point.isOnDemand).toBe(true);
    expect(await getItem<AzureIaaSComputeVMProtectedItem>(VM1)).toMatchObject({
      protectionState: "Protected",
      lastBackupStatus: "Completed",
    });
  });

  // ---- jobs ----------------------------------------------------------------------------------

  it("lists jobs page by page with Azure's $filter syntax, and the portal agrees", async () => {
    for (const vm of MORE_VMS) await protectVm(vm, policyIds.vmDaily);

    // Five ConfigureBackup jobs (four VMs, one folder) at page size 3: at least two pages.
    const configure = await jobNames("operation eq 'ConfigureBackup'");
    expect(configure.pages.length).toBeGreaterThanOrEqual(2);
    for (const page of configure.pages) expect(page.length).toBeLessThanOrEqual(3);
    expect(new Set(configure.names).size).toBe(configure.names.length);
    for (const job of configure.pages.flat()) expect(job.properties?.operation).toBe("ConfigureBackup");
    const inDb = await db.job.findMany({ where: { vaultId, operation: "ConfigureBackup" }, select: { id: true } });
    expect([...configure.names].sort()).toEqual(inDb.map((job) => job.id).sort());
    expect(configure.names.length).toBeGreaterThanOrEqual(5);
    // The portal's Backup jobs blade (last 24 hours) counts the same jobs.
    const blade = await listJobs(
      db,
      vaultId,
      jobFiltersSchema.parse({ operation: "ConfigureBackup" }),
      new Date(),
      "UTC",
    );
    expect(blade.total).toBe(configure.names.length);

    // Protected items, by type and page: the four VMs over two pages of three, the folder apart.
    const vmPages = await collectPages(
      backup.backupProtectedItems.list(VAULT, RG, {
        filter: "backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'",
      }),
    );
    expect(vmPages.length).toBe(2);
    expect(vmPages.flat().map((item) => (item.properties as { friendlyName?: string }).friendlyName)).toEqual([
      "vm-api01",
      "vm-api02",
      "vm-api03",
      "vm-api04",
    ]);
    expect(
      (await collect(backup.backupProtectedItems.list(VAULT, RG, { filter: "itemType eq 'FileFolder'" }))).map(
        (item) => (item.properties as { friendlyName?: string }).friendlyName,
      ),
    ).toEqual(["C:\\Data"]);
    expect(
      await collect(
        backup.backupProtectedItems.list(VAULT, RG, { filter: "backupManagementType eq 'MAB' and itemType eq 'VM'" }),
      ),
    ).toEqual([]);

    const mab = await jobNames("backupManagementType eq 'MAB' and operation eq 'ConfigureBackup'");
    expect(mab.names.length).toBeGreaterThanOrEqual(1);
    for (const job of mab.pages.flat())
      expect(job.properties).toMatchObject({
        jobType: "MabJob",
        backupManagementType: "MAB",
        operation: "ConfigureBackup",
      });
    const mabInDb = await db.job.findMany({
      where: { vaultId, operation: "ConfigureBackup", backupManagementType: "MAB" },
      select: { id: true },
    });
    expect([...mab.names].sort()).toEqual(mabInDb.map((job) => job.id).sort());

    // Times in Azure's literal format: the last hour holds every job so far; two days ago none.
    const now = Date.now();
    const recent = await jobNames(
      `startTime eq '${azureFilterTime(new Date(now - 3_600_000))}' and endTime eq '${azureFilterTime(new Date(now + 3_600_000))}'`,
    );
    const allInDb = await db.job.findMany({ where: { vaultId }, select: { id: true } });
    expect([...recent.names].sort()).toEqual(allInDb.map((job) => job.id).sort());
    const past = await jobNames(
      `startTime eq '${azureFilterTime(new Date(now - 3 * DAY_MS))}' and endTime eq '${azureFilterTime(new Date(now - 2 * DAY_MS))}'`,
    );
    expect(past.names).toEqual([]);
  });

  // ---- changing protection ------------------------------------------------------------------

  it("switches an item to another policy with a PUT of the new policyId", async () => {
    await backup.protectionPolicies.createOrUpdate(VAULT, RG, "VmComplex", {
      properties: examplePolicy("iaasvm_complex.json"),
    });
    policyIds.vmComplex = (await backup.protectionPolicies.get(VAULT, RG, "VmComplex")).id!;

    await putItem(VM1, {
      protectedItemType: "Microsoft.Compute/virtualMachines",
      sourceResourceId: VM1.sourceResourceId,
      policyId: policyIds.vmComplex,
    });
    const vm = await getItem<AzureIaaSComputeVMProtectedItem>(VM1);
    sameId(vm.policyId, policyIds.vmComplex);
    expect(vm.protectionState).toBe("Protected");

    const dashboard = await getItemDashboard(db, vaultId, (await itemRow(VM1)).id);
    expect(dashboard?.item.policy?.name).toBe("VmComplex");
  });

  it("stops protection retaining the data (Backup now is refused then) and resumes it", async () => {
    await putItem(VM1, {
      protectedItemType: "Microsoft.Compute/virtualMachines",
      sourceResourceId: VM1.sourceResourceId,
      protectionState: "ProtectionStopped",
      policyId: "",
    });
    const stopped = await getItem<AzureIaaSComputeVMProtectedItem>(VM1);
    expect(stopped.protectionState).toBe("ProtectionStopped");
    expect(stopped.policyId ?? "").toBe("");
    expect((await itemRow(VM1)).protectionState).toBe("ProtectionStopped");
    const disable = await jobNames("operation eq 'DisableBackup'");
    expect(disable.pages.flat().map((job) => job.properties?.entityFriendlyName)).toContain("vm-api01");

    await expectRestError(
      backup.backups.trigger(VAULT, RG, FABRIC, VM1.container, VM1.item, {
        properties: {
          objectType: "IaasVMBackupRequest",
          recoveryPointExpiryTimeInUTC: new Date(Date.now() + DAY_MS),
        },
      }),
      400,
      "UserErrorInvalidProtectionState",
    );

    // Resume = the enable PUT again; the item has a recovery point, so it is Protected at once.
    await putItem(VM1, {
      protectedItemType: "Microsoft.Compute/virtualMachines",
      sourceResourceId: VM1.sourceResourceId,
      policyId: policyIds.vmComplex,
    });
    const resumed = await getItem<AzureIaaSComputeVMProtectedItem>(VM1);
    expect(resumed.protectionState).toBe("Protected");
    sameId(resumed.policyId, policyIds.vmComplex);
  });

  it("stops protection and deletes the data: 202 with vault-level operation headers, then soft delete", async () => {
    const [vm2] = MORE_VMS;
    const recorder = responseRecorder();
    await backup.protectedItems.delete(VAULT, RG, FABRIC, vm2.container, vm2.item, recorder.options);
    const headers = acceptedHeaders(server.baseUrl, recorder.last);
    expect(headers.asyncPath.toLowerCase()).toMatch(
      new RegExp(`^/api/arm${escapeRegExp(VAULT_ID.toLowerCase())}/backupoperations/[^/]+$`),
    );
    expect(headers.locationPath.toLowerCase()).toMatch(
      new RegExp(`^/api/arm${escapeRegExp(VAULT_ID.toLowerCase())}/backupoperationresults/[^/]+$`),
    );
    const operationId = operationIdOf(headers.asyncOperation);
    expect(operationIdOf(headers.location)).toBe(operationId);

    const operation = await waitFor(
      `delete operation ${operationId}`,
      () => backup.backupOperationStatuses.get(VAULT, RG, operationId),
      (status) => TERMINAL_OPERATION.includes(status.status ?? ""),
    );
    expect(operation.status, JSON.stringify(operation.error)).toBe("Succeeded");

    // Soft delete is on by default: the item stays, scheduled for deletion, and can be undeleted (isRehydrate).
    const row = await itemRow(vm2);
    expect(row.deletedAt).not.toBeNull();
    expect(row.purgeAt!.getTime()).toBeGreaterThan(Date.now() + 13 * DAY_MS);
    const item = await getItem<AzureIaaSComputeVMProtectedItem>(vm2);
    expect(item).toMatchObject({ isScheduledForDeferredDelete: true, protectionState: "ProtectionStopped" });
    await putItem(vm2, {
      protectedItemType: "Microsoft.Compute/virtualMachines",
      sourceResourceId: vm2.sourceResourceId,
      isRehydrate: true,
      protectionState: "ProtectionStopped",
    });
    expect(await getItem<AzureIaaSComputeVMProtectedItem>(vm2)).toMatchObject({
      isScheduledForDeferredDelete: false,
      protectionState: "ProtectionStopped",
    });
    expect((await itemRow(vm2)).deletedAt).toBeNull();
    await backup.protectedItems.delete(VAULT, RG, FABRIC, vm2.container, vm2.item);
    expect((await itemRow(vm2)).deletedAt).not.toBeNull();
  });

  it("deletes a policy only when no item uses it", async () => {
    await expectRestError(
      backup.protectionPolicies.beginDeleteAndWait(VAULT, RG, "VmDaily", FAST_POLLING),
      409,
      "PolicyInUse",
    );
    expect((await backup.protectionPolicies.get(VAULT, RG, "VmDaily")).name).toBe("VmDaily");

    await backup.protectionPolicies.createOrUpdate(VAULT, RG, "VmUnused", {
      properties: examplePolicy("iaasvm_simple.json"),
    });
    await backup.protectionPolicies.beginDeleteAndWait(VAULT, RG, "VmUnused", FAST_POLLING);
    await expectRestError(backup.protectionPolicies.get(VAULT, RG, "VmUnused"), 404);
    expect(await db.backupPolicy.count({ where: { vaultId, nameKey: "vmunused" } })).toBe(0);
  });

  // ---- errors --------------------------------------------------------------------------------

  it("refuses invalid policies and unknown resources with Azure's error envelope", async () => {
    const invalid = examplePolicy("iaasvm_simple.json");
    (invalid.retentionPolicy as LongTermRetentionPolicy).dailySchedule!.retentionDuration!.count = 0;
    const error = await expectRestError(
      backup.protectionPolicies.createOrUpdate(VAULT, RG, "VmInvalid", { properties: invalid }),
      400,
      "BMSUserErrorInvalidPolicyInput",
    );
    expect(error.message).toContain("retentionPolicy.dailySchedule.retentionDuration.count");
    // The SDK sends an unknown discriminator with the base fields only: it must not become an empty policy.
    const unknownType = { backupManagementType: "NotARealBackupManagementType" } as unknown as ProtectionPolicyUnion;
    await expectRestError(
      backup.protectionPolicies.createOrUpdate(VAULT, RG, "VmUnknown", { properties: unknownType }),
      400,
      "BMSUserErrorInvalidPolicyInput",
    );
    expect(await db.backupPolicy.count({ where: { vaultId, nameKey: { in: ["vminvalid", "vmunknown"] } } })).toBe(0);

    // Protection with a policy that doesn't exist, or of the other kind of item.
    const vm = vmNames("vm-api-nopolicy");
    await expectRestError(
      putItemDirect(vm, `${VAULT_ID}/backupPolicies/NoSuchPolicy`),
      400,
      "BMSUserErrorPolicyNotFound",
    );
    await expectRestError(putItemDirect(vm, policyIds.mabDaily), 400, "BMSUserErrorPolicyMismatch");

    await expectRestError(backup.protectionPolicies.get(VAULT, RG, "NoSuchPolicy"), 404);
    await expectRestError(getItem(vmNames("vm-nothing")), 404);
    await expectRestError(backup.recoveryPoints.get(VAULT, RG, FABRIC, VM1.container, VM1.item, "123456789"), 404);
    await expectRestError(backup.jobDetails.get(VAULT, RG, randomUUID()), 404);
    await expectRestError(backup.protectionPolicies.get("vault-nothing", RG, "VmDaily"), 404);
    await expectRestError(collect(backup.backupJobs.list("vault-nothing", RG)), 404);
    const missingVault = await expectRestError(vaults.vaults.get(RG, "vault-nothing"), 404, "ResourceNotFound");
    expect(missingVault.message).toContain("vault-nothing");
  });

  it("authenticates with the portal's API tokens and authorizes with the vault's roles", async () => {
    await expectRestError(vaultClient(server.baseUrl).vaults.get(RG, VAULT), 401, "AuthenticationFailed");
    await expectRestError(
      backupClient(server.baseUrl).protectedItems.get(VAULT, RG, FABRIC, VM1.container, VM1.item),
      401,
      "AuthenticationFailed",
    );
    const forged = `vp_000000000000_${"A".repeat(43)}`;
    await expectRestError(
      backupClient(server.baseUrl, forged).protectedItems.get(VAULT, RG, FABRIC, VM1.container, VM1.item),
      401,
      "InvalidAuthenticationToken",
    );

    // A user without a role on the vault doesn't see it; with Reader they read but can't act.
    const asReader = backupClient(server.baseUrl, readerToken);
    await expectRestError(
      asReader.protectedItems.get(VAULT, RG, FABRIC, VM1.container, VM1.item),
      403,
      "AuthorizationFailed",
    );
    okData(await assignRole(db, { vaultId, userId: reader.userId, role: "Reader" }, owner));
    const vm3 = MORE_VMS[1];
    const readByReader = await asReader.protectedItems.get(VAULT, RG, FABRIC, vm3.container, vm3.item);
    expect((readByReader.properties as AzureIaaSComputeVMProtectedItem).friendlyName).toBe("vm-api03");
    expect(
      (await collect(vaultClient(server.baseUrl, readerToken).vaults.listBySubscriptionId())).map(
        (vault) => vault.name,
      ),
    ).toEqual([VAULT]);

    const jobsBefore = await db.job.count({ where: { vaultId } });
    await expectRestError(
      asReader.backups.trigger(VAULT, RG, FABRIC, vm3.container, vm3.item, {
        properties: {
          objectType: "IaasVMBackupRequest",
          recoveryPointExpiryTimeInUTC: new Date(Date.now() + DAY_MS),
        },
      }),
      403,
      "AuthorizationFailed",
    );
    await expectRestError(
      asReader.protectionPolicies.createOrUpdate(VAULT, RG, "ReaderPolicy", {
        properties: examplePolicy("iaasvm_simple.json"),
      }),
      403,
      "AuthorizationFailed",
    );
    await expectRestError(
      vaultClient(server.baseUrl, readerToken).vaults.createOrUpdate(
        RG,
        "vault-reader",
        { location: "westeurope", sku: { name: "Standard" } },
        FAST_POLLING,
      ),
      403,
      "AuthorizationFailed",
    );
    expect(await db.job.count({ where: { vaultId } })).toBe(jobsBefore);
    expect(await db.vault.count({ where: { nameKey: "vault-reader" } })).toBe(0);
  });

  it("raw HTTP: api-version is required, unknown paths get a JSON 404, paths match case-insensitively and percent-decoded", async () => {
    const missingVersion = await armFetch(VAULT_ID);
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await missingVersion.json()).toMatchObject({
      error: { code: "MissingApiVersionParameter", message: expect.any(String) },
    });

    const unknownPath = await armFetch(
      `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Nothing/things?api-version=2023-06-01`,
    );
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await unknownPath.json()).toMatchObject({
      error: { code: expect.stringMatching(/\S/), message: expect.any(String) },
    });

    const variants = [
      `/Subscriptions/${SUBSCRIPTION_ID}/resourcegroups/RG-API/providers/microsoft.recoveryservices/VAULTS/Vault-Api?api-version=2026-07-01`,
      `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg%2Dapi/providers/Microsoft.RecoveryServices/vaults/vault%2Dapi?api-version=2025-02-01`,
    ];
    for (const path of variants) {
      const response = await armFetch(path);
      expect(response.status, path).toBe(200);
      const vault = (await response.json()) as { id: string; name: string };
      expect(vault.name).toBe(VAULT);
      sameId(vault.id, VAULT_ID);
    }

    // An item by its ARM names, with `;` percent-encoded (as the SDK sends it) or literal (as curl users type it).
    const vm3 = MORE_VMS[1];
    for (const path of [
      `${VAULT_ID}/backupFabrics/Azure/protectionContainers/${encodeURIComponent(vm3.container)}/protectedItems/${encodeURIComponent(vm3.item)}?api-version=2023-06-01`,
      `${VAULT_ID}/backupFabrics/Azure/protectionContainers/${vm3.container}/protectedItems/${vm3.item.toUpperCase()}?api-version=2023-06-01`,
    ]) {
      const response = await armFetch(path);
      expect(response.status, path).toBe(200);
      expect(((await response.json()) as { properties: { friendlyName: string } }).properties.friendlyName).toBe(
        "vm-api03",
      );
    }
  });

  // ---- the emulator's own -------------------------------------------------------------------

  it("manages simulated VMs at Microsoft.Compute paths: a VM deleted behind backup's back fails its next backup", async () => {
    const vmPath = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vms/providers/Microsoft.Compute/virtualMachines/vm-api05`;
    const put = (body: unknown) =>
      fetch(`${armEndpoint(server.baseUrl)}${vmPath}?api-version=2024-07-01`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const invalid = await put({ properties: { storageProfile: { osDisk: { osType: "Plan9" } } } });
    expect(invalid.status).toBe(400);
    expect(
      ((await invalid.json()) as { error: { code: string; details: Array<{ target: string }> } }).error.details.map(
        (detail) => detail.target,
      ),
    ).toEqual(expect.arrayContaining(["location", "properties.storageProfile.osDisk.osType"]));
    const created = await put({
      location: "West Europe",
      properties: { storageProfile: { osDisk: { osType: "Linux", diskSizeGB: 64 } } },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: "vm-api05",
      location: "westeurope",
      properties: { storageProfile: { osDisk: { osType: "Linux", diskSizeGB: 64 } } },
    });
    expect(await db.virtualMachine.findFirst({ where: { name: "vm-api05" } })).toMatchObject({
      osType: "Linux",
      sizeGb: 64,
      deletedAt: null,
    });
    expect((await armFetch(`${vmPath}?api-version=2024-07-01`)).status).toBe(200);

    const vm5 = vmNames("vm-api05");
    await protectVm(vm5, policyIds.vmDaily);
    const deleted = await fetch(`${armEndpoint(server.baseUrl)}${vmPath}?api-version=2024-07-01`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(deleted.status).toBe(200);
    expect((await armFetch(`${vmPath}?api-version=2024-07-01`)).status).toBe(404);
    // The item stays; its next backup fails as Azure's does when the VM is gone.
    const recorder = responseRecorder();
    await backup.backups.trigger(
      VAULT,
      RG,
      FABRIC,
      vm5.container,
      vm5.item,
      { properties: { objectType: "IaasVMBackupRequest" } },
      recorder.options,
    );
    const { jobId } = (
      await itemOperationSucceeds(
        backup,
        VAULT,
        RG,
        vm5,
        operationIdOf(acceptedHeaders(server.baseUrl, recorder.last).asyncOperation),
      )
    ).properties as OperationStatusJobExtendedInfo;
    const job = await waitForJob(backup, VAULT, RG, jobId!);
    expect(job.properties?.status).toBe("Failed");
    expect((job.properties as AzureIaaSVMJob).errorDetails?.[0]).toMatchObject({
      errorTitle: "UserErrorVmNotFoundV2",
    });

    // A Reader can't change the inventory.
    const asReader = await fetch(
      `${armEndpoint(server.baseUrl)}${vmPath.replace("vm-api05", "vm-reader")}?api-version=2024-07-01`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${readerToken}`, "content-type": "application/json" },
        body: JSON.stringify({ location: "westeurope" }),
      },
    );
    expect(asReader.status).toBe(403);
  });

  it("describes what it implements in an OpenAPI document generated from the request schemas", async () => {
    const response = await fetch(`${armEndpoint(server.baseUrl)}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
          }
        >
      >;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0].url).toBe(armEndpoint(server.baseUrl));
    const operations = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "Vaults_CreateOrUpdate",
        "ProtectionPolicies_CreateOrUpdate",
        "ProtectedItems_CreateOrUpdate",
        "Backups_Trigger",
        "BackupJobs_List",
        "RecoveryPoints_List",
        "JobCancellations_Trigger",
      ]),
    );
    const trigger = Object.values(document.paths)
      .flatMap((methods) => Object.values(methods))
      .find((operation) => operation.operationId === "Backups_Trigger")!;
    expect(JSON.stringify(trigger.requestBody)).toContain("recoveryPointExpiryTimeInUTC");
  });

  // ---- the other way round -------------------------------------------------------------------

  it("changes made through the portal's services show through the API", async () => {
    const [, vm3, vm4] = MORE_VMS;
    okData(await stopBackup(db, { vaultId, itemId: (await itemRow(vm3)).id, mode: "retain" }, owner));
    expect((await getItem<AzureIaaSComputeVMProtectedItem>(vm3)).protectionState).toBe("ProtectionStopped");

    const { jobId } = okData(
      await backupNow(
        db,
        { vaultId, itemId: (await itemRow(vm4)).id, retainUntil: new Date(Date.now() + 7 * DAY_MS) },
        owner,
      ),
    );
    const job = await backup.jobDetails.get(VAULT, RG, jobId);
    expect(job.properties).toMatchObject({
      operation: "Backup",
      entityFriendlyName: "vm-api04",
      backupManagementType: "AzureIaasVM",
    });
    expect((job.properties as AzureIaaSVMJob).jobType).toBe("AzureIaaSVMJob");
    expect((await jobNames("operation eq 'Backup'")).names).toContain(jobId);

    // That job waits for an engine (the test process runs none): cancelling it through the API cancels it at once.
    expect((job.properties as AzureIaaSVMJob).actionsInfo).toEqual(["Cancellable"]);
    const recorder = responseRecorder();
    await backup.jobCancellations.trigger(VAULT, RG, jobId, recorder.options);
    expect(recorder.last.status).toBe(202);
    const location = recorder.header("location")!;
    expect(decodeURIComponent(new URL(location).pathname).toLowerCase()).toContain(
      `${VAULT_ID.toLowerCase()}/backupjobs/${jobId}/operationresults/`,
    );
    await backup.jobOperationResults.get(VAULT, RG, jobId, operationIdOf(location));
    expect((await backup.jobDetails.get(VAULT, RG, jobId)).properties?.status).toBe("Cancelled");
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("Cancelled");
    await expectRestError(backup.jobCancellations.trigger(VAULT, RG, jobId), 400, "BMSUserErrorJobNotCancellable");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
