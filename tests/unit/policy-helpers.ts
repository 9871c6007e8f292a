import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { policyRulesOf, type PolicyRules } from "@/lib/domain/policy/rules";

/** The domain rules of an Azure policy document; throws with the issues if it is invalid. */
export function rulesFromAzure(document: unknown): PolicyRules {
  const imported = importAzurePolicy(document);
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  return policyRulesOf(imported.policy.properties, imported.policy.timeZone);
}

export const at = (time: string) => `2024-01-01T${time}:00Z`;
