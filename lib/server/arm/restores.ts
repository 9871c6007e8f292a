// POST …/protectedItems/{item}/recoveryPoints/{point}/restore. An Azure VM item: Restore VM with
// Azure's IaasVMRestoreRequest; recoveryType AlternateLocation is Create new virtual machine,
// RestoreDisks Restore disks, OriginalLocation Replace existing; the body's ARM ids name the
// service's fields (the VM, resource group, virtual network, subnet and staging storage account by
// their names). A Backup Agent (MARS) item: Recover Data with the portal's extension,
// VaultPortalFileRecoveryRequest (Azure has no REST restore for the agent), run by the server's agent.
import { z } from "zod";
import { ARM_ID_MAX_LENGTH, armFileRecoveryPropertiesSchema, FILE_RECOVERY_REQUEST } from "@/lib/schemas/arm";
import type { VmRestoreInput } from "@/lib/schemas/restore";
import { recoverFiles, restoreVirtualMachine } from "@/lib/server/services/restore";
import { type ArmRequest, invalidBody, invalidField } from "./http";
import { type ArmVault, armIdValues, itemOf } from "./lookup";
import { answerOperation } from "./protected-items";
import { virtualMachineArmId } from "./resources";

const GROUP = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
const VIRTUAL_MACHINE = `${GROUP}/providers/Microsoft.Compute/virtualMachines/{vmName}`;
const VIRTUAL_NETWORK = `${GROUP}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}`;
const SUBNET = `${VIRTUAL_NETWORK}/subnets/{subnetName}`;
const STORAGE_ACCOUNT = `${GROUP}/providers/Microsoft.Storage/storageAccounts/{storageAccountName}`;

/** An ARM id of the pattern's shape, read as its subscription, resource group and name(s). */
function resourceId(pattern: string, what: string) {
  const message = `Give the ARM id of ${what}: ${pattern}.`;
  return z
    .string({ error: message })
    .max(ARM_ID_MAX_LENGTH, `At most ${ARM_ID_MAX_LENGTH} characters.`)
    .transform((id, context) => {
      const values = armIdValues(id, pattern);
      if (values) return { subscriptionId: values[0], resourceGroup: values[1], names: values.slice(2) };
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    });
}

const targetVirtualMachineId = resourceId(VIRTUAL_MACHINE, "the virtual machine to create");
const targetResourceGroupId = resourceId(GROUP, "the resource group to restore into");
const storageAccountId = resourceId(STORAGE_ACCOUNT, "the storage account to stage the restore in");

const common = {
  objectType: z.literal("IaasVMRestoreRequest", {
    error: "objectType must be IaasVMRestoreRequest: this API restores Azure virtual machines.",
  }),
  recoveryPointId: z.string().max(ARM_ID_MAX_LENGTH, `At most ${ARM_ID_MAX_LENGTH} characters.`).nullish(),
  sourceResourceId: resourceId(VIRTUAL_MACHINE, "the backed-up virtual machine").nullish(),
  region: z.string().max(64, "A region has at most 64 characters.").nullish(),
  storageAccountId,
};

/** Azure's IaasVMRestoreRequest, one shape per recoveryType (what each needs is required). */
const vmRestorePropertiesSchema = z.discriminatedUnion(
  "recoveryType",
  [
    z.looseObject({
      ...common,
      recoveryType: z.literal("AlternateLocation"),
      targetVirtualMachineId,
      targetResourceGroupId,
      virtualNetworkId: resourceId(VIRTUAL_NETWORK, "the virtual network of the new virtual machine"),
      subnetId: resourceId(SUBNET, "the subnet of the new virtual machine"),
    }),
    z.looseObject({
      ...common,
      recoveryType: z.literal("RestoreDisks"),
      /** Without it the disks land in the storage account's resource group (Azure: in the account). */
      targetResourceGroupId: targetResourceGroupId.nullish(),
    }),
    z.looseObject({ ...common, recoveryType: z.literal("OriginalLocation") }),
  ],
  {
    error:
      "recoveryType must be AlternateLocation (Create new virtual machine), RestoreDisks (Restore disks) or OriginalLocation (Replace existing).",
  },
);
type RestoreRequest = z.output<typeof vmRestorePropertiesSchema>;

/** Each kind of item's RestoreRequestResource, by the item's backupManagementType. */
const RESTORE_BODIES = {
  AzureIaasVM: {
    objectType: "IaasVMRestoreRequest",
    what: "an Azure virtual machine",
    schema: z.looseObject({ properties: vmRestorePropertiesSchema }),
  },
  MAB: {
    objectType: FILE_RECOVERY_REQUEST,
    what: "a Backup Agent (MARS) folder",
    schema: z.looseObject({ properties: armFileRecoveryPropertiesSchema }),
  },
} as const;

/** The route's body, as the OpenAPI document lists it: either request, by the item it restores. */
export const armRestoreRequestBodySchema = z.looseObject({
  properties: z
    .union([vmRestorePropertiesSchema, armFileRecoveryPropertiesSchema])
    .describe(
      "IaasVMRestoreRequest (Azure's) for an Azure VM item; VaultPortalFileRecoveryRequest (the portal's extension: Azure has no REST restore for the agent) for a Backup Agent (MARS) folder.",
    ),
});

/** Where each service field came from in the request. */
const RESTORE_FIELD_TARGETS = {
  recoveryPointId: "recoveryPointId",
  vmName: "properties.targetVirtualMachineId",
  resourceGroup: "properties.targetResourceGroupId",
  virtualNetwork: "properties.virtualNetworkId",
  subnet: "properties.subnetId",
  stagingLocation: "properties.storageAccountId",
};

const same = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();
const regionKey = (region: string) => region.replace(/\s+/g, "").toLowerCase();

type VirtualMachineNames = { subscriptionId: string; resourceGroup: string; name: string };
/** The restore type and target fields of the service's input. */
type RestoreInputTarget = DistributiveOmit<VmRestoreInput, "vaultId" | "itemId" | "recoveryPointId">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The 400 for a body's recoveryPointId other than the path's point (Azure's bodies repeat it). */
function otherPointRefusal(request: ArmRequest, recoveryPointId: string | null | undefined): Response | null {
  return recoveryPointId && recoveryPointId !== request.params.recoveryPointId
    ? invalidField(
        "properties.recoveryPointId",
        `recoveryPointId '${recoveryPointId}' is not the recovery point of the path, '${request.params.recoveryPointId}'.`,
      )
    : null;
}

/** The service's restore target the request names, or the 400 naming the field that doesn't fit the item or the vault. */
function restoreTargetOf(
  request: ArmRequest,
  vault: ArmVault,
  vm: VirtualMachineNames,
  properties: RestoreRequest,
): RestoreInputTarget | Response {
  const otherPoint = otherPointRefusal(request, properties.recoveryPointId);
  if (otherPoint) return otherPoint;
  const source = properties.sourceResourceId;
  if (
    source &&
    !(
      same(source.subscriptionId, vm.subscriptionId) &&
      same(source.resourceGroup, vm.resourceGroup) &&
      same(source.names[0], vm.name)
    )
  )
    return invalidField(
      "properties.sourceResourceId",
      `sourceResourceId must be the backed-up virtual machine's id, ${virtualMachineArmId(vm)}.`,
    );
  if (properties.region && regionKey(properties.region) !== regionKey(vault.location))
    return invalidField(
      "properties.region",
      `region must be the vault's region, ${vault.location}: Cross Region Restore isn't available.`,
    );
  // The restore creates its resources in the backed-up VM's subscription.
  const ids: Record<string, { subscriptionId: string } | null | undefined> = {
    storageAccountId: properties.storageAccountId,
    ...(properties.recoveryType === "OriginalLocation"
      ? {}
      : { targetResourceGroupId: properties.targetResourceGroupId }),
    ...(properties.recoveryType === "AlternateLocation"
      ? {
          targetVirtualMachineId: properties.targetVirtualMachineId,
          virtualNetworkId: properties.virtualNetworkId,
          subnetId: properties.subnetId,
        }
      : {}),
  };
  const elsewhere = Object.entries(ids).find(([, id]) => id && !same(id.subscriptionId, vm.subscriptionId));
  if (elsewhere)
    return invalidField(
      `properties.${elsewhere[0]}`,
      `${elsewhere[0]} must be in the backed-up virtual machine's subscription, ${vm.subscriptionId}: cross-subscription restore isn't available.`,
    );
  // Azure's storage account names are lowercase; ARM compares ids case-insensitively.
  const stagingLocation = properties.storageAccountId.names[0].toLowerCase();
  switch (properties.recoveryType) {
    case "AlternateLocation": {
      const { targetVirtualMachineId: target, targetResourceGroupId: group, virtualNetworkId, subnetId } = properties;
      if (!same(target.resourceGroup, group.resourceGroup))
        return invalidField(
          "properties.targetVirtualMachineId",
          `targetVirtualMachineId names resource group ${target.resourceGroup}, but the new virtual machine is created in targetResourceGroupId's, ${group.resourceGroup}.`,
        );
      const [virtualNetwork] = virtualNetworkId.names;
      if (!same(subnetId.resourceGroup, virtualNetworkId.resourceGroup) || !same(subnetId.names[0], virtualNetwork))
        return invalidField(
          "properties.subnetId",
          `subnetId must be a subnet of virtualNetworkId's virtual network, ${virtualNetwork} in ${virtualNetworkId.resourceGroup}.`,
        );
      return {
        restoreType: "CreateVirtualMachine",
        vmName: target.names[0],
        resourceGroup: group.resourceGroup,
        virtualNetwork,
        subnet: subnetId.names[1],
        stagingLocation,
      };
    }
    case "RestoreDisks":
      return {
        restoreType: "RestoreDisks",
        resourceGroup: (properties.targetResourceGroupId ?? properties.storageAccountId).resourceGroup,
        stagingLocation,
      };
    case "OriginalLocation":
      return { restoreType: "ReplaceDisks", stagingLocation };
  }
}

/** Where each field of Recover Data's input came from in the request. */
const FILE_RECOVERY_FIELD_TARGETS = {
  recoveryPointId: "recoveryPointId",
  items: "properties.items",
  targetServerId: "properties.targetServerName",
  destination: "properties.targetFolderPath",
  conflict: "properties.copyOptions",
  restoreAcls: "properties.restoreAcls",
};

type ArmItem = Exclude<Awaited<ReturnType<typeof itemOf>>, Response>;

/**
 * The 400 for the other kind's request (a VM restore for a folder, or a file recovery for a VM),
 * which would otherwise read as a wrong objectType alone.
 */
function otherKindRefusal(request: ArmRequest, item: ArmItem): Response | null {
  const objectType = (request.body as { properties?: { objectType?: unknown } | null } | null)?.properties?.objectType;
  const expected = RESTORE_BODIES[item.backupManagementType];
  const other = Object.values(RESTORE_BODIES).find((body) => body !== expected && body.objectType === objectType);
  return other
    ? invalidField(
        "properties.objectType",
        `${other.objectType} restores ${other.what}, but ${item.friendlyName} is ${expected.what}: send objectType ${expected.objectType}.`,
      )
    : null;
}

/** Restore VM: the body's ARM ids as the service's target, then the Restore job the engine runs. */
async function restoreVm(request: ArmRequest, vault: ArmVault, item: ArmItem) {
  const body = RESTORE_BODIES.AzureIaasVM.schema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  // A VM item always has its VM: the inventory keeps a VM while a backup item has it.
  const target = restoreTargetOf(request, vault, item.virtualMachine!, body.data.properties);
  if (target instanceof Response) return target;
  const startTime = new Date();
  const result = await restoreVirtualMachine(
    request.db,
    { vaultId: vault.id, itemId: item.id, recoveryPointId: request.params.recoveryPointId, ...target },
    request.actor,
    startTime,
  );
  return answerOperation(request, vault, item, result, startTime, RESTORE_FIELD_TARGETS);
}

/** The id of the vault's server a file recovery names (names compare case-insensitively), or the 400 naming the field. */
async function recoveryServerIdOf(request: ArmRequest, vault: ArmVault, name: string): Promise<string | Response> {
  const servers = await request.db.backupAgentServer.findMany({
    where: { vaultId: vault.id },
    select: { id: true, name: true },
  });
  return (
    servers.find((server) => same(server.name, name))?.id ??
    invalidField("properties.targetServerName", `No server named ${name} is registered to vault ${vault.name}.`)
  );
}

/** Recover Data of a Backup Agent folder: the Restore job a server's agent runs (a demo server has no files: 400). */
async function recoverFolderItems(request: ArmRequest, vault: ArmVault, item: ArmItem) {
  const body = RESTORE_BODIES.MAB.schema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  const { properties } = body.data;
  const otherPoint = otherPointRefusal(request, properties.recoveryPointId);
  if (otherPoint) return otherPoint;
  // The service checks the server (a real agent holding the source's passphrase); this finds it by name.
  const targetServerId = properties.targetServerName
    ? await recoveryServerIdOf(request, vault, properties.targetServerName)
    : null;
  if (targetServerId instanceof Response) return targetServerId;
  const startTime = new Date();
  const result = await recoverFiles(
    request.db,
    {
      vaultId: vault.id,
      itemId: item.id,
      recoveryPointId: request.params.recoveryPointId,
      targetServerId,
      items: properties.items,
      destination: properties.recoveryType === "AlternateLocation" ? properties.targetFolderPath : null,
      conflict: properties.copyOptions,
      restoreAcls: properties.restoreAcls ?? true,
    },
    request.actor,
    startTime,
  );
  return answerOperation(request, vault, item, result, startTime, FILE_RECOVERY_FIELD_TARGETS);
}

/** POST …/restore: queues the Restore job; 202, the operation naming the job. */
export async function triggerRestore(request: ArmRequest, vault: ArmVault) {
  // The item first: the body a restore takes depends on what the item is.
  const item = await itemOf(request, vault);
  if (item instanceof Response) return item;
  const otherKind = otherKindRefusal(request, item);
  if (otherKind) return otherKind;
  return item.backupManagementType === "MAB"
    ? recoverFolderItems(request, vault, item)
    : restoreVm(request, vault, item);
}
