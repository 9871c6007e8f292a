import { z } from "zod";
import { CONFLICT_OPTIONS } from "@/lib/domain/restore/file-recovery";
import { agentFolderPathSchema } from "./agent";
import { resourceGroupSchema, vmNameSchema } from "./inventory";

const id = z.string().min(1);

const NETWORK_NAME_RULE = "2 to 64 letters, digits, underscores, periods or hyphens, starting with a letter or digit.";
/** Azure virtual network names; subnets follow the same rule up to 80 characters. */
const networkNameSchema = (maxLength: number, what: string) =>
  z
    .string({ error: `Enter a ${what}.` })
    .trim()
    .min(1, `Enter a ${what}.`)
    .max(maxLength, { error: NETWORK_NAME_RULE, abort: true })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_]$/, NETWORK_NAME_RULE);

const STORAGE_ACCOUNT_RULE = "A storage account: 3 to 24 lowercase letters and digits.";
/** The staging location: a storage account (Azure restores through one in the vault's region). */
const stagingLocationSchema = z
  .string({ error: "Choose a staging location." })
  .trim()
  .min(1, "Choose a staging location.")
  .max(24, { error: STORAGE_ACCOUNT_RULE, abort: true })
  .regex(/^[a-z0-9]{3,24}$/, STORAGE_ACCOUNT_RULE);

const point = {
  vaultId: id,
  itemId: id,
  recoveryPointId: z.string({ error: "Choose a restore point." }).min(1, "Choose a restore point."),
};

/** Restore VM's request, one shape per restore type (the portal's Restore Configuration). */
export const vmRestoreInputSchema = z.discriminatedUnion(
  "restoreType",
  [
    z.object({
      ...point,
      restoreType: z.literal("CreateVirtualMachine"),
      vmName: vmNameSchema,
      resourceGroup: resourceGroupSchema,
      virtualNetwork: networkNameSchema(64, "virtual network"),
      subnet: networkNameSchema(80, "subnet"),
      stagingLocation: stagingLocationSchema,
    }),
    z.object({
      ...point,
      restoreType: z.literal("RestoreDisks"),
      resourceGroup: resourceGroupSchema,
      stagingLocation: stagingLocationSchema,
    }),
    z.object({ ...point, restoreType: z.literal("ReplaceDisks"), stagingLocation: stagingLocationSchema }),
  ],
  { error: "Choose Create new virtual machine, Restore disks or Replace disk/s." },
);
export type VmRestoreInput = z.input<typeof vmRestoreInputSchema>;

/** Items recovered at once, at most. */
export const MAX_RECOVERED_ITEMS = 100;

/** Recover Data of a files-and-folders item: the items, the destination, what to do when an item exists. */
export const fileRecoveryInputSchema = z.object({
  ...point,
  /** Another server registered to the vault whose agent recovers the files; absent or null: the item's own server. */
  targetServerId: z.string().min(1).nullish(),
  /** Absolute paths at or below the item's folder; none means the whole folder. */
  items: z
    .array(agentFolderPathSchema, { error: "List the items to recover." })
    .max(MAX_RECOVERED_ITEMS, `At most ${MAX_RECOVERED_ITEMS} items at once.`),
  /** Null: the original location. */
  destination: agentFolderPathSchema.nullable(),
  conflict: z.enum(CONFLICT_OPTIONS, { error: "Choose what to do when an item already exists." }),
  restoreAcls: z.boolean(),
});
export type FileRecoveryInput = z.input<typeof fileRecoveryInputSchema>;

/** Browsing a recovery point of a files-and-folders item: a folder's entries, or a search by name. */
export const browseRecoveryPointSchema = z.object({
  ...point,
  /** Absent: the item's folder. */
  folder: agentFolderPathSchema.optional(),
  /** Part of a file or folder name, matched anywhere in the point, whatever the case. */
  search: z.string().trim().min(1, "Enter part of a name.").max(100, "At most 100 characters.").optional(),
});
export type BrowseRecoveryPointInput = z.input<typeof browseRecoveryPointSchema>;

/** A file, or a folder as a zip archive, downloaded from a recovery point of a files-and-folders item. */
export const pointDownloadSchema = z.object({
  ...point,
  path: agentFolderPathSchema,
  type: z.enum(["file", "dir"], { error: "Say whether the path is a file or a folder." }),
});
export type PointDownloadInput = z.input<typeof pointDownloadSchema>;
