import { z } from "zod";
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
