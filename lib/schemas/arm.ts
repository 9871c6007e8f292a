// Request bodies of the Azure-compatible REST API (Microsoft.RecoveryServices and the emulator's
// Microsoft.Compute VMs), as the Azure SDKs send them. Unknown fields are ignored, as ARM does;
// the OpenAPI document at /api/arm/openapi.json is generated from these schemas.
import { z } from "zod";
import { FOLDER_PATH_MAX_LENGTH } from "./inventory";
import { azurePolicyPropertiesSchema } from "./policy";

/** ARM resource ids are at most a few hundred characters; longer ones are refused before any other work. */
export const ARM_ID_MAX_LENGTH = 1024;
const armId = z.string().max(ARM_ID_MAX_LENGTH, `At most ${ARM_ID_MAX_LENGTH} characters.`);

const softDeleteStateSchema = z.enum(["Enabled", "Disabled", "AlwaysON"]);

export const armVaultBodySchema = z.looseObject({
  location: z
    .string({ error: "A vault needs a location, such as westeurope." })
    .min(1, "A vault needs a location, such as westeurope.")
    .max(64, "A location has at most 64 characters."),
  sku: z.looseObject({ name: z.enum(["Standard", "RS0"], { error: "The SKU is Standard." }) }).optional(),
  tags: z.record(z.string(), z.string()).nullish(),
  properties: z
    .looseObject({
      redundancySettings: z
        .looseObject({
          standardTierStorageRedundancy: z.enum(["GeoRedundant", "LocallyRedundant", "ZoneRedundant"]).nullish(),
        })
        .nullish(),
      securitySettings: z
        .looseObject({
          softDeleteSettings: z
            .looseObject({
              softDeleteState: softDeleteStateSchema.nullish(),
              softDeleteRetentionPeriodInDays: z.number().int().nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type ArmVaultBody = z.infer<typeof armVaultBodySchema>;

export const armPolicyBodySchema = z.looseObject({ properties: azurePolicyPropertiesSchema });

const protectionFields = {
  policyId: armId.nullish(),
  protectionState: z
    .enum(["IRPending", "Protected", "ProtectionError", "ProtectionStopped", "ProtectionPaused", "Invalid"])
    .nullish(),
  /** Undelete a soft-deleted item (Azure's PUT with isRehydrate). */
  isRehydrate: z.boolean().nullish(),
};

export const armProtectedItemBodySchema = z.looseObject({
  properties: z.discriminatedUnion(
    "protectedItemType",
    [
      z.looseObject({
        protectedItemType: z.enum(["Microsoft.Compute/virtualMachines", "AzureIaaSVMProtectedItem"]),
        sourceResourceId: armId.nullish(),
        ...protectionFields,
      }),
      z.looseObject({
        protectedItemType: z.literal("MabFileFolderProtectedItem"),
        /** The folder's path, C:\Data. */
        friendlyName: z
          .string()
          .max(FOLDER_PATH_MAX_LENGTH, `A folder path has at most ${FOLDER_PATH_MAX_LENGTH} characters.`)
          .nullish(),
        computerName: z.string().max(253, "A computer name has at most 253 characters.").nullish(),
        ...protectionFields,
      }),
    ],
    {
      error:
        "protectedItemType must be Microsoft.Compute/virtualMachines (Azure VM) or MabFileFolderProtectedItem (Backup Agent folder).",
    },
  ),
});
export type ArmProtectedItemBody = z.infer<typeof armProtectedItemBodySchema>;

export const armBackupRequestBodySchema = z.looseObject({
  properties: z.looseObject({
    objectType: z.enum(["IaasVMBackupRequest", "AzureFileShareBackupRequest", "AzureWorkloadBackupRequest"], {
      error: "objectType must be IaasVMBackupRequest.",
    }),
    recoveryPointExpiryTimeInUTC: z.iso
      .datetime({ offset: true, error: "Use an ISO 8601 date-time, such as 2026-12-26T00:00:00Z." })
      .nullish(),
  }),
});

export const armVirtualMachineBodySchema = z.looseObject({
  location: z
    .string({ error: "A virtual machine needs a location, such as westeurope." })
    .min(1)
    .max(64, "A location has at most 64 characters."),
  properties: z
    .looseObject({
      storageProfile: z
        .looseObject({
          osDisk: z
            .looseObject({ osType: z.enum(["Windows", "Linux"]).nullish(), diskSizeGB: z.number().int().nullish() })
            .nullish(),
        })
        .nullish(),
      /** The emulator's own: how much of the disk changes a day, which sizes incremental backups. */
      dailyChangeRatePercent: z.number().nullish(),
    })
    .nullish(),
});
