// The emulator's simulated Azure VMs (Microsoft.Compute/virtualMachines): PUT adds one to the
// inventory, GET reads it, DELETE deletes it behind backup's back, so its next backups fail with
// UserErrorVmNotFoundV2 as in Azure. Changing the inventory is the Owner's; a VM the caller can't see
// in the inventory (lib/server/services/inventory.ts, inventoryScope) is not found for them.
import { regionNamed } from "@/lib/domain/azure/resources";
import { armVirtualMachineBodySchema } from "@/lib/schemas/arm";
import { withActivity } from "@/lib/server/activity";
import { ok } from "@/lib/server/result";
import {
  addVirtualMachine,
  canSeeVirtualMachine,
  findVirtualMachine,
  markVirtualMachineDeleted,
} from "@/lib/server/services/inventory";
import { armError, armJson, type ArmRequest, invalidBody, notFound, refusal, unknownLocation } from "./http";
import { virtualMachineArmId } from "./resources";

type VirtualMachineRow = NonNullable<Awaited<ReturnType<typeof findVirtualMachine>>>;

function virtualMachineResource(vm: VirtualMachineRow) {
  return {
    id: virtualMachineArmId(vm),
    name: vm.name,
    type: "Microsoft.Compute/virtualMachines",
    location: vm.location,
    properties: {
      provisioningState: "Succeeded",
      vmId: vm.id,
      storageProfile: { osDisk: { osType: vm.osType, diskSizeGB: vm.sizeGb } },
      dailyChangeRatePercent: vm.dailyChangeRatePercent,
    },
  };
}

const namesOf = (request: ArmRequest) => ({
  subscriptionId: request.params.subscriptionId,
  resourceGroup: request.params.resourceGroupName,
  name: request.params.vmName,
});
const missing = (request: ArmRequest) =>
  notFound(
    `The Resource 'Microsoft.Compute/virtualMachines/${request.params.vmName}' under resource group '${request.params.resourceGroupName}' was not found.`,
  );

export async function getVirtualMachine(request: ArmRequest) {
  const vm = await findVirtualMachine(request.db, namesOf(request));
  return vm && !vm.deletedAt && (await canSeeVirtualMachine(request.db, request.actor, vm.id))
    ? armJson(virtualMachineResource(vm))
    : missing(request);
}

/** PUT and DELETE are the Owner's: refused (and the denial logged) before anything about the VM is looked up or told. */
async function inventoryRefusal(request: ArmRequest, operation: string): Promise<Response | null> {
  const allowed = await withActivity(
    request.db,
    { actor: request.actor, vaultId: null, operation, permission: "manageInventory" },
    request.params.vmName,
    async () => ok(null),
  );
  return allowed.ok ? null : refusal(allowed);
}

/** PUT: adds the VM (201); an existing one is returned as it is (200). */
export async function putVirtualMachine(request: ArmRequest) {
  const refused = await inventoryRefusal(request, "Add virtual machine");
  if (refused) return refused;
  const body = armVirtualMachineBodySchema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  const location = regionNamed(body.data.location);
  if (!location) return unknownLocation(body.data.location, "Microsoft.Compute/virtualMachines");
  const existing = await findVirtualMachine(request.db, namesOf(request));
  if (existing?.deletedAt)
    return armError(
      409,
      "Conflict",
      `${existing.name} was deleted while a vault still protects it; its name is taken until that backup item is gone.`,
    );
  if (existing) return armJson(virtualMachineResource(existing));
  const osDisk = body.data.properties?.storageProfile?.osDisk;
  const added = await addVirtualMachine(
    request.db,
    {
      ...namesOf(request),
      location,
      osType: (osDisk?.osType ?? "Windows") as "Windows",
      sizeGb: osDisk?.diskSizeGB ?? 128,
      dailyChangeRatePercent: body.data.properties?.dailyChangeRatePercent ?? 2,
    },
    request.actor,
  );
  if (!added.ok)
    return refusal(added, {
      location: "location",
      sizeGb: "properties.storageProfile.osDisk.diskSizeGB",
      dailyChangeRatePercent: "properties.dailyChangeRatePercent",
      name: "vmName",
    });
  return armJson(virtualMachineResource((await findVirtualMachine(request.db, namesOf(request)))!), 201);
}

/** DELETE: the VM is gone for backup's purposes; its backup item stays, and its backups fail. */
export async function deleteVirtualMachine(request: ArmRequest) {
  const refused = await inventoryRefusal(request, "Delete virtual machine");
  if (refused) return refused;
  const vm = await findVirtualMachine(request.db, namesOf(request));
  if (!vm || vm.deletedAt) return new Response(null, { status: 204 });
  const deleted = await markVirtualMachineDeleted(request.db, { id: vm.id }, request.actor);
  return deleted.ok ? new Response(null, { status: 200 }) : refusal(deleted);
}
