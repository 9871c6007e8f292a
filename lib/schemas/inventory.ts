import { z } from "zod";
import { REGIONS, RESOURCE_GROUP_PATTERN, SUBSCRIPTION_ID_PATTERN } from "@/lib/domain/azure/resources";

/** Azure VM names: 1–64 characters, letters, digits, hyphens, underscores and periods; no trailing period or hyphen. */
const VM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9_]$|^[A-Za-z0-9]$/;
/** A server's fully qualified name, as the Backup Agent registers it. */
const SERVER_NAME_PATTERN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A Windows path on a local drive: D:\Data, C:\Users. */
const WINDOWS_PATH_PATTERN = /^[A-Za-z]:\\([^<>:"/\\|?*\r\n]+\\?)*$/;

const changeRate = z.coerce.number({ error: "Enter a number." }).min(0, "Between 0 and 100 %.").max(100, "Between 0 and 100 %.");

export const addVirtualMachineSchema = z.object({
  subscriptionId: z.string().trim().regex(SUBSCRIPTION_ID_PATTERN, "Enter a subscription ID (a GUID)."),
  resourceGroup: z.string().trim().min(1, "Enter a resource group.").max(90, "At most 90 characters.").regex(RESOURCE_GROUP_PATTERN, "Use letters, digits, underscores, hyphens, periods and parentheses."),
  name: z.string().trim().regex(VM_NAME_PATTERN, "1 to 64 letters, digits, hyphens, underscores or periods; not ending with a period or hyphen."),
  location: z.enum(Object.keys(REGIONS) as [keyof typeof REGIONS, ...(keyof typeof REGIONS)[]], { error: "Choose a region." }),
  osType: z.enum(["Windows", "Linux"], { error: "Choose Windows or Linux." }),
  sizeGb: z.coerce.number({ error: "Enter a number." }).int("Whole gigabytes.").min(1, "Between 1 and 65,536 GB.").max(65_536, "Between 1 and 65,536 GB."),
  dailyChangeRatePercent: changeRate,
});
export type AddVirtualMachineInput = z.input<typeof addVirtualMachineSchema>;

export const addServerSchema = z.object({
  name: z.string().trim().toLowerCase().regex(SERVER_NAME_PATTERN, "Enter the server's name, such as fs01.contoso.com."),
  osType: z.string().trim().min(1, "Enter the operating system.").max(60, "At most 60 characters."),
});

export const addFolderSchema = z.object({
  serverId: z.string().min(1),
  path: z.string().trim().regex(WINDOWS_PATH_PATTERN, "Enter a folder path such as D:\\Data."),
  sizeGb: z.coerce.number({ error: "Enter a number." }).positive("More than 0 GB.").max(1_000_000, "At most 1,000,000 GB."),
  dailyChangeRatePercent: changeRate,
});

export const registerServerSchema = z.object({ serverId: z.string().min(1), vaultId: z.string({ error: "Choose a vault." }).min(1, "Choose a vault.") });
export const inventoryItemSchema = z.object({ id: z.string().min(1) });
