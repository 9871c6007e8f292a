// Protected items under backupFabrics/Azure/protectionContainers/{container}/protectedItems/{item}:
// PUT enables protection, changes the policy, stops with retained data, resumes or undeletes;
// DELETE stops and deletes the data (soft delete applies); POST …/backup is Backup now.
// Names: IaasVMContainer;iaasvmcontainerv2;{rg};{vm} / VM;iaasvmcontainerv2;{rg};{vm} for VMs (as
// Azure's examples), MabContainer;{machine} / FileFolder;{machine};{label} for Backup Agent folders.
import { knownValue, parseArmFilter } from "@/lib/domain/azure/arm-filter";
import { fileFolderLabel } from "@/lib/domain/azure/resources";
import { hasControlCharacter } from "@/lib/domain/input-limits";
import { type ArmProtectedItemBody, armBackupRequestBodySchema, armProtectedItemBodySchema } from "@/lib/schemas/arm";
import { type NamedSource, namedSourceSchema } from "@/lib/schemas/inventory";
import type { Db } from "@/lib/server/db";
import { fail, fieldErrorsOf, type ServiceResult } from "@/lib/server/result";
import { enableProtection } from "@/lib/server/services/enable-protection";
import { switchItemPolicy } from "@/lib/server/services/policies";
import { backupNow, deleteBackupData, resumeBackup, stopBackup, undeleteItem } from "@/lib/server/services/protection";
import {
  accepted,
  armError,
  armJson,
  type ArmRequest,
  decodeSkipToken,
  invalidBody,
  invalidField,
  listAnswer,
  pageSize,
  refusal,
} from "./http";
import { type ArmVault, findItem, itemOf, policyNameOfId, recordOperation } from "./lookup";
import { operationResultOf } from "./operations";
import {
  ITEM_COLUMNS,
  itemArmId,
  itemResource,
  operationStatus,
  type RecoveryPointStats,
  vaultArmId,
} from "./resources";

/** Where in the request each service field came from (a named source's fields included). */
const ITEM_FIELD_TARGETS = {
  policyId: "properties.policyId",
  retainUntil: "properties.recoveryPointExpiryTimeInUTC",
  subscriptionId: "properties.sourceResourceId",
  resourceGroup: "protectedItemName",
  name: "protectedItemName",
  machine: "properties.computerName",
  path: "properties.friendlyName",
};

/** Oldest and latest recovery point and their count, per item, in one query. */
export async function recoveryPointStats(db: Db, itemIds: string[]): Promise<Map<string, RecoveryPointStats>> {
  const groups = await db.recoveryPoint.groupBy({
    by: ["protectedItemId"],
    where: { protectedItemId: { in: itemIds } },
    _min: { time: true },
    _max: { time: true },
    _count: { _all: true },
  });
  const stats = new Map(
    groups.map((group) => [
      group.protectedItemId,
      { oldest: group._min.time, latest: group._max.time, count: group._count._all },
    ]),
  );
  for (const id of itemIds) if (!stats.has(id)) stats.set(id, { oldest: null, latest: null, count: 0 });
  return stats;
}

/**
 * A protected item as this API returns it, with its ARM id: the item blade's JSON View (one
 * representation for both), given the recovery point figures the blade already read. Null when
 * the vault holds no such item.
 */
export async function protectedItemJson(
  db: Db,
  vault: { id: string; subscriptionId: string; resourceGroup: string; name: string },
  itemId: string,
  stats: RecoveryPointStats,
): Promise<{ resourceId: string; json: string } | null> {
  const item = await db.protectedItem.findFirst({ where: { id: itemId, vaultId: vault.id }, select: ITEM_COLUMNS });
  if (!item) return null;
  const resource = itemResource(vault, item, stats);
  return { resourceId: resource.id, json: JSON.stringify(resource, null, 2) };
}

async function itemAnswer(
  request: ArmRequest,
  vault: ArmVault,
  item: NonNullable<Awaited<ReturnType<typeof findItem>>>,
) {
  const stats = await recoveryPointStats(request.db, [item.id]);
  return armJson(itemResource(vault, item, stats.get(item.id)!));
}

export async function getItem(request: ArmRequest, vault: ArmVault) {
  const item = await itemOf(request, vault);
  return item instanceof Response ? item : itemAnswer(request, vault, item);
}

const isItemKey = (value: unknown): value is string => typeof value === "string" && !hasControlCharacter(value);
/** Azure's itemType values and the workload each names. */
const WORKLOAD_OF_ITEM_TYPE = { VM: "AzureIaasVM", FileFolder: "MAB" } as const;

/** backupProtectedItems: the vault's items by name, with $filter on backupManagementType, itemType and policyName. */
export async function listItems(request: ArmRequest, vault: ArmVault) {
  const filter = parseArmFilter(request.query.get("$filter"), ["backupManagementType", "itemType", "policyName"]);
  if (!filter.ok) return armError(400, "InvalidFilter", filter.message);
  const after = decodeSkipToken(request.query.get("$skipToken"), isItemKey);
  if (after === "invalid") return armError(400, "InvalidSkipToken", "The $skipToken is not one this server gave.");
  const { policyName } = filter.terms;
  const byManagementType = knownValue(["AzureIaasVM", "MAB"] as const, filter.terms.backupManagementType);
  const itemType = knownValue(
    Object.keys(WORKLOAD_OF_ITEM_TYPE) as Array<keyof typeof WORKLOAD_OF_ITEM_TYPE>,
    filter.terms.itemType,
  );
  const byItemType = itemType ? WORKLOAD_OF_ITEM_TYPE[itemType] : itemType;
  // A value no item has, or two terms that contradict each other, match nothing.
  if (
    byManagementType === null ||
    byItemType === null ||
    (byManagementType && byItemType && byManagementType !== byItemType)
  )
    return listAnswer(request, [], null);
  const workload = byManagementType ?? byItemType;
  const take = pageSize();
  const items = await request.db.protectedItem.findMany({
    where: {
      vaultId: vault.id,
      ...(workload ? { backupManagementType: workload } : {}),
      ...(policyName ? { policy: { nameKey: policyName.toLowerCase() } } : {}),
      ...(after ? { itemName: { gt: after } } : {}),
    },
    orderBy: { itemName: "asc" },
    take: take + 1,
    select: ITEM_COLUMNS,
  });
  const page = items.slice(0, take);
  const stats = await recoveryPointStats(
    request.db,
    page.map((item) => item.id),
  );
  return listAnswer(
    request,
    page.map((item) => itemResource(vault, item, stats.get(item.id)!)),
    items.length > take ? page.at(-1)!.itemName : null,
  );
}

/** The data source a VM's or folder's container and item names (and the body) name, or why they disagree. */
function namedSource(
  request: ArmRequest,
  vault: ArmVault,
  properties: ArmProtectedItemBody["properties"],
): NamedSource | Response {
  const container = request.params.containerName.split(";");
  const item = request.params.protectedItemName.split(";");
  const mismatch = (message: string, target = "protectedItemName") => invalidField(target, message);
  if (properties.protectedItemType === "MabFileFolderProtectedItem") {
    if (
      container.length !== 2 ||
      container[0].toLowerCase() !== "mabcontainer" ||
      item.length !== 3 ||
      item[0].toLowerCase() !== "filefolder" ||
      item[1].toLowerCase() !== container[1].toLowerCase()
    ) {
      return mismatch(
        "A Backup Agent folder is named MabContainer;{machine} / FileFolder;{machine};{label}, such as FileFolder;fs01.contoso.com;C_Data.",
      );
    }
    const machine = properties.computerName ?? container[1];
    if (machine.toLowerCase() !== container[1].toLowerCase())
      return mismatch(
        `computerName '${machine}' is not the container's machine '${container[1]}'.`,
        "properties.computerName",
      );
    if (!properties.friendlyName)
      return mismatch("Name the folder's path in friendlyName, such as C:\\Data.", "properties.friendlyName");
    if (fileFolderLabel(properties.friendlyName).toLowerCase() !== item[2].toLowerCase()) {
      return mismatch(
        `The item's label '${item[2]}' doesn't name ${properties.friendlyName}: its label is ${fileFolderLabel(properties.friendlyName)}.`,
        "properties.friendlyName",
      );
    }
    return validSource({ kind: "folder", machine, path: properties.friendlyName });
  }
  if (
    container.length !== 4 ||
    container[0].toLowerCase() !== "iaasvmcontainer" ||
    item.length !== 4 ||
    item[0].toLowerCase() !== "vm" ||
    item.slice(1).join(";").toLowerCase() !== container.slice(1).join(";").toLowerCase()
  ) {
    return mismatch(
      "An Azure VM is named IaasVMContainer;iaasvmcontainerv2;{resourceGroup};{vm} / VM;iaasvmcontainerv2;{resourceGroup};{vm}.",
    );
  }
  const [, , resourceGroup, name] = item;
  const source = properties.sourceResourceId
    ? /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i.exec(
        properties.sourceResourceId,
      )
    : null;
  if (
    properties.sourceResourceId &&
    (!source ||
      source[2].toLowerCase() !== resourceGroup.toLowerCase() ||
      source[3].toLowerCase() !== name.toLowerCase())
  ) {
    return mismatch(
      `sourceResourceId must be the VM's id, /subscriptions/{subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}.`,
      "properties.sourceResourceId",
    );
  }
  return validSource({
    kind: "virtualMachine",
    subscriptionId: source?.[1] ?? vault.subscriptionId,
    resourceGroup: source?.[2] ?? resourceGroup,
    name: source?.[3] ?? name,
  });
}

/** The source, when its names are names Azure allows (checked before any other work); else the 400 naming the field. */
function validSource(source: NamedSource): NamedSource | Response {
  const parsed = namedSourceSchema.safeParse(source);
  if (parsed.success) return source;
  return refusal(
    {
      ok: false,
      code: "BMSUserErrorInvalidInput",
      message: "The item's names are not valid.",
      fieldErrors: fieldErrorsOf(parsed.error),
    },
    ITEM_FIELD_TARGETS,
  );
}

/** The policy row a body's policyId names (one of this vault's), or the 400 that says it doesn't exist here. */
async function policyOfBody(request: ArmRequest, vault: ArmVault, policyId: string) {
  const name = policyNameOfId(policyId, vault);
  const policy = name
    ? await request.db.backupPolicy.findUnique({
        where: { vaultId_nameKey: { vaultId: vault.id, nameKey: name.toLowerCase() } },
        select: { id: true, name: true },
      })
    : null;
  if (policy) return policy;
  const message = `Policy '${policyId}' was not found in vault '${vault.name}': use the id of one of its backupPolicies.`;
  return invalidField("properties.policyId", message, "BMSUserErrorPolicyNotFound");
}

/** The 202 of an item operation (polled at the item's operationsStatus and operationResults), or the service's refusal. */
export async function answerOperation(
  request: ArmRequest,
  vault: ArmVault,
  item: { containerName: string; itemName: string },
  result: ServiceResult<{ jobId?: string | null }>,
  startTime: Date,
  targets: Record<string, string> = ITEM_FIELD_TARGETS,
) {
  if (!result.ok) return refusal(result, targets);
  const itemPath = itemArmId(vault, item);
  const operation = await recordOperation(request, vault, itemPath, result.data.jobId ?? null, startTime);
  return accepted(request, {
    asyncOperation: `${itemPath}/operationsStatus/${operation.id}`,
    location: `${itemPath}/operationResults/${operation.id}`,
  });
}

const unchanged = { ok: true as const, data: { jobId: null } };

/** PUT: enable protection (a new item), undelete (isRehydrate), stop with retained data, resume, or change the policy. */
export async function putItem(request: ArmRequest, vault: ArmVault) {
  const body = armProtectedItemBodySchema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  const { properties } = body.data;
  const source = namedSource(request, vault, properties);
  if (source instanceof Response) return source;
  const policyId = properties.policyId?.trim() || null;
  const policy = policyId ? await policyOfBody(request, vault, policyId) : null;
  if (policy instanceof Response) return policy;
  const startTime = new Date();
  const item = await findItem(request, vault);
  const names = {
    containerName: request.params.containerName.toLowerCase(),
    itemName: request.params.protectedItemName.toLowerCase(),
  };
  const stopping = properties.protectionState === "ProtectionStopped";
  if (!item) {
    if (!policy || stopping) {
      const message = "A new protected item needs the policyId of one of the vault's policies, and no protectionState.";
      return invalidField("properties.policyId", message);
    }
    const enabled = await enableProtection(
      request.db,
      { vaultId: vault.id, source, policyId: policy.id },
      request.actor,
      startTime,
    );
    // Another PUT protected the item after this one looked: with this policy, that is this PUT's
    // outcome too (nothing to change); with another, a conflict (a PUT again would change it).
    const raced = enabled.ok ? null : await findItem(request, vault);
    if (!raced) return answerOperation(request, vault, names, enabled, startTime);
    const conflict = fail(
      "Conflict",
      `Another request protected this item with policy '${raced.policy?.name}' meanwhile; send the PUT again to change its policy.`,
    );
    return answerOperation(request, vault, raced, raced.policy?.name === policy.name ? unchanged : conflict, startTime);
  }
  const ids = { vaultId: vault.id, itemId: item.id };
  if ((item.backupManagementType === "MAB") !== (source.kind === "folder")) {
    return armError(
      400,
      "BMSUserErrorInvalidInput",
      `protectedItemType doesn't match the item, a ${item.backupManagementType === "MAB" ? "Backup Agent folder" : "virtual machine"}.`,
    );
  }
  let result: ServiceResult<{ jobId?: string | null }>;
  if (properties.isRehydrate) result = await undeleteItem(request.db, ids, request.actor, startTime);
  else if (stopping)
    result =
      item.protectionState === "ProtectionStopped" && !item.deletedAt
        ? unchanged
        : await stopBackup(request.db, { ...ids, mode: "retain" }, request.actor, startTime);
  else if (!policy) {
    const message =
      "Name the policy to protect the item with (policyId), or stop protection (protectionState: ProtectionStopped).";
    return invalidField("properties.policyId", message);
  } else if (item.protectionState === "ProtectionStopped" || item.deletedAt)
    result = await resumeBackup(
      request.db,
      { ...ids, policyId: policy.id, confirmRemoval: true },
      request.actor,
      startTime,
    );
  else if (item.policy?.name === policy.name) result = unchanged;
  // Azure's API asks for no confirmation: the portal's panes show the impact first.
  else
    result = await switchItemPolicy(
      request.db,
      { ...ids, policyId: policy.id, confirmRemoval: true },
      request.actor,
      startTime,
    );
  return answerOperation(request, vault, item, result, startTime);
}

/** DELETE: stop protection and delete the backup data (soft-deleted when the vault keeps deleted data). */
export async function deleteItem(request: ArmRequest, vault: ArmVault) {
  const item = await itemOf(request, vault);
  if (item instanceof Response) return item;
  const startTime = new Date();
  const ids = { vaultId: vault.id, itemId: item.id, confirmName: item.friendlyName };
  const result =
    item.protectionState === "ProtectionStopped" && !item.deletedAt
      ? await deleteBackupData(request.db, ids, request.actor, startTime)
      : await stopBackup(request.db, { ...ids, mode: "delete" }, request.actor, startTime);
  if (!result.ok) return refusal(result, ITEM_FIELD_TARGETS);
  const operation = await recordOperation(request, vault, itemArmId(vault, item), result.data.jobId, startTime);
  const vaultPath = vaultArmId(vault);
  return accepted(request, {
    asyncOperation: `${vaultPath}/backupOperations/${operation.id}`,
    location: `${vaultPath}/backupOperationResults/${operation.id}`,
  });
}

/** POST …/backup: Backup now, its recovery point kept until recoveryPointExpiryTimeInUTC (to the second). */
export async function triggerBackup(request: ArmRequest, vault: ArmVault) {
  const body = armBackupRequestBodySchema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  const item = await itemOf(request, vault);
  if (item instanceof Response) return item;
  const startTime = new Date();
  // Without an expiry the service keeps the point its default days, as Azure does.
  const retainUntil = body.data.properties.recoveryPointExpiryTimeInUTC ?? undefined;
  return answerOperation(
    request,
    vault,
    item,
    await backupNow(request.db, { vaultId: vault.id, itemId: item.id, retainUntil }, request.actor, startTime),
    startTime,
  );
}

/**
 * An item operation's result: a restore's status naming its job (as Azure's restore answers its
 * Location), else the item as it is now, or nothing when it is gone.
 */
export const getItemOperationResult = operationResultOf(async (request, vault, operation) => {
  const job = operation.jobId
    ? await request.db.job.findUnique({ where: { id: operation.jobId }, select: { operation: true } })
    : null;
  if (job?.operation === "Restore") return armJson(operationStatus(operation, "job"));
  const item = await findItem(request, vault);
  return item ? itemAnswer(request, vault, item) : null;
});
