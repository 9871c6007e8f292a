// Request bodies of the Azure-compatible REST API (Microsoft.RecoveryServices and the emulator's
// Microsoft.Compute VMs), as the Azure SDKs send them. Unknown fields are ignored, as ARM does;
// the OpenAPI document at /api/arm/openapi.json is generated from these schemas.
import { z } from "zod";
import type { ConflictOption } from "@/lib/domain/restore/file-recovery";
import { agentFolderPathSchema } from "./agent";
import { FOLDER_PATH_MAX_LENGTH } from "./inventory";
import { azurePolicyPropertiesSchema } from "./policy";
import { fileRecoveryInputSchema } from "./restore";
import { tagsSchema } from "./vault";

/** ARM resource ids are at most a few hundred characters; longer ones are refused before any other work. */
export const ARM_ID_MAX_LENGTH = 1024;
const armId = z.string().max(ARM_ID_MAX_LENGTH, `At most ${ARM_ID_MAX_LENGTH} characters.`);

/** A Backup Agent server's name (its computer name), as Azure's MAB containers and jobs name it. */
const serverName = z.string().max(253, "A computer name has at most 253 characters.");

const softDeleteStateSchema = z.enum(["Enabled", "Disabled", "AlwaysON"]);

export const armVaultBodySchema = z.looseObject({
  location: z
    .string({ error: "A vault needs a location, such as westeurope." })
    .min(1, "A vault needs a location, such as westeurope.")
    .max(64, "A location has at most 64 characters."),
  sku: z.looseObject({ name: z.enum(["Standard", "RS0"], { error: "The SKU is Standard." }) }).optional(),
  tags: tagsSchema.nullish(),
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
      monitoringSettings: z
        .looseObject({
          azureMonitorAlertSettings: z
            .looseObject({
              alertsForAllJobFailures: z.enum(["Enabled", "Disabled"], { error: "Enabled or Disabled." }).nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type ArmVaultBody = z.infer<typeof armVaultBodySchema>;
/** PATCH (Vaults_Update, the SDK's vaults.update): what it states changes; a vault doesn't move. */
export const armVaultPatchBodySchema = armVaultBodySchema.omit({ location: true });
export type ArmVaultPatchBody = z.infer<typeof armVaultPatchBodySchema>;

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
        computerName: serverName.nullish(),
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

/** The objectType of the portal's own restore request for files and folders (Azure has none for the agent). */
export const FILE_RECOVERY_REQUEST = "VaultPortalFileRecoveryRequest";

/** Azure's CopyOptions (of AzureFileShareRestoreRequest) and the Recover Data choice each one is. */
const COPY_OPTIONS = {
  CreateCopy: "CreateCopies",
  Overwrite: "Overwrite",
  Skip: "Skip",
} as const satisfies Record<string, ConflictOption>;

const fileRecoveryFields = {
  objectType: z.literal(FILE_RECOVERY_REQUEST, {
    error: `objectType must be ${FILE_RECOVERY_REQUEST}: files and folders of a Backup Agent item are recovered with the portal's extension.`,
  }),
  /** The path's point (Azure's bodies repeat it); another one is refused. */
  recoveryPointId: armId.nullish(),
  targetServerName: serverName
    .nullish()
    .describe(
      "Another server registered to the vault with the Backup Agent, whose agent recovers the items (it must hold this server's passphrase: agent add-passphrase); absent or null: the item's own server.",
    ),
  items: fileRecoveryInputSchema.shape.items.describe(
    "Absolute paths of files and folders at or below the item's folder; [] recovers the whole folder.",
  ),
  copyOptions: z
    .enum(Object.keys(COPY_OPTIONS) as [keyof typeof COPY_OPTIONS], {
      error:
        "copyOptions must be CreateCopy (keep both versions), Overwrite (replace existing items) or Skip (leave existing items alone).",
    })
    .transform((option) => COPY_OPTIONS[option])
    .describe("When an item exists at the destination: keep both versions, overwrite it, or leave it alone."),
  restoreAcls: z
    .boolean({ error: "restoreAcls is true or false." })
    .nullish()
    .describe("Restore the items' permissions, owners and times; absent or null: true, as the wizard's default."),
};

/**
 * The portal's extension for Backup Agent (MARS) items under Azure's restore path: Recover Data's
 * options with the names Azure's AzureFileShareRestoreRequest gives them (recoveryType,
 * copyOptions, targetFolderPath).
 */
export const armFileRecoveryPropertiesSchema = z.discriminatedUnion(
  "recoveryType",
  [
    z.looseObject({
      ...fileRecoveryFields,
      recoveryType: z.literal("OriginalLocation"),
      // Refused rather than ignored: a stray target must not send the items back over the originals.
      targetFolderPath: z
        .null({
          error:
            "OriginalLocation recovers the items where they were: leave targetFolderPath out, or use AlternateLocation.",
        })
        .optional(),
    }),
    z.looseObject({
      ...fileRecoveryFields,
      recoveryType: z.literal("AlternateLocation"),
      targetFolderPath: z
        .string({
          error:
            "AlternateLocation recovers the items below another folder: give targetFolderPath, such as /srv/restore.",
        })
        .pipe(agentFolderPathSchema)
        .describe(
          "An absolute folder on the server; each item is recovered at its own path below it (/srv/share/a.txt to {targetFolderPath}/srv/share/a.txt).",
        ),
    }),
  ],
  {
    error:
      "recoveryType must be OriginalLocation (where the items were) or AlternateLocation (below targetFolderPath).",
  },
);

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
