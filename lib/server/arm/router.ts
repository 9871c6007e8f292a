// The Azure-compatible REST API's routes: ARM paths of Microsoft.RecoveryServices (and the
// emulator's Microsoft.Compute VMs), matched segment by segment after percent-decoding, literal
// segments case-insensitively. The table also generates the OpenAPI document.
import type { z } from "zod";
import {
  armBackupRequestBodySchema,
  armPolicyBodySchema,
  armProtectedItemBodySchema,
  armVaultBodySchema,
  armVaultPatchBodySchema,
  armVirtualMachineBodySchema,
} from "@/lib/schemas/arm";
import type { ArmRequest } from "./http";
import { deleteVirtualMachine, getVirtualMachine, putVirtualMachine } from "./compute";
import {
  cancelJobResource,
  getJobResource,
  getRecoveryPointResource,
  listJobResources,
  listRecoveryPointResources,
} from "./jobs";
import type { ArmVault } from "./lookup";
import { operationResultOf, operationStatusOf } from "./operations";
import {
  deletePolicyResource,
  getPolicyOperationResult,
  getPolicyResource,
  listPolicyResources,
  putPolicy,
} from "./policies";
import { deleteItem, getItem, getItemOperationResult, listItems, putItem, triggerBackup } from "./protected-items";
import { armRestoreRequestBodySchema, triggerRestore } from "./restores";
import { getVault, listVaultsByResourceGroup, listVaultsBySubscription, patchVault, putVault } from "./vaults";

export type Method = "GET" | "PUT" | "PATCH" | "POST" | "DELETE";

export type ArmRoute = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  body?: z.ZodType;
  /** Query parameters besides api-version. */
  query?: string[];
  /** Success statuses, as the Azure SDK accepts them. */
  statuses: number[];
} & (
  | { scope: "vault"; handle: (request: ArmRequest, vault: ArmVault) => Promise<Response> }
  | { scope: "none"; handle: (request: ArmRequest) => Promise<Response> }
);

const SUBSCRIPTION = "/subscriptions/{subscriptionId}";
const VAULTS = `${SUBSCRIPTION}/resourceGroups/{resourceGroupName}/providers/Microsoft.RecoveryServices/vaults`;
const V = `${VAULTS}/{vaultName}`;
const I = `${V}/backupFabrics/{fabricName}/protectionContainers/{containerName}/protectedItems/{protectedItemName}`;

export const ARM_ROUTES: ArmRoute[] = [
  {
    method: "GET",
    path: `${SUBSCRIPTION}/providers/Microsoft.RecoveryServices/vaults`,
    operationId: "Vaults_ListBySubscriptionId",
    summary: "Vaults of a subscription",
    statuses: [200],
    scope: "none",
    handle: listVaultsBySubscription,
  },
  {
    method: "GET",
    path: VAULTS,
    operationId: "Vaults_ListByResourceGroup",
    summary: "Vaults of a resource group",
    statuses: [200],
    scope: "none",
    handle: listVaultsByResourceGroup,
  },
  {
    method: "PUT",
    path: V,
    operationId: "Vaults_CreateOrUpdate",
    summary: "Create a vault (with its DefaultPolicy), or update its soft delete settings",
    body: armVaultBodySchema,
    statuses: [200, 201],
    scope: "none",
    handle: putVault,
  },
  {
    method: "GET",
    path: V,
    operationId: "Vaults_Get",
    summary: "A vault",
    statuses: [200],
    scope: "vault",
    handle: getVault,
  },
  {
    method: "PATCH",
    path: V,
    operationId: "Vaults_Update",
    summary: "Update a vault's tags, soft delete or monitoring settings (what the body states)",
    body: armVaultPatchBodySchema,
    statuses: [200],
    scope: "vault",
    handle: patchVault,
  },
  {
    method: "GET",
    path: `${V}/backupPolicies`,
    operationId: "BackupPolicies_List",
    summary: "Backup policies",
    query: ["$filter"],
    statuses: [200],
    scope: "vault",
    handle: listPolicyResources,
  },
  {
    method: "PUT",
    path: `${V}/backupPolicies/{policyName}`,
    operationId: "ProtectionPolicies_CreateOrUpdate",
    summary: "Create or change a backup policy (changes apply to existing recovery points)",
    body: armPolicyBodySchema,
    statuses: [200],
    scope: "vault",
    handle: putPolicy,
  },
  {
    method: "GET",
    path: `${V}/backupPolicies/{policyName}`,
    operationId: "ProtectionPolicies_Get",
    summary: "A backup policy",
    statuses: [200],
    scope: "vault",
    handle: getPolicyResource,
  },
  {
    method: "DELETE",
    path: `${V}/backupPolicies/{policyName}`,
    operationId: "ProtectionPolicies_Delete",
    summary: "Delete a backup policy no item uses (long-running)",
    statuses: [202],
    scope: "vault",
    handle: deletePolicyResource,
  },
  {
    method: "GET",
    path: `${V}/backupPolicies/{policyName}/operations/{operationId}`,
    operationId: "ProtectionPolicyOperationStatuses_Get",
    summary: "Status of a policy operation",
    statuses: [200],
    scope: "vault",
    handle: operationStatusOf("jobs"),
  },
  {
    method: "GET",
    path: `${V}/backupPolicies/{policyName}/operationResults/{operationId}`,
    operationId: "ProtectionPolicyOperationResults_Get",
    summary: "Result of a policy operation",
    statuses: [200, 204],
    scope: "vault",
    handle: getPolicyOperationResult,
  },
  {
    method: "GET",
    path: `${V}/backupProtectedItems`,
    operationId: "BackupProtectedItems_List",
    summary: "Protected items, by name",
    query: ["$filter", "$skipToken"],
    statuses: [200],
    scope: "vault",
    handle: listItems,
  },
  {
    method: "PUT",
    path: I,
    operationId: "ProtectedItems_CreateOrUpdate",
    summary:
      "Enable protection, change the policy, stop with retained data (protectionState: ProtectionStopped), resume, or undelete (isRehydrate)",
    body: armProtectedItemBodySchema,
    statuses: [202],
    scope: "vault",
    handle: putItem,
  },
  {
    method: "GET",
    path: I,
    operationId: "ProtectedItems_Get",
    summary: "A protected item",
    statuses: [200],
    scope: "vault",
    handle: getItem,
  },
  {
    method: "DELETE",
    path: I,
    operationId: "ProtectedItems_Delete",
    summary: "Stop protection and delete backup data (soft delete applies)",
    statuses: [202],
    scope: "vault",
    handle: deleteItem,
  },
  {
    method: "POST",
    path: `${I}/backup`,
    operationId: "Backups_Trigger",
    summary: "Backup now; the recovery point expires at recoveryPointExpiryTimeInUTC",
    body: armBackupRequestBodySchema,
    statuses: [202],
    scope: "vault",
    handle: triggerBackup,
  },
  {
    method: "GET",
    path: `${I}/operationsStatus/{operationId}`,
    operationId: "ProtectedItemOperationStatuses_Get",
    summary: "Status of a protected item operation, with its job",
    statuses: [200],
    scope: "vault",
    handle: operationStatusOf("job"),
  },
  {
    method: "GET",
    path: `${I}/operationResults/{operationId}`,
    operationId: "ProtectedItemOperationResults_Get",
    summary: "Result of a protected item operation",
    statuses: [200, 204],
    scope: "vault",
    handle: getItemOperationResult,
  },
  {
    method: "GET",
    path: `${I}/recoveryPoints`,
    operationId: "RecoveryPoints_List",
    summary: "Recovery points, newest first",
    query: ["$filter", "$skipToken"],
    statuses: [200],
    scope: "vault",
    handle: listRecoveryPointResources,
  },
  {
    method: "GET",
    path: `${I}/recoveryPoints/{recoveryPointId}`,
    operationId: "RecoveryPoints_Get",
    summary: "A recovery point",
    statuses: [200],
    scope: "vault",
    handle: getRecoveryPointResource,
  },
  {
    method: "POST",
    path: `${I}/recoveryPoints/{recoveryPointId}/restore`,
    operationId: "Restores_Trigger",
    summary:
      "Restore from a recovery point; the operation names the Restore job. An Azure VM item takes Azure's IaasVMRestoreRequest: recoveryType AlternateLocation creates a new VM, RestoreDisks restores its disks, OriginalLocation replaces the VM's disks. A Backup Agent (MARS) item takes the portal's extension VaultPortalFileRecoveryRequest (Azure has none): items (absolute paths; [] is the whole folder) recovered to their OriginalLocation or an AlternateLocation below targetFolderPath, copyOptions CreateCopy, Overwrite or Skip for items that exist, restoreAcls (default true), targetServerName for another server of the vault; that server's Backup Agent runs the job",
    body: armRestoreRequestBodySchema,
    statuses: [202],
    scope: "vault",
    handle: triggerRestore,
  },
  {
    method: "GET",
    path: `${V}/backupOperations/{operationId}`,
    operationId: "BackupOperationStatuses_Get",
    summary: "Status of a vault-level operation (item deletes)",
    statuses: [200],
    scope: "vault",
    handle: operationStatusOf("job"),
  },
  {
    method: "GET",
    path: `${V}/backupOperationResults/{operationId}`,
    operationId: "BackupOperationResults_Get",
    summary: "Result of a vault-level operation",
    statuses: [204],
    scope: "vault",
    handle: operationResultOf(),
  },
  {
    method: "GET",
    path: `${V}/backupJobs`,
    operationId: "BackupJobs_List",
    summary: "Backup jobs, newest first",
    query: ["$filter", "$skipToken"],
    statuses: [200],
    scope: "vault",
    handle: listJobResources,
  },
  {
    method: "GET",
    path: `${V}/backupJobs/{jobName}`,
    operationId: "JobDetails_Get",
    summary: "A job, with its tasks",
    statuses: [200],
    scope: "vault",
    handle: getJobResource,
  },
  {
    method: "POST",
    path: `${V}/backupJobs/{jobName}/cancel`,
    operationId: "JobCancellations_Trigger",
    summary: "Cancel a backup in progress",
    statuses: [202],
    scope: "vault",
    handle: cancelJobResource,
  },
  {
    method: "GET",
    path: `${V}/backupJobs/{jobName}/operationResults/{operationId}`,
    operationId: "JobOperationResults_Get",
    summary: "Result of a cancel",
    statuses: [204],
    scope: "vault",
    handle: operationResultOf(),
  },
  {
    method: "PUT",
    path: `${SUBSCRIPTION}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}`,
    operationId: "Emulator_VirtualMachines_CreateOrUpdate",
    summary: "Emulator: add a simulated VM to the inventory (Owner)",
    body: armVirtualMachineBodySchema,
    statuses: [200, 201],
    scope: "none",
    handle: putVirtualMachine,
  },
  {
    method: "GET",
    path: `${SUBSCRIPTION}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}`,
    operationId: "Emulator_VirtualMachines_Get",
    summary: "Emulator: a simulated VM",
    statuses: [200],
    scope: "none",
    handle: getVirtualMachine,
  },
  {
    method: "DELETE",
    path: `${SUBSCRIPTION}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}`,
    operationId: "Emulator_VirtualMachines_Delete",
    summary: "Emulator: delete a simulated VM behind backup's back (its backups then fail with UserErrorVmNotFoundV2)",
    statuses: [200, 204],
    scope: "none",
    handle: deleteVirtualMachine,
  },
];

/** The route and its path parameters for a method and decoded segments; "method" when only the method is wrong. */
export function matchRoute(
  method: string,
  segments: string[],
): { route: ArmRoute; params: Record<string, string> } | "method" | null {
  let pathMatched = false;
  for (const route of ARM_ROUTES) {
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      if (part.startsWith("{")) {
        params[part.slice(1, -1)] = segments[index];
        return segments[index].length > 0;
      }
      return part.toLowerCase() === segments[index].toLowerCase();
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? "method" : null;
}
