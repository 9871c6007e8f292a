import type { Prisma } from "@/generated/sqlite/client";
import type { ImportedPolicy } from "@/lib/domain/policy/azure-json";
import { policyRulesOf, type PolicyRules } from "@/lib/domain/policy/rules";
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import type { Db, Tx } from "@/lib/server/db";

/** The columns of a policy row, from a policy in Azure's shape. */
export function policyRowData(vaultId: string, name: string, policy: ImportedPolicy) {
  return {
    vaultId,
    name,
    nameKey: name.toLowerCase(),
    backupManagementType: policy.properties.backupManagementType,
    policyType: policy.properties.backupManagementType === "AzureIaasVM" ? (policy.properties.policyType ?? "V1") : null,
    timeZone: policy.timeZone,
    windowsTimeZone: policy.windowsTimeZone,
    properties: policy.properties as Prisma.InputJsonObject,
  };
}

/** The domain's rules of a stored policy. */
export function rulesOfStoredPolicy(policy: { properties: unknown; timeZone: string }): PolicyRules {
  return policyRulesOf(policy.properties as AzurePolicyProperties, policy.timeZone);
}

export async function createPolicyRow(db: Db | Tx, vaultId: string, name: string, policy: ImportedPolicy) {
  return db.backupPolicy.create({ data: policyRowData(vaultId, name, policy) });
}

/** The vault's policies with how many items each protects. */
export async function listPolicies(db: Db, vaultId: string) {
  const policies = await db.backupPolicy.findMany({
    where: { vaultId },
    orderBy: { nameKey: "asc" },
    select: { id: true, name: true, backupManagementType: true, policyType: true, timeZone: true, windowsTimeZone: true, properties: true, _count: { select: { protectedItems: true } } },
  });
  return policies.map(({ _count, ...policy }) => ({ ...policy, itemCount: _count.protectedItems }));
}
