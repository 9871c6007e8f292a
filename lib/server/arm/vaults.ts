// Vaults: create or update, update, get, list by resource group and by subscription.
import { regionNamed } from "@/lib/domain/azure/resources";
import { tagsOf } from "@/lib/domain/azure/tags";
import {
  type ArmVaultBody,
  armVaultBodySchema,
  type ArmVaultPatchBody,
  armVaultPatchBodySchema,
} from "@/lib/schemas/arm";
import { visibleVaultIds } from "@/lib/server/auth/authorize";
import {
  createVault,
  updateMonitoringSettings,
  updateSoftDeleteSettings,
  updateVaultTags,
} from "@/lib/server/services/vaults";
import { armError, armJson, type ArmRequest, invalidBody, refusal, unknownLocation } from "./http";
import { type ArmVault, existingVault, vaultOf } from "./lookup";
import { vaultResource } from "./resources";

const VAULT_FIELD_TARGETS = {
  name: "vaultName",
  location: "location",
  storageRedundancy: "properties.redundancySettings.standardTierStorageRedundancy",
  softDeleteState: "properties.securitySettings.softDeleteSettings.softDeleteState",
  softDeleteRetentionDays: "properties.securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays",
  alertsForAllJobFailures: "properties.monitoringSettings.azureMonitorAlertSettings.alertsForAllJobFailures",
  tags: "tags",
};

/** The body's alertsForAllJobFailures as the vault stores it; undefined when it doesn't say. */
function alertsForAllJobFailuresOf(body: ArmVaultPatchBody): boolean | undefined {
  const setting = body.properties?.monitoringSettings?.azureMonitorAlertSettings?.alertsForAllJobFailures;
  return setting == null ? undefined : setting === "Enabled";
}

/** Whether a PUT's body describes the vault: its location, and the redundancy and soft delete settings it states. */
function bodyDescribes(body: ArmVaultBody, vault: ArmVault): boolean {
  const softDelete = body.properties?.securitySettings?.softDeleteSettings;
  const states = <T>(value: T | null | undefined, actual: T) => value == null || value === actual;
  return (
    regionNamed(body.location) === vault.location &&
    states(body.properties?.redundancySettings?.standardTierStorageRedundancy, vault.storageRedundancy) &&
    states(softDelete?.softDeleteState, vault.softDeleteState) &&
    states(softDelete?.softDeleteRetentionPeriodInDays, vault.softDeleteRetentionDays) &&
    states(alertsForAllJobFailuresOf(body), vault.alertsForAllJobFailures) &&
    (body.tags == null || sameTags(body.tags, tagsOf(vault.tags)))
  );
}

const sameTags = (left: Record<string, string>, right: Record<string, string>) =>
  JSON.stringify(Object.entries(left).sort()) === JSON.stringify(Object.entries(right).sort());

async function listVaultResources(request: ArmRequest, resourceGroup?: string) {
  const visible = await visibleVaultIds(request.db, request.actor);
  const vaults = await request.db.vault.findMany({
    where: visible === "all" ? {} : { id: { in: visible } },
    orderBy: { nameKey: "asc" },
  });
  const same = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();
  const rows = vaults.filter(
    (vault) =>
      same(vault.subscriptionId, request.params.subscriptionId) &&
      (!resourceGroup || same(vault.resourceGroup, resourceGroup)),
  );
  return armJson({ value: rows.map(vaultResource) });
}

export const listVaultsBySubscription = (request: ArmRequest) => listVaultResources(request);
export const listVaultsByResourceGroup = (request: ArmRequest) =>
  listVaultResources(request, request.params.resourceGroupName);

export async function getVault(_request: ArmRequest, vault: ArmVault) {
  return armJson(vaultResource(vault));
}

/** PUT: creates the vault (201, with its DefaultPolicy) or updates its soft delete settings (200). */
export async function putVault(request: ArmRequest) {
  const body = armVaultBodySchema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  const location = regionNamed(body.data.location);
  if (!location) return unknownLocation(body.data.location, "Microsoft.RecoveryServices/vaults");
  const softDelete = body.data.properties?.securitySettings?.softDeleteSettings;
  const existing = await existingVault(request);
  if (!existing) {
    const created = await createVault(
      request.db,
      {
        subscriptionId: request.params.subscriptionId,
        resourceGroup: request.params.resourceGroupName,
        name: request.params.vaultName,
        location,
        storageRedundancy: body.data.properties?.redundancySettings?.standardTierStorageRedundancy ?? undefined,
        softDeleteState: softDelete?.softDeleteState ?? undefined,
        softDeleteRetentionDays: softDelete?.softDeleteRetentionPeriodInDays ?? undefined,
        alertsForAllJobFailures: alertsForAllJobFailuresOf(body.data),
        tags: body.data.tags ?? undefined,
      },
      request.actor,
    );
    if (!created.ok) {
      // Another PUT created the vault after this one looked: when it is the vault this body
      // describes, that is this PUT's answer too; a different one is a conflict.
      const raced = created.code === "Conflict" ? await existingVault(request) : null;
      if (raced && bodyDescribes(body.data, raced)) return armJson(vaultResource(raced));
      return refusal(created, VAULT_FIELD_TARGETS);
    }
    return armJson(vaultResource(await request.db.vault.findUniqueOrThrow({ where: { id: created.data.id } })), 201);
  }
  const vault = await vaultOf(request);
  if (vault instanceof Response) return vault;
  if (location !== vault.location) {
    return armError(
      400,
      "LocationNotAvailableForResourceType",
      `Vault '${vault.name}' is in ${vault.location}; a vault can't move to another location.`,
      [{ code: "LocationNotAvailableForResourceType", message: "A vault can't move.", target: "location" }],
    );
  }
  return updateVault(request, vault, body.data);
}

/** PATCH: changes what the body states (tags, soft delete, monitoring settings). */
export async function patchVault(request: ArmRequest, vault: ArmVault) {
  const body = armVaultPatchBodySchema.safeParse(request.body);
  if (!body.success) return invalidBody(body.error);
  return updateVault(request, vault, body.data);
}

/** An existing vault's settings as a PUT or PATCH body states them; each change through its service. */
async function updateVault(request: ArmRequest, vault: ArmVault, body: ArmVaultPatchBody) {
  const softDelete = body.properties?.securitySettings?.softDeleteSettings;
  const state = softDelete?.softDeleteState ?? vault.softDeleteState;
  const days = softDelete?.softDeleteRetentionPeriodInDays ?? vault.softDeleteRetentionDays;
  if (state !== vault.softDeleteState || days !== vault.softDeleteRetentionDays) {
    // The API's caller states the change outright; the portal's typed name is a UI safeguard.
    const updated = await updateSoftDeleteSettings(
      request.db,
      { vaultId: vault.id, softDeleteState: state, softDeleteRetentionDays: days, confirmName: vault.name },
      request.actor,
    );
    if (!updated.ok) return refusal(updated, VAULT_FIELD_TARGETS);
  }
  const alertsForAllJobFailures = alertsForAllJobFailuresOf(body);
  if (alertsForAllJobFailures !== undefined && alertsForAllJobFailures !== vault.alertsForAllJobFailures) {
    const updated = await updateMonitoringSettings(
      request.db,
      { vaultId: vault.id, alertsForAllJobFailures },
      request.actor,
    );
    if (!updated.ok) return refusal(updated, VAULT_FIELD_TARGETS);
  }
  if (body.tags != null && !sameTags(body.tags, tagsOf(vault.tags))) {
    const updated = await updateVaultTags(request.db, { vaultId: vault.id, tags: body.tags }, request.actor);
    if (!updated.ok) return refusal(updated, VAULT_FIELD_TARGETS);
  }
  return armJson(vaultResource(await request.db.vault.findUniqueOrThrow({ where: { id: vault.id } })));
}
