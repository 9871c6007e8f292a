import { z } from "zod";
import {
  REGIONS,
  RESOURCE_GROUP_PATTERN,
  SUBSCRIPTION_ID_PATTERN,
  VAULT_NAME_PATTERN,
} from "@/lib/domain/azure/resources";

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

export const vaultPinSchema = z.object({ vaultId: z.string().min(1), pinned: z.boolean() });
