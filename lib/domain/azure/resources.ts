// Azure resource naming: regions, name rules, and the ARM names of backup containers and items.

/**
 * Every region of Azure's public cloud, by its programmatic name, with its display name, in the
 * order of display names (learn.microsoft.com/azure/reliability/regions-list and `az account
 * list-locations`, restricted-access regions included; sovereign clouds' regions aren't public).
 */
export const REGIONS = {
  australiacentral: "Australia Central",
  australiacentral2: "Australia Central 2",
  australiaeast: "Australia East",
  australiasoutheast: "Australia Southeast",
  austriaeast: "Austria East",
  belgiumcentral: "Belgium Central",
  brazilsouth: "Brazil South",
  brazilsoutheast: "Brazil Southeast",
  canadacentral: "Canada Central",
  canadaeast: "Canada East",
  centralindia: "Central India",
  centralus: "Central US",
  chilecentral: "Chile Central",
  denmarkeast: "Denmark East",
  eastasia: "East Asia",
  eastus: "East US",
  eastus2: "East US 2",
  francecentral: "France Central",
  francesouth: "France South",
  germanynorth: "Germany North",
  germanywestcentral: "Germany West Central",
  indonesiacentral: "Indonesia Central",
  israelcentral: "Israel Central",
  italynorth: "Italy North",
  japaneast: "Japan East",
  japanwest: "Japan West",
  jioindiacentral: "Jio India Central",
  jioindiawest: "Jio India West",
  koreacentral: "Korea Central",
  koreasouth: "Korea South",
  malaysiawest: "Malaysia West",
  mexicocentral: "Mexico Central",
  newzealandnorth: "New Zealand North",
  northcentralus: "North Central US",
  northeurope: "North Europe",
  norwayeast: "Norway East",
  norwaywest: "Norway West",
  polandcentral: "Poland Central",
  qatarcentral: "Qatar Central",
  southafricanorth: "South Africa North",
  southafricawest: "South Africa West",
  southcentralus: "South Central US",
  southindia: "South India",
  southeastasia: "Southeast Asia",
  spaincentral: "Spain Central",
  swedencentral: "Sweden Central",
  swedensouth: "Sweden South",
  switzerlandnorth: "Switzerland North",
  switzerlandwest: "Switzerland West",
  uaecentral: "UAE Central",
  uaenorth: "UAE North",
  uksouth: "UK South",
  ukwest: "UK West",
  westcentralus: "West Central US",
  westeurope: "West Europe",
  westindia: "West India",
  westus: "West US",
  westus2: "West US 2",
  westus3: "West US 3",
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
  const named = regionNamed(region);
  return named ? REGIONS[named] : region;
}

/**
 * The region a location names, as ARM reads it: its programmatic name or its display name, in any
 * case and spacing (westus, West US); null for a name that isn't a public Azure region.
 */
export function regionNamed(location: string): Region | null {
  const name = location.replace(/\s+/g, "").toLowerCase();
  return Object.hasOwn(REGIONS, name) ? (name as Region) : null;
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
