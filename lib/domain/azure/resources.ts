// Azure resource naming: regions, name rules, and the ARM names of backup containers and items.

export const REGIONS = {
  eastus: "East US",
  eastus2: "East US 2",
  westus2: "West US 2",
  centralus: "Central US",
  northeurope: "North Europe",
  westeurope: "West Europe",
  uksouth: "UK South",
  germanywestcentral: "Germany West Central",
  southeastasia: "Southeast Asia",
  japaneast: "Japan East",
  australiaeast: "Australia East",
  centralindia: "Central India",
} as const;
export type Region = keyof typeof REGIONS;

export const STORAGE_REDUNDANCY_LABELS = {
  GeoRedundant: "Geo-redundant (GRS)",
  LocallyRedundant: "Locally-redundant (LRS)",
  ZoneRedundant: "Zone-redundant (ZRS)",
} as const;

export const SOFT_DELETE_LABELS = {
  Enabled: "Enabled",
  Disabled: "Disabled",
  AlwaysON: "Enabled and always on",
} as const;

export function regionLabel(region: string): string {
  return REGIONS[region as Region] ?? region;
}

/** 2–50 characters, starting with a letter, letters/digits/hyphens only (Azure's vault name rule). */
export const VAULT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{1,49}$/;
/** 1–90 characters of letters, digits, underscores, hyphens, periods and parentheses, not ending in a period. */
export const RESOURCE_GROUP_PATTERN = /^[-\w.()]{0,89}[-\w()]$/;
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ARM container and item names, as Azure's examples spell them. */
export function virtualMachineBackupNames(resourceGroup: string, vmName: string) {
  const suffix = `iaasvmcontainerv2;${resourceGroup};${vmName}`.toLowerCase();
  return { containerName: `IaasVMContainer;${suffix}`.toLowerCase(), itemName: `VM;${suffix}`.toLowerCase() };
}

/** A folder's label in its item's name (ours: Azure has no convention for Backup Agent items): C:\Data → C_Data. */
export function fileFolderLabel(path: string): string {
  const joined = path.replace(/[:\\/]+/g, "_");
  // Trailing underscores go by a loop: /_+$/ retried at every underscore is quadratic on long runs.
  let end = joined.length;
  while (end > 0 && joined[end - 1] === "_") end -= 1;
  return joined.slice(0, end);
}

export function fileFolderBackupNames(machineName: string, path: string) {
  const machine = machineName.toLowerCase();
  return {
    containerName: `mabcontainer;${machine}`,
    itemName: `filefolder;${machine};${fileFolderLabel(path).toLowerCase()}`,
  };
}
