// Import and export of policies as Azure REST JSON (the ProtectionPolicy resource).
import { z } from "zod";
import { JSON_ISSUE_MESSAGES, jsonValueIssue } from "@/lib/domain/input-limits";
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

/**
 * Fields a policy keeps that this portal doesn't know (so that Azure's JSON round-trips), at most
 * this many bytes of JSON: Azure's own bodies carry a few hundred; every list returns them.
 */
export const UNKNOWN_FIELDS_MAX_BYTES = 64 * 1024;

/** Bytes of JSON in the fields of `value` that `schema` doesn't name, at any depth (its loose objects keep them). */
export function unknownFieldBytes(schema: z.ZodType, value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return unknownFieldBytes(schema.unwrap() as z.ZodType, value);
  if (schema instanceof z.ZodArray)
    return Array.isArray(value)
      ? value.reduce((sum: number, element) => sum + unknownFieldBytes(schema.element as z.ZodType, element), 0)
      : 0;
  if (schema instanceof z.ZodUnion) {
    const option = (schema.options as z.ZodType[]).find((candidate) => candidate.safeParse(value).success);
    return option ? unknownFieldBytes(option, value) : 0;
  }
  if (!(schema instanceof z.ZodObject) || typeof value !== "object" || Array.isArray(value)) return 0;
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.entries(value).reduce(
    (sum, [key, field]) =>
      sum +
      (Object.hasOwn(shape, key) ? unknownFieldBytes(shape[key], field) : utf8Bytes(JSON.stringify({ [key]: field }))),
    0,
  );
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

function unknownFieldsIssue(properties: AzurePolicyProperties): PolicyIssue | null {
  const bytes = unknownFieldBytes(azurePolicyPropertiesSchema, properties);
  if (bytes <= UNKNOWN_FIELDS_MAX_BYTES) return null;
  return {
    path: "",
    message: `Fields this portal doesn't know take ${Math.ceil(bytes / 1024)} KB; a policy keeps at most ${UNKNOWN_FIELDS_MAX_BYTES / 1024} KB of them.`,
  };
}

/** Reads a policy from Azure JSON: the offending field's path and why, or the policy. */
export function importAzurePolicy(
  document: unknown,
): { ok: true; policy: ImportedPolicy } | { ok: false; issues: PolicyIssue[] } {
  // Nested too deep or holding a NUL, a document can't be stored (Prisma's JSON, PostgreSQL's jsonb).
  const shapeIssue = jsonValueIssue(document);
  if (shapeIssue) return { ok: false, issues: [{ path: "", message: JSON_ISSUE_MESSAGES[shapeIssue] }] };
  const parsed = azurePolicyPropertiesSchema.safeParse(unwrapPolicyProperties(document));
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const properties = parsed.data;
  const unknownIssue = unknownFieldsIssue(properties);
  if (unknownIssue) return { ok: false, issues: [unknownIssue] };
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
export function exportAzurePolicy(policy: {
  id: string;
  name: string;
  properties: unknown;
  timeZone: string;
  windowsTimeZone: string | null;
}) {
  const properties = policy.properties as AzurePolicyProperties;
  return {
    id: policy.id,
    name: policy.name,
    type: "Microsoft.RecoveryServices/vaults/backupPolicies",
    properties: { ...properties, timeZone: windowsZoneIdOf(policy) },
  };
}
