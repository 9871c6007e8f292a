// Finding what an ARM path names: vaults, policies, items, jobs and operations. Names compare
// case-insensitively, as ARM's do; a vault the caller has no role on answers 403, as Azure does.
import { authorize } from "@/lib/server/auth/authorize";
import { armError, type ArmRequest, notFound } from "./http";
import { ITEM_COLUMNS, policyArmId, PROVIDER } from "./resources";

const same = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

export type ArmVault = NonNullable<Awaited<ReturnType<typeof findVaultRow>>>;

function findVaultRow(request: ArmRequest, subscriptionId: string, resourceGroup: string, name: string) {
  return request.db.vault
    .findMany({ where: { nameKey: name.toLowerCase() } })
    .then(
      (vaults) =>
        vaults.find(
          (vault) => same(vault.subscriptionId, subscriptionId) && same(vault.resourceGroup, resourceGroup),
        ) ?? null,
    );
}

/** The vault of the path, once the caller may read it; else the 404 or 403 answer. */
export async function vaultOf(request: ArmRequest): Promise<ArmVault | Response> {
  const { subscriptionId, resourceGroupName, vaultName } = request.params;
  const vault = await findVaultRow(request, subscriptionId, resourceGroupName, vaultName);
  if (!vault)
    return notFound(
      `The Resource '${PROVIDER}/vaults/${vaultName}' under resource group '${resourceGroupName}' was not found.`,
    );
  const denied = await authorize(request.db, request.actor, vault.id, "viewVault");
  if (denied)
    return armError(
      403,
      "AuthorizationFailed",
      `The client '${request.actor.email}' does not have authorization to read vault '${vault.name}'. ${denied.ok ? "" : denied.message}`,
    );
  return vault;
}

/** The vault, when it exists (without the read check: creating one needs none). */
export function existingVault(request: ArmRequest) {
  const { subscriptionId, resourceGroupName, vaultName } = request.params;
  return findVaultRow(request, subscriptionId, resourceGroupName, vaultName);
}

export async function policyOf(request: ArmRequest, vault: ArmVault, policyName = request.params.policyName) {
  const policy = await request.db.backupPolicy.findUnique({
    where: { vaultId_nameKey: { vaultId: vault.id, nameKey: policyName.toLowerCase() } },
    include: { _count: { select: { protectedItems: true } } },
  });
  if (!policy)
    return notFound(`Policy '${policyName}' was not found in vault '${vault.name}'.`, "BMSUserErrorPolicyNotFound");
  const { _count, ...row } = policy;
  return { ...row, itemCount: _count.protectedItems };
}

/** The item the path names (container and item names must agree), soft-deleted ones included; null when there is none. */
export async function findItem(request: ArmRequest, vault: ArmVault) {
  const { fabricName, containerName, protectedItemName } = request.params;
  if (!same(fabricName, "Azure")) return null;
  const item = await request.db.protectedItem.findUnique({
    where: { vaultId_itemName: { vaultId: vault.id, itemName: protectedItemName.toLowerCase() } },
    select: ITEM_COLUMNS,
  });
  return item && same(item.containerName, containerName) ? item : null;
}

export async function itemOf(request: ArmRequest, vault: ArmVault) {
  return (
    (await findItem(request, vault)) ??
    notFound(
      `Protected item '${request.params.protectedItemName}' was not found in container '${request.params.containerName}' of vault '${vault.name}'.`,
    )
  );
}

/** A path segment percent-decoded, or null when its escapes are malformed. */
function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The values of an ARM id's `{…}` segments when the id has the pattern's shape: literal segments
 * compare case-insensitively, segments are percent-decoded, a trailing slash is allowed; else null.
 */
export function armIdValues(id: string, pattern: string): string[] | null {
  const segments = id.trim().replace(/\/$/, "").split("/").map(decodedSegment);
  const expected = pattern.split("/");
  if (segments.length !== expected.length) return null;
  const values: string[] = [];
  for (const [index, part] of expected.entries()) {
    const segment = segments[index];
    if (segment === null) return null;
    if (part.startsWith("{")) {
      if (!segment) return null;
      values.push(segment);
    } else if (!same(part, segment)) return null;
  }
  return values;
}

/**
 * The policy an item body's policyId names: the ARM id of one of this vault's backupPolicies
 * (subscription, resource group and vault compared case-insensitively, segments percent-decoded);
 * null when it names another vault's policy, or isn't such an id.
 */
export function policyNameOfId(policyId: string, vault: ArmVault): string | null {
  return armIdValues(policyId, policyArmId(vault, "{policyName}"))?.[0] ?? null;
}

/** Records an operation that has finished, for clients to poll. */
export function recordOperation(
  request: ArmRequest,
  vault: ArmVault,
  resourceId: string,
  jobId: string | null,
  startTime: Date,
) {
  return request.db.armOperation.create({
    data: { vaultId: vault.id, resourceId, jobId, startTime, endTime: new Date() },
  });
}

export type ArmOperation = Exclude<Awaited<ReturnType<typeof operationOf>>, Response>;

/** The operation of the path (`operationId`) on this vault, or its 404. */
export async function operationOf(request: ArmRequest, vault: ArmVault) {
  const operation = await request.db.armOperation.findUnique({ where: { id: request.params.operationId } });
  if (!operation || operation.vaultId !== vault.id)
    return notFound(`Operation '${request.params.operationId}' was not found.`);
  return operation;
}
