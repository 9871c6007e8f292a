// The portal's rows as ARM resources of Microsoft.RecoveryServices: ids, types and properties as
// Azure's REST API returns them (docs/rest-api-contract.md, "Resources the portal returns").
import { isoDuration } from "@/lib/domain/azure/arm-filter";
import { tagsOf } from "@/lib/domain/azure/tags";
import { exportAzurePolicy } from "@/lib/domain/policy/azure-json";
import type { SubTask } from "@/lib/domain/jobs/display";
import { describeFileRecovery, type FileRecoveryDetails } from "@/lib/domain/restore/file-recovery";
import { describeVmRestore, type VmRestoreDetails, type VmRestoreType } from "@/lib/domain/restore/vm-restore";

export const PROVIDER = "Microsoft.RecoveryServices";
export const FABRIC = "Azure";

type VaultRow = { subscriptionId: string; resourceGroup: string; name: string };

export function vaultArmId(vault: VaultRow): string {
  return `/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/${PROVIDER}/vaults/${vault.name}`;
}

export function policyArmId(vault: VaultRow, policyName: string): string {
  return `${vaultArmId(vault)}/backupPolicies/${policyName}`;
}

export function itemArmId(vault: VaultRow, item: { containerName: string; itemName: string }): string {
  return `${vaultArmId(vault)}/backupFabrics/${FABRIC}/protectionContainers/${item.containerName}/protectedItems/${item.itemName}`;
}

export function virtualMachineArmId(vm: { subscriptionId: string; resourceGroup: string; name: string }): string {
  return `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm.name}`;
}

const iso = (date: Date | null | undefined) => date?.toISOString();

export function vaultResource(
  vault: VaultRow & {
    id: string;
    location: string;
    storageRedundancy: string;
    softDeleteState: string;
    softDeleteRetentionDays: number;
    alertsForAllJobFailures: boolean;
    tags: unknown;
  },
) {
  return {
    id: vaultArmId(vault),
    name: vault.name,
    type: `${PROVIDER}/vaults`,
    location: vault.location,
    tags: tagsOf(vault.tags),
    sku: { name: "Standard" },
    properties: {
      provisioningState: "Succeeded",
      publicNetworkAccess: "Enabled",
      redundancySettings: { standardTierStorageRedundancy: vault.storageRedundancy, crossRegionRestore: "Disabled" },
      securitySettings: {
        softDeleteSettings: {
          softDeleteState: vault.softDeleteState,
          softDeleteRetentionPeriodInDays: vault.softDeleteRetentionDays,
        },
      },
      monitoringSettings: {
        azureMonitorAlertSettings: { alertsForAllJobFailures: vault.alertsForAllJobFailures ? "Enabled" : "Disabled" },
      },
    },
  };
}

export function policyResource(
  vault: VaultRow,
  policy: {
    id: string;
    name: string;
    properties: unknown;
    timeZone: string;
    windowsTimeZone: string | null;
    itemCount: number;
  },
) {
  const exported = exportAzurePolicy(policy);
  return {
    ...exported,
    id: policyArmId(vault, policy.name),
    properties: { ...exported.properties, protectedItemsCount: policy.itemCount },
  };
}

export type ItemRow = {
  containerName: string;
  itemName: string;
  backupManagementType: "AzureIaasVM" | "MAB";
  friendlyName: string;
  protectionState: string;
  preCheckStatus: "Passed" | "Warning" | "Critical";
  healthDetails: unknown;
  lastBackupStatus: string | null;
  lastBackupTime: Date | null;
  deletedAt: Date | null;
  purgeAt: Date | null;
  policy: { name: string } | null;
  virtualMachine: { subscriptionId: string; resourceGroup: string; name: string } | null;
  fileFolderSource: { server: { name: string } } | null;
};

/** The columns itemResource reads. */
export const ITEM_COLUMNS = {
  id: true,
  containerName: true,
  itemName: true,
  backupManagementType: true,
  friendlyName: true,
  protectionState: true,
  preCheckStatus: true,
  healthDetails: true,
  lastBackupStatus: true,
  lastBackupTime: true,
  deletedAt: true,
  purgeAt: true,
  policy: { select: { name: true } },
  virtualMachine: { select: { subscriptionId: true, resourceGroup: true, name: true } },
  fileFolderSource: { select: { server: { select: { name: true } } } },
} as const;

export type RecoveryPointStats = { oldest: Date | null; latest: Date | null; count: number };

const HEALTH_STATUS = { Passed: "Passed", Warning: "ActionSuggested", Critical: "ActionRequired" } as const;

export function itemResource(vault: VaultRow, item: ItemRow, stats: RecoveryPointStats) {
  const common = {
    backupManagementType: item.backupManagementType,
    friendlyName: item.friendlyName,
    containerName: item.containerName,
    policyId: item.policy ? policyArmId(vault, item.policy.name) : "",
    policyName: item.policy?.name,
    protectionState: item.protectionState,
    lastBackupStatus: item.lastBackupStatus ?? undefined,
    lastBackupTime: iso(item.lastBackupTime),
    isScheduledForDeferredDelete: item.deletedAt !== null,
    deferredDeleteTimeInUTC: iso(item.deletedAt),
  };
  const extendedInfo = { oldestRecoveryPoint: iso(stats.oldest), recoveryPointCount: stats.count };
  if (item.backupManagementType === "MAB") {
    return {
      id: itemArmId(vault, item),
      name: item.itemName,
      type: `${PROVIDER}/vaults/backupFabrics/protectionContainers/protectedItems`,
      properties: {
        ...common,
        protectedItemType: "MabFileFolderProtectedItem",
        workloadType: "FileFolder",
        computerName: item.fileFolderSource?.server.name,
        extendedInfo: { ...extendedInfo, lastRefreshedAt: iso(stats.latest) },
      },
    };
  }
  const vmId = item.virtualMachine ? virtualMachineArmId(item.virtualMachine) : undefined;
  return {
    id: itemArmId(vault, item),
    name: item.itemName,
    type: `${PROVIDER}/vaults/backupFabrics/protectionContainers/protectedItems`,
    properties: {
      ...common,
      protectedItemType: "Microsoft.Compute/virtualMachines",
      workloadType: "VM",
      sourceResourceId: vmId,
      virtualMachineId: vmId,
      protectionStatus: item.lastBackupStatus === "Failed" ? "Unhealthy" : "Healthy",
      healthStatus: HEALTH_STATUS[item.preCheckStatus],
      healthDetails: (item.healthDetails as unknown[] | null) ?? [],
      lastRecoveryPoint: iso(stats.latest),
      extendedInfo,
    },
  };
}

export type JobRow = {
  id: string;
  operation: string;
  status: string;
  startTime: Date;
  endTime: Date | null;
  entityFriendlyName: string;
  backupManagementType: "AzureIaasVM" | "MAB";
  isCancellable: boolean;
  initiatedBy: string;
  errorCode: string | null;
  errorMessage: string | null;
  recommendations: unknown;
  progressPercent: number;
  subTasks: unknown;
  restoreDetails: unknown;
  protectedItem: { containerName: string; fileFolderSource: { server: { name: string } } | null } | null;
};

export const JOB_COLUMNS = {
  id: true,
  operation: true,
  status: true,
  startTime: true,
  endTime: true,
  entityFriendlyName: true,
  backupManagementType: true,
  isCancellable: true,
  initiatedBy: true,
  errorCode: true,
  errorMessage: true,
  recommendations: true,
  progressPercent: true,
  subTasks: true,
  restoreDetails: true,
  protectedItem: {
    select: { containerName: true, fileFolderSource: { select: { server: { select: { name: true } } } } },
  },
} as const;

/** Azure's "Job Type" of a VM restore job ("Recover disks" is Azure's; the others follow it). */
const RESTORE_JOB_TYPES: Record<VmRestoreType, string> = {
  CreateVirtualMachine: "Recover to a new virtual machine",
  RestoreDisks: "Recover disks",
  ReplaceDisks: "Replace disks",
};

/** A time as Azure's property bags write it: UTC, `M/D/YYYY h:mm:ss AM`. */
function propertyBagTime(iso: string): string {
  const date = new Date(iso);
  const hours = date.getUTCHours();
  const pad = (value: number) => String(value).padStart(2, "0");
  const time = `${hours % 12 || 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${time}`;
}

/**
 * A restore job's property bag: the rows the portal's job details show, and the keys Azure's
 * restore jobs carry (az backup job show), which scripts read.
 */
function restorePropertyBag(details: VmRestoreDetails): Record<string, string> {
  const { target, source, outcome } = details;
  return {
    ...Object.fromEntries(describeVmRestore(details).map((row) => [row.label, row.value])),
    "Job Type": RESTORE_JOB_TYPES[target.type],
    // Azure's key ends with a space.
    "Recovery point time ": propertyBagTime(details.recoveryPoint.time),
    "Target Storage Account Name": target.stagingLocation,
    "Target resource group": target.type === "ReplaceDisks" ? source.resourceGroup : target.resourceGroup,
    "Target VM Name": target.type === "CreateVirtualMachine" ? target.vmName : source.vmName,
    ...(outcome?.createdVirtualMachine
      ? {
          "Target VM Id": virtualMachineArmId({
            subscriptionId: source.subscriptionId,
            resourceGroup: outcome.createdVirtualMachine.resourceGroup,
            name: outcome.createdVirtualMachine.name,
          }),
        }
      : {}),
  };
}

/**
 * A file recovery's property bag: the rows the portal's job details show, Azure's recovery point
 * key as VM restores have it, and once done the outcome's counts one per key, for scripts.
 */
function fileRecoveryPropertyBag(details: FileRecoveryDetails): Record<string, string> {
  const { outcome } = details;
  return {
    ...Object.fromEntries(describeFileRecovery(details).map((row) => [row.label, row.value])),
    "Recovery point time ": propertyBagTime(details.recoveryPoint.time),
    ...(outcome
      ? {
          "Files recovered": String(outcome.filesRecovered),
          "Bytes recovered": String(outcome.bytesRecovered),
          "Copies created": String(outcome.copiesCreated),
          "Files skipped": String(outcome.filesSkipped),
          "Files failed": String(outcome.failures.length),
        }
      : {}),
  };
}

/** A job resource; `extended` adds the tasks and progress that Azure returns only for a single job. */
export function jobResource(vault: VaultRow, job: JobRow, now: Date, extended = false) {
  const duration = isoDuration((job.endTime ?? now).getTime() - job.startTime.getTime());
  const restoreDetails = job.restoreDetails as VmRestoreDetails | FileRecoveryDetails | null;
  const errorDetails = job.errorCode
    ? [
        {
          errorTitle: job.errorCode,
          errorString: job.errorMessage ?? job.errorCode,
          recommendations: (job.recommendations as string[] | null) ?? [],
        },
      ]
    : undefined;
  const tasksList = (job.subTasks as SubTask[]).map((task) => ({
    taskId: task.name,
    status: task.status,
    startTime: task.startTime ?? undefined,
    endTime: task.endTime ?? undefined,
    duration: task.startTime
      ? isoDuration(new Date(task.endTime ?? now).getTime() - new Date(task.startTime).getTime())
      : undefined,
    progressPercentage: task.progressPercent,
  }));
  const common = {
    entityFriendlyName: job.entityFriendlyName,
    backupManagementType: job.backupManagementType,
    operation: job.operation,
    status: job.status,
    startTime: job.startTime.toISOString(),
    endTime: iso(job.endTime),
    duration,
    activityId: job.id,
    actionsInfo: job.isCancellable ? ["Cancellable"] : [],
    errorDetails,
  };
  const properties =
    job.backupManagementType === "MAB"
      ? {
          ...common,
          jobType: "MabJob",
          mabServerName: job.protectedItem?.fileFolderSource?.server.name ?? job.entityFriendlyName,
          mabServerType: "Windows",
          workloadType: job.protectedItem ? "FileFolder" : undefined,
        }
      : {
          ...common,
          jobType: "AzureIaaSVMJob",
          isUserTriggered: job.initiatedBy !== "Scheduled",
          virtualMachineVersion: "Compute",
          containerName: job.protectedItem?.containerName,
        };
  const extendedInfo = extended
    ? {
        tasksList,
        progressPercentage: job.progressPercent,
        propertyBag: {
          "Initiated by": job.initiatedBy,
          ...(restoreDetails?.kind === "AzureIaasVM" ? restorePropertyBag(restoreDetails) : {}),
          ...(restoreDetails?.kind === "MAB" ? fileRecoveryPropertyBag(restoreDetails) : {}),
        },
        dynamicErrorMessage: job.errorMessage ?? undefined,
      }
    : undefined;
  return {
    id: `${vaultArmId(vault)}/backupJobs/${job.id}`,
    name: job.id,
    type: `${PROVIDER}/vaults/backupJobs`,
    properties: { ...properties, extendedInfo },
  };
}

export type RecoveryPointRow = {
  id: string;
  time: Date;
  type: string;
  inSnapshotTier: boolean;
  inVaultTier: boolean;
  ruleName: string | null;
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
};

/** A recovery point: its expiry (the vault copy's, else the snapshot's) and the rule that sets it. */
export function recoveryPointResource(vault: VaultRow, item: ItemRow, point: RecoveryPointRow) {
  const recoveryPointProperties = {
    expiryTime: iso(point.expiresAt ?? point.snapshotExpiresAt),
    ruleName: point.ruleName ?? undefined,
    isSoftDeleted: item.deletedAt !== null,
  };
  const tiers = [
    ...(point.inSnapshotTier ? [{ type: "InstantRP", status: "Valid" }] : []),
    ...(point.inVaultTier ? [{ type: "HardenedRP", status: "Valid" }] : []),
  ];
  const properties =
    item.backupManagementType === "MAB"
      ? {
          objectType: "GenericRecoveryPoint",
          friendlyName: point.id,
          recoveryPointType: point.type,
          recoveryPointTime: point.time.toISOString(),
          recoveryPointAdditionalInfo: "",
          recoveryPointProperties,
        }
      : {
          objectType: "IaasVMRecoveryPoint",
          recoveryPointType: "AppConsistent",
          recoveryPointTime: point.time.toISOString(),
          recoveryPointTierDetails: tiers,
          isSourceVMEncrypted: false,
          recoveryPointProperties,
        };
  return {
    id: `${itemArmId(vault, item)}/recoveryPoints/${point.id}`,
    name: point.id,
    type: `${PROVIDER}/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints`,
    properties,
  };
}

/** An operation's status: the API's operations have finished when it answers, with the job they created. */
export function operationStatus(
  operation: { id: string; startTime: Date; endTime: Date; jobId: string | null },
  kind: "job" | "jobs",
) {
  const properties =
    kind === "jobs"
      ? { objectType: "OperationStatusJobsExtendedInfo", jobIds: operation.jobId ? [operation.jobId] : [] }
      : operation.jobId
        ? { objectType: "OperationStatusJobExtendedInfo", jobId: operation.jobId }
        : undefined;
  return {
    id: operation.id,
    name: operation.id,
    status: "Succeeded",
    startTime: operation.startTime.toISOString(),
    endTime: operation.endTime.toISOString(),
    properties,
  };
}
