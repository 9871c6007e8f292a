// Backup policies: create or update, get, list (with $filter=backupManagementType eq '…'), and
// delete, a long-running operation that is refused while items use the policy.
import { parseArmFilter } from "@/lib/domain/azure/arm-filter";
import {
  createPolicy,
  deletePolicy,
  listPolicies,
  storesSamePolicy,
  updatePolicy,
} from "@/lib/server/services/policies";
import { accepted, armError, armJson, type ArmRequest, refusal } from "./http";
import { type ArmVault, policyOf, recordOperation } from "./lookup";
import { operationResultOf } from "./operations";
import { policyArmId, policyResource } from "./resources";

const POLICY_FIELD_TARGETS = { policy: "properties", name: "policyName" };

export async function listPolicyResources(request: ArmRequest, vault: ArmVault) {
  const filter = parseArmFilter(request.query.get("$filter"), ["backupManagementType"]);
  if (!filter.ok) return armError(400, "InvalidFilter", filter.message);
  const wanted = filter.terms.backupManagementType?.toLowerCase();
  const policies = (await listPolicies(request.db, vault.id)).filter(
    (policy) => !wanted || policy.backupManagementType.toLowerCase() === wanted,
  );
  return armJson({ value: policies.map((policy) => policyResource(vault, policy)) });
}

export async function getPolicyResource(request: ArmRequest, vault: ArmVault) {
  const policy = await policyOf(request, vault);
  return policy instanceof Response ? policy : armJson(policyResource(vault, policy));
}

/** PUT: creates the policy, or changes it (retroactively for its items' recovery points, as Azure does). */
export async function putPolicy(request: ArmRequest, vault: ArmVault) {
  const properties = (request.body as { properties?: unknown } | null)?.properties;
  if (typeof properties !== "object" || properties === null) {
    return armError(400, "BMSUserErrorInvalidPolicyInput", "properties: the policy's properties are missing.", [
      { code: "BMSUserErrorInvalidPolicyInput", message: "Required.", target: "properties" },
    ]);
  }
  const existing = await policyOf(request, vault);
  const saved =
    existing instanceof Response
      ? await createPolicy(
          request.db,
          { vaultId: vault.id, name: request.params.policyName, policy: properties },
          request.actor,
        )
      : await updatePolicy(
          request.db,
          { vaultId: vault.id, policyId: existing.id, policy: properties, confirmRemoval: true },
          request.actor,
        );
  if (!saved.ok) {
    // Another PUT created the policy after this one looked: the same policy is this PUT's answer
    // too; a different one is a conflict (a PUT again would change it).
    const raced = saved.code === "Conflict" && existing instanceof Response ? await policyOf(request, vault) : null;
    if (raced && !(raced instanceof Response) && storesSamePolicy(raced, properties))
      return armJson(policyResource(vault, raced));
    return refusal(saved, POLICY_FIELD_TARGETS);
  }
  const policy = await policyOf(request, vault);
  return policy instanceof Response ? policy : armJson(policyResource(vault, policy));
}

export async function deletePolicyResource(request: ArmRequest, vault: ArmVault) {
  const policy = await policyOf(request, vault);
  if (policy instanceof Response) return policy;
  const startTime = new Date();
  const deleted = await deletePolicy(request.db, { vaultId: vault.id, policyId: policy.id }, request.actor);
  if (!deleted.ok) return refusal(deleted);
  const operation = await recordOperation(request, vault, policyArmId(vault, policy.name), null, startTime);
  const policyPath = policyArmId(vault, policy.name);
  return accepted(request, {
    asyncOperation: `${policyPath}/operations/${operation.id}`,
    location: `${policyPath}/operationResults/${operation.id}`,
  });
}

/** A policy operation's result: the policy, or nothing once deleted. */
export const getPolicyOperationResult = operationResultOf(async (request, vault) => {
  const policy = await policyOf(request, vault);
  return policy instanceof Response ? null : armJson(policyResource(vault, policy));
});
