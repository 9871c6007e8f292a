import { z } from "zod";
import {
  REGIONS,
  RESOURCE_GROUP_PATTERN,
  SUBSCRIPTION_ID_PATTERN,
  VAULT_NAME_PATTERN,
} from "@/lib/domain/azure/resources";

/** Azure's limits on resource tags (Azure Resource Manager: tag support). */
export const TAG_LIMITS = { count: 50, nameLength: 512, valueLength: 256 } as const;
const TAG_NAME_FORBIDDEN = /[<>%&\\?/]/;

/** Why Azure refuses a tag name, or null. */
function tagNameIssue(name: string): string | null {
  if (name.length === 0) return "A tag needs a name.";
  if (name.length > TAG_LIMITS.nameLength) return `A tag name has at most ${TAG_LIMITS.nameLength} characters.`;
  if (name.trim() !== name) return "A tag name doesn't start or end with a space.";
  if (TAG_NAME_FORBIDDEN.test(name)) return "A tag name can't contain < > % & \\ ? or /.";
  return null;
}

/** A resource's tags, name → value: at most 50, names unique whatever their case, as Azure's. */
export const tagsSchema = z
  .record(
    z.string(),
    z.string().max(TAG_LIMITS.valueLength, `A tag value has at most ${TAG_LIMITS.valueLength} characters.`),
    { error: "Tags are name-value pairs of text." },
  )
  .superRefine((tags, context) => {
    const names = Object.keys(tags);
    if (names.length > TAG_LIMITS.count)
      context.addIssue({ code: "custom", message: `A resource has at most ${TAG_LIMITS.count} tags.` });
    const seen = new Set<string>();
    for (const name of names) {
      const issue = tagNameIssue(name);
      if (issue) context.addIssue({ code: "custom", path: [name], message: `'${name}': ${issue}` });
      if (seen.has(name.toLowerCase()))
        context.addIssue({
          code: "custom",
          path: [name],
          message: `'${name}': tag names are compared without case, each name once.`,
        });
      seen.add(name.toLowerCase());
    }
  });

export const createVaultSchema = z.object({
  subscriptionId: z
    .string()
    .trim()
    .regex(SUBSCRIPTION_ID_PATTERN, "Enter a subscription ID (a GUID such as 00000000-0000-0000-0000-000000000000)."),
  resourceGroup: z
    .string()
    .trim()
    .min(1, "Enter a resource group.")
    .max(90, "A resource group name has at most 90 characters.")
    .regex(
      RESOURCE_GROUP_PATTERN,
      "Use letters, digits, underscores, hyphens, periods and parentheses; don't end with a period.",
    ),
  name: z
    .string()
    .trim()
    .min(2, "A vault name has 2 to 50 characters.")
    .max(50, "A vault name has 2 to 50 characters.")
    .regex(VAULT_NAME_PATTERN, "A vault name starts with a letter and contains only letters, digits and hyphens."),
  location: z.enum(Object.keys(REGIONS) as [keyof typeof REGIONS, ...(keyof typeof REGIONS)[]], {
    error: "Choose a region.",
  }),
  storageRedundancy: z.enum(["GeoRedundant", "LocallyRedundant", "ZoneRedundant"]).default("GeoRedundant"),
  softDeleteState: z.enum(["Enabled", "Disabled", "AlwaysON"]).default("Enabled"),
  softDeleteRetentionDays: z.coerce
    .number()
    .int()
    .min(14, "Soft delete keeps data 14 to 180 days.")
    .max(180, "Soft delete keeps data 14 to 180 days.")
    .default(14),
  alertsForAllJobFailures: z.boolean().default(true),
  tags: tagsSchema.default({}),
});
export type CreateVaultInput = z.input<typeof createVaultSchema>;

export const deleteVaultSchema = z.object({
  vaultId: z.string().min(1),
  confirmName: z.string().trim().min(1, "Type the vault's name to confirm."),
});

export const softDeleteSettingsSchema = z.object({
  vaultId: z.string().min(1),
  softDeleteState: z.enum(["Enabled", "Disabled", "AlwaysON"], { error: "Choose a soft delete state." }),
  softDeleteRetentionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Whole days.")
    .min(14, "Soft delete keeps data 14 to 180 days.")
    .max(180, "Soft delete keeps data 14 to 180 days."),
  /** The vault's name, typed to confirm a change that weakens protection. */
  confirmName: z.string().optional(),
});
export type SoftDeleteSettingsInput = z.input<typeof softDeleteSettingsSchema>;

export const monitoringSettingsSchema = z.object({
  vaultId: z.string().min(1),
  alertsForAllJobFailures: z.boolean({ error: "Choose whether failed jobs raise alerts." }),
});
export type MonitoringSettingsInput = z.input<typeof monitoringSettingsSchema>;

export const vaultTagsSchema = z.object({ vaultId: z.string().min(1), tags: tagsSchema });
export type VaultTagsInput = z.input<typeof vaultTagsSchema>;

export const vaultPinSchema = z.object({ vaultId: z.string().min(1), pinned: z.boolean() });
