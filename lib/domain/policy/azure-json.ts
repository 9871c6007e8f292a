// Import and export of policies as Azure REST JSON (the ProtectionPolicy resource).
import type { z } from "zod";
import { azurePolicyPropertiesSchema, type AzurePolicyProperties } from "@/lib/schemas/policy";
import { ianaZoneOfWindows, windowsZoneOfIana } from "@/lib/domain/time/windows-zones";
import { isValidTimeZone } from "@/lib/domain/time/zoned";
import { type PolicyIssue, validatePolicy } from "./validate";

export type ImportedPolicy = {
  properties: AzurePolicyProperties;
  /** The IANA zone the policy computes in. */
  timeZone: string;
  /** The Windows zone id the JSON carried (exported again unchanged). */
  windowsTimeZone: string | null;
};

/**
 * The `properties` object of a document that is a whole resource ({ "properties": … }), bare
 * properties, or an Azure spec example ({ "parameters": { "parameters": { "properties": … } } }).
 */
export function unwrapPolicyProperties(document: unknown): unknown {
  if (typeof document !== "object" || document === null) return document;
  const record = document as Record<string, unknown>;
  const parameters = record.parameters as Record<string, unknown> | undefined;
  if (parameters && typeof parameters.parameters === "object") return unwrapPolicyProperties(parameters.parameters);
  if (typeof record.properties === "object" && record.properties !== null) return record.properties;
  return document;
}

function issuesOf(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** Reads a policy from Azure JSON: the offending field's path and why, or the policy. */
export function importAzurePolicy(document: unknown): { ok: true; policy: ImportedPolicy } | { ok: false; issues: PolicyIssue[] } {
  const parsed = azurePolicyPropertiesSchema.safeParse(unwrapPolicyProperties(document));
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const properties = parsed.data;
  const zoneId = properties.timeZone ?? "UTC";
  const timeZone = ianaZoneOfWindows(zoneId) ?? (isValidTimeZone(zoneId) ? zoneId : null);
  const issues = validatePolicy(properties);
  if (!timeZone) issues.unshift({ path: "timeZone", message: `'${zoneId}' is not a Windows or IANA time zone.` });
  if (issues.length > 0 || !timeZone) return { ok: false, issues };
  return { ok: true, policy: { properties, timeZone, windowsTimeZone: properties.timeZone ?? null } };
}

/** The Windows zone id a stored policy is shown and exported with: the one it was imported with, else CLDR's. */
export function windowsZoneIdOf(policy: { timeZone: string; windowsTimeZone: string | null }): string {
  return policy.windowsTimeZone ?? windowsZoneOfIana(policy.timeZone) ?? policy.timeZone;
}

/** The ProtectionPolicy resource of a stored policy; its properties are what was imported or built. */
export function exportAzurePolicy(policy: { id: string; name: string; properties: unknown; timeZone: string; windowsTimeZone: string | null }) {
  const properties = policy.properties as AzurePolicyProperties;
  return {
    id: policy.id,
    name: policy.name,
    type: "Microsoft.RecoveryServices/vaults/backupPolicies",
    properties: { ...properties, timeZone: windowsZoneIdOf(policy) },
  };
}
