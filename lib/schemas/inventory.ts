import { z } from "zod";
import { REGIONS, RESOURCE_GROUP_PATTERN, SUBSCRIPTION_ID_PATTERN } from "@/lib/domain/azure/resources";

/** Azure VM names: 1–64 characters, letters, digits, hyphens, underscores and periods; no trailing period or hyphen. */
const VM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9_]$|^[A-Za-z0-9]$/;
/** A server's fully qualified name, as the Backup Agent registers it. */
const SERVER_NAME_PATTERN =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** Windows' MAX_PATH is 260 characters with the terminating NUL. */
export const FOLDER_PATH_MAX_LENGTH = 259;
const NOT_IN_FOLDER_NAMES = new Set('<>:"/|?*');

/**
 * A Windows path on a local drive: D:\Data, C:\Users\. After `X:\`, names separated by single
 * backslashes, without <>:"/|?* or control characters. A loop, not a pattern: the pattern
 * `([^…]+\\?)*` it replaces backtracked exponentially on a long name that ended badly.
 */
export function isWindowsFolderPath(path: string): boolean {
  if (path.length > FOLDER_PATH_MAX_LENGTH || !/^[A-Za-z]:\\/.test(path)) return false;
  let previous = "\\";
  for (const char of path.slice(3)) {
    if ((char === "\\" && previous === "\\") || char < " " || NOT_IN_FOLDER_NAMES.has(char)) return false;
    previous = char;
  }
  return true;
}

const SUBSCRIPTION_ID_RULE = "Enter a subscription ID (a GUID).";
const SERVER_NAME_RULE = "Enter the server's name, such as fs01.contoso.com.";
const VM_NAME_RULE = "1 to 64 letters, digits, hyphens, underscores or periods; not ending with a period or hyphen.";
// Each name's length is checked first and ends the check (abort): nothing longer reaches a pattern.
const subscriptionIdSchema = z
  .string()
  .trim()
  .max(36, { error: SUBSCRIPTION_ID_RULE, abort: true })
  .regex(SUBSCRIPTION_ID_PATTERN, SUBSCRIPTION_ID_RULE);
export const resourceGroupSchema = z
  .string()
  .trim()
  .min(1, "Enter a resource group.")
  .max(90, { error: "At most 90 characters.", abort: true })
  .regex(RESOURCE_GROUP_PATTERN, "Use letters, digits, underscores, hyphens, periods and parentheses.");
export const vmNameSchema = z
  .string()
  .trim()
  .max(64, { error: VM_NAME_RULE, abort: true })
  .regex(VM_NAME_PATTERN, VM_NAME_RULE);
const serverNameSchema = z
  .string()
  .trim()
  .max(253, { error: SERVER_NAME_RULE, abort: true })
  .toLowerCase()
  .regex(SERVER_NAME_PATTERN, SERVER_NAME_RULE);
const folderPathSchema = z
  .string()
  .trim()
  .max(FOLDER_PATH_MAX_LENGTH, { error: `At most ${FOLDER_PATH_MAX_LENGTH} characters.`, abort: true })
  .refine(isWindowsFolderPath, "Enter a folder path such as D:\\Data.");

const changeRate = z.coerce
  .number({ error: "Enter a number." })
  .min(0, "Between 0 and 100 %.")
  .max(100, "Between 0 and 100 %.");

export const addVirtualMachineSchema = z.object({
  subscriptionId: subscriptionIdSchema,
  resourceGroup: resourceGroupSchema,
  name: vmNameSchema,
  location: z.enum(Object.keys(REGIONS) as [keyof typeof REGIONS, ...(keyof typeof REGIONS)[]], {
    error: "Choose a region.",
  }),
  osType: z.enum(["Windows", "Linux"], { error: "Choose Windows or Linux." }),
  sizeGb: z.coerce
    .number({ error: "Enter a number." })
    .int("Whole gigabytes.")
    .min(1, "Between 1 and 65,536 GB.")
    .max(65_536, "Between 1 and 65,536 GB."),
  dailyChangeRatePercent: changeRate,
});
export type AddVirtualMachineInput = z.input<typeof addVirtualMachineSchema>;

export const addServerSchema = z.object({
  name: serverNameSchema,
  osType: z.string().trim().min(1, "Enter the operating system.").max(60, "At most 60 characters."),
});

export const addFolderSchema = z.object({
  serverId: z.string().min(1),
  path: folderPathSchema,
  sizeGb: z.coerce
    .number({ error: "Enter a number." })
    .positive("More than 0 GB.")
    .max(1_000_000, "At most 1,000,000 GB."),
  dailyChangeRatePercent: changeRate,
});

export const registerServerSchema = z.object({
  serverId: z.string().min(1),
  vaultId: z.string({ error: "Choose a vault." }).min(1, "Choose a vault."),
});
export const inventoryItemSchema = z.object({ id: z.string().min(1) });

/**
 * A data source named as Azure names it, for the REST API's enable protection: a VM by its
 * subscription, resource group and name, or a Backup Agent folder by its machine and path.
 */
export const namedSourceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("virtualMachine"),
    subscriptionId: subscriptionIdSchema,
    resourceGroup: resourceGroupSchema,
    name: vmNameSchema,
  }),
  z.object({ kind: z.literal("folder"), machine: serverNameSchema, path: folderPathSchema }),
]);
export type NamedSource = z.input<typeof namedSourceSchema>;
