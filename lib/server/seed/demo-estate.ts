// The demo estate seeded on first start: 3 vaults in 2 resource groups and 2 regions, 12 VMs,
// 3 Backup Agent servers, their policies and 30 days of history.
import { randomUUID } from "node:crypto";
import { fileFolderBackupNames, virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import type { SubTask } from "@/lib/domain/jobs/display";
import { JOB_ERRORS } from "@/lib/domain/jobs/errors";
import { DEFAULT_POLICY_NAME } from "@/lib/domain/policy/defaults";
import type { Db } from "@/lib/server/db";
import { createPolicyRow, rulesOfStoredPolicy } from "@/lib/server/services/policies";
import { createVault } from "@/lib/server/services/vaults";
import { filesPolicy, sqlServersPolicy } from "./demo-policies";
import { type HistoryItem, seededRandom, simulateHistory } from "./history";

export const DEMO_SUBSCRIPTION_ID = "6b1f2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d";
export const DEMO_ADMIN = "admin@contoso.com";

const GB = 1024 ** 3;
const DAY = 86_400_000;

type VmSpec = { name: string; resourceGroup: string; location: string; osType: string; sizeGb: number; changeRate: number };

const VMS: VmSpec[] = [
  { name: "web-01", resourceGroup: "rg-web-prod", location: "westeurope", osType: "Linux", sizeGb: 64, changeRate: 0.02 },
  { name: "web-02", resourceGroup: "rg-web-prod", location: "westeurope", osType: "Linux", sizeGb: 64, changeRate: 0.02 },
  { name: "web-03", resourceGroup: "rg-web-prod", location: "westeurope", osType: "Linux", sizeGb: 64, changeRate: 0.03 },
  { name: "sql-01", resourceGroup: "rg-data-prod", location: "westeurope", osType: "Windows", sizeGb: 512, changeRate: 0.05 },
  { name: "sql-02", resourceGroup: "rg-data-prod", location: "westeurope", osType: "Windows", sizeGb: 512, changeRate: 0.04 },
  { name: "app-01", resourceGroup: "rg-app-prod", location: "westeurope", osType: "Windows", sizeGb: 128, changeRate: 0.03 },
  { name: "app-02", resourceGroup: "rg-app-prod", location: "westeurope", osType: "Windows", sizeGb: 128, changeRate: 0.03 },
  { name: "legacy-app-01", resourceGroup: "rg-app-prod", location: "westeurope", osType: "Windows", sizeGb: 256, changeRate: 0.01 },
  { name: "jumpbox-01", resourceGroup: "rg-ops", location: "westeurope", osType: "Windows", sizeGb: 128, changeRate: 0.01 },
  { name: "build-agent-01", resourceGroup: "rg-ops", location: "westeurope", osType: "Linux", sizeGb: 256, changeRate: 0.1 },
  { name: "dc-dr-01", resourceGroup: "rg-dr-eastus", location: "eastus", osType: "Windows", sizeGb: 128, changeRate: 0.01 },
  { name: "web-dr-01", resourceGroup: "rg-dr-eastus", location: "eastus", osType: "Linux", sizeGb: 64, changeRate: 0.02 },
];

const SERVERS = [
  { name: "fs01.contoso.com", osType: "Windows Server 2022", vault: "files", folders: [["D:\\Shares\\Finance", 180, 0.02], ["D:\\Shares\\HR", 40, 0.01], ["D:\\Shares\\Engineering", 900, 0.04]] },
  { name: "fs02.contoso.com", osType: "Windows Server 2019", vault: "files", folders: [["C:\\Users", 120, 0.03], ["E:\\Archive", 2000, 0.001]] },
  { name: "erp01.contoso.com", osType: "Windows Server 2022", vault: "dr", folders: [["D:\\ERP\\Data", 300, 0.05], ["D:\\ERP\\Exports", 50, 0.1]] },
] as const;

type StoredPolicy = { id: string; timeZone: string; properties: unknown };

function configureJob(vaultId: string, itemId: string, friendlyName: string, type: HistoryItem["backupManagementType"], at: Date) {
  const end = new Date(at.getTime() + 35_000);
  const subTasks: SubTask[] = [];
  return {
    id: randomUUID(), vaultId, protectedItemId: itemId, operation: "ConfigureBackup" as const, status: "Completed" as const,
    startTime: at, endTime: end, entityFriendlyName: friendlyName, backupManagementType: type, subTasks, progressPercent: 100,
    initiatedBy: DEMO_ADMIN,
  };
}

/** Seeds the demo estate into an empty database. `now` is the moment the history ends. */
export async function seedDemoEstate(db: Db, now: Date): Promise<void> {
  const random = seededRandom(20261126);
  const vaultIds: Record<"prod" | "files" | "dr", string> = { prod: "", files: "", dr: "" };
  const vaultSpecs = [
    ["prod", "vault-prod-weu", "rg-backup-prod", "westeurope", "GeoRedundant"],
    ["files", "vault-files-weu", "rg-backup-prod", "westeurope", "LocallyRedundant"],
    ["dr", "vault-dr-eus", "rg-backup-dr", "eastus", "GeoRedundant"],
  ] as const;
  for (const [key, name, resourceGroup, location, storageRedundancy] of vaultSpecs) {
    const created = await createVault(db, { subscriptionId: DEMO_SUBSCRIPTION_ID, resourceGroup, name, location, storageRedundancy });
    if (!created.ok) throw new Error(`Seeding ${name}: ${created.message}`);
    vaultIds[key] = created.data.id;
  }
  await db.vault.updateMany({ data: { createdAt: new Date(now.getTime() - 120 * DAY) } });
  await db.dashboardPin.create({ data: { vaultId: vaultIds.prod } });

  const createNamed = (vaultId: string, policy: ReturnType<typeof filesPolicy>) => createPolicyRow(db, vaultId, policy.name, policy);
  const sqlPolicy = await createNamed(vaultIds.prod, sqlServersPolicy("Europe/Berlin", "W. Europe Standard Time"));
  const filesWeu = await createNamed(vaultIds.files, filesPolicy("Europe/Berlin", "W. Europe Standard Time"));
  const filesEus = await createNamed(vaultIds.dr, filesPolicy("America/New_York", "Eastern Standard Time"));
  const defaultPolicies = new Map(
    (await db.backupPolicy.findMany({ where: { name: DEFAULT_POLICY_NAME } })).map((policy) => [policy.vaultId, policy]),
  );

  const vms = new Map<string, { id: string; spec: VmSpec }>();
  for (const spec of VMS) {
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: DEMO_SUBSCRIPTION_ID, resourceGroup: spec.resourceGroup, name: spec.name, location: spec.location,
        osType: spec.osType, sizeGb: spec.sizeGb, dailyChangeRatePercent: spec.changeRate * 100,
        createdAt: new Date(now.getTime() - 200 * DAY),
      },
    });
    vms.set(spec.name, { id: vm.id, spec });
  }
  const folders = new Map<string, { id: string; server: string; path: string; sizeGb: number; changeRate: number; vault: "files" | "dr" }>();
  for (const server of SERVERS) {
    const registeredAt = new Date(now.getTime() - 60 * DAY);
    const created = await db.backupAgentServer.create({
      data: { name: server.name, osType: server.osType, vaultId: vaultIds[server.vault], registeredAt },
    });
    await db.job.create({
      data: {
        vaultId: vaultIds[server.vault], operation: "Register", status: "Completed", startTime: registeredAt,
        endTime: new Date(registeredAt.getTime() + 20_000), entityFriendlyName: server.name, backupManagementType: "MAB",
        subTasks: [], progressPercent: 100, initiatedBy: DEMO_ADMIN,
      },
    });
    for (const [path, sizeGb, changeRate] of server.folders) {
      const folder = await db.fileFolderSource.create({
        data: { serverId: created.id, path, sizeGb, dailyChangeRatePercent: changeRate * 100 },
      });
      folders.set(`${server.name}|${path}`, { id: folder.id, server: server.name, path, sizeGb, changeRate, vault: server.vault });
    }
  }

  type Protection = {
    vault: "prod" | "files" | "dr";
    policy: StoredPolicy;
    since: Date;
    source: { vm: string } | { folder: string };
    vmDeletedAt?: Date;
    stoppedAt?: Date;
    softDeletedAt?: Date;
  };
  const daysAgo = (days: number, hour = 9) => new Date(now.getTime() - days * DAY - hour * 3_600_000);
  const protections: Protection[] = [
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(45), source: { vm: "web-01" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(45), source: { vm: "web-02" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(40), source: { vm: "web-03" }, stoppedAt: daysAgo(5) },
    { vault: "prod", policy: sqlPolicy, since: daysAgo(90), source: { vm: "sql-01" } },
    { vault: "prod", policy: sqlPolicy, since: daysAgo(20), source: { vm: "sql-02" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(25), source: { vm: "app-01" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: new Date(now.getTime() - 2 * 3_600_000), source: { vm: "app-02" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(60), source: { vm: "legacy-app-01" }, vmDeletedAt: daysAgo(3) },
    { vault: "dr", policy: defaultPolicies.get(vaultIds.dr)!, since: daysAgo(35), source: { vm: "dc-dr-01" } },
    { vault: "files", policy: filesWeu, since: daysAgo(50), source: { folder: "fs01.contoso.com|D:\\Shares\\Finance" } },
    { vault: "files", policy: filesWeu, since: daysAgo(50), source: { folder: "fs01.contoso.com|D:\\Shares\\HR" } },
    { vault: "files", policy: filesWeu, since: daysAgo(30), source: { folder: "fs02.contoso.com|C:\\Users" }, softDeletedAt: daysAgo(2) },
    { vault: "dr", policy: filesEus, since: daysAgo(40), source: { folder: "erp01.contoso.com|D:\\ERP\\Data" } },
  ];

  for (const protection of protections) {
    const vaultId = vaultIds[protection.vault];
    const vm = "vm" in protection.source ? vms.get(protection.source.vm)! : null;
    const folder = "folder" in protection.source ? folders.get(protection.source.folder)! : null;
    const type = vm ? "AzureIaasVM" : "MAB";
    const friendlyName = vm ? vm.spec.name : folder!.path;
    const names = vm ? virtualMachineBackupNames(vm.spec.resourceGroup, vm.spec.name) : fileFolderBackupNames(folder!.server, folder!.path);
    if (protection.vmDeletedAt && vm) await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: protection.vmDeletedAt } });
    const item = await db.protectedItem.create({
      data: {
        vaultId, backupManagementType: type, virtualMachineId: vm?.id, fileFolderSourceId: folder?.id, friendlyName,
        ...names, policyId: protection.policy.id, createdAt: protection.since,
      },
    });
    await db.job.create({ data: configureJob(vaultId, item.id, friendlyName, type, protection.since) });
    const historyEnd = protection.stoppedAt ?? protection.softDeletedAt ?? now;
    const history = simulateHistory(
      {
        id: item.id, vaultId, friendlyName, backupManagementType: type,
        sizeBytes: Math.round((vm ? vm.spec.sizeGb * 0.55 : folder!.sizeGb) * GB),
        dailyChangeRate: vm ? vm.spec.changeRate : folder!.changeRate,
        failAllAfter: protection.vmDeletedAt ? { at: protection.vmDeletedAt, failure: JOB_ERRORS.vmNotFound } : undefined,
      },
      rulesOfStoredPolicy(protection.policy),
      protection.since,
      historyEnd,
      random,
    );
    // Older jobs than 30 days are not part of the demo's history.
    const jobs = history.jobs.filter((job) => job.startTime.getTime() >= now.getTime() - 30 * DAY || history.points.some((point) => point.jobId === job.id));
    await db.job.createMany({ data: jobs.map((job) => ({ ...job, recommendations: job.recommendations ?? undefined })) });
    await db.recoveryPoint.createMany({ data: history.points });

    const itemUpdate: Parameters<Db["protectedItem"]["update"]>[0]["data"] = {};
    // The engine plans after the last slot of the history.
    const lastSlot = history.jobs.at(-1)?.scheduledFor;
    if (lastSlot) itemUpdate.lastScheduledFor = lastSlot;
    if (history.lastBackup) {
      itemUpdate.lastBackupStatus = history.lastBackup.status;
      itemUpdate.lastBackupTime = history.lastBackup.time;
    }
    if (history.points.length > 0) itemUpdate.protectionState = "Protected";
    if (protection.vmDeletedAt) {
      itemUpdate.protectionState = "ProtectionError";
      itemUpdate.preCheckStatus = "Critical";
      itemUpdate.healthDetails = [JOB_ERRORS.vmNotFound];
    } else if (vm?.spec.name === "app-01") {
      itemUpdate.preCheckStatus = "Warning";
      itemUpdate.healthDetails = [{ code: "UserErrorGuestAgentOutdated", title: "VM agent is out of date", message: "The VM agent on the virtual machine is older than the supported version.", recommendations: ["Update the VM agent to the latest version."] }];
    }
    if (protection.stoppedAt) {
      itemUpdate.protectionState = "ProtectionStopped";
      await db.job.create({
        data: {
          vaultId, protectedItemId: item.id, operation: "DisableBackup", status: "Completed", startTime: protection.stoppedAt,
          endTime: new Date(protection.stoppedAt.getTime() + 15_000), entityFriendlyName: friendlyName, backupManagementType: type,
          subTasks: [], progressPercent: 100, initiatedBy: DEMO_ADMIN,
        },
      });
    }
    if (protection.softDeletedAt) {
      itemUpdate.protectionState = "ProtectionStopped";
      itemUpdate.deletedAt = protection.softDeletedAt;
      itemUpdate.purgeAt = new Date(protection.softDeletedAt.getTime() + 14 * DAY);
      await db.job.create({
        data: {
          vaultId, protectedItemId: item.id, operation: "DeleteBackupData", status: "Completed", startTime: protection.softDeletedAt,
          endTime: new Date(protection.softDeletedAt.getTime() + 25_000), entityFriendlyName: friendlyName, backupManagementType: type,
          subTasks: [], progressPercent: 100, initiatedBy: DEMO_ADMIN,
        },
      });
    }
    if (Object.keys(itemUpdate).length > 0) await db.protectedItem.update({ where: { id: item.id }, data: itemUpdate });
  }
}

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await db.vault.count()) === 0 && (await db.virtualMachine.count()) === 0;
}

/** Removes every row, children first, so the demo can be seeded again. */
export async function clearDatabase(db: Db): Promise<void> {
  await db.$transaction([
    db.recoveryPoint.deleteMany(),
    db.job.deleteMany(),
    db.dashboardPin.deleteMany(),
    db.protectedItem.deleteMany(),
    db.backupPolicy.deleteMany(),
    db.fileFolderSource.deleteMany(),
    db.backupAgentServer.deleteMany(),
    db.virtualMachine.deleteMany(),
    db.vault.deleteMany(),
  ]);
}
