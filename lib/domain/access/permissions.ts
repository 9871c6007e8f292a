// Who may do what: Azure's built-in Backup roles per vault, and the portal's Owner (global).
// Reader views (alerts too); Operator also configures backup, runs Backup now, restores, cancels jobs,
// registers servers and acknowledges and closes alerts; Contributor also stops, resumes and deletes
// protection and manages policies, the vault's settings and its alert notifications. Only the Owner creates and deletes vaults, manages
// access and the inventory.
// (docs/azure-backup-semantics.md §3; where Azure is silent we chose the stricter.)

export const VAULT_ROLES = ["Reader", "Operator", "Contributor"] as const;
export type VaultRole = (typeof VAULT_ROLES)[number];

export const VAULT_ROLE_LABELS: Record<VaultRole, string> = {
  Reader: "Backup Reader",
  Operator: "Backup Operator",
  Contributor: "Backup Contributor",
};

/** What each permission needs: a vault role (that role or a stronger one) or the Owner. */
export const PERMISSIONS = {
  manageOwnAccount: "SignedIn",
  viewVault: "Reader",
  pinVault: "Reader",
  configureBackup: "Operator",
  backupNow: "Operator",
  restore: "Operator",
  cancelJob: "Operator",
  registerServer: "Operator",
  manageAlerts: "Operator",
  stopBackup: "Contributor",
  resumeBackup: "Contributor",
  deleteBackupData: "Contributor",
  undelete: "Contributor",
  changePolicy: "Contributor",
  managePolicies: "Contributor",
  vaultSettings: "Contributor",
  notificationSettings: "Contributor",
  createVault: "Owner",
  deleteVault: "Owner",
  manageInventory: "Owner",
  manageAccess: "Owner",
} as const satisfies Record<string, VaultRole | "Owner" | "SignedIn">;
export type Permission = keyof typeof PERMISSIONS;

const PERMISSION_LABELS: Record<Permission, string> = {
  manageOwnAccount: "manage your account",
  viewVault: "view this vault",
  pinVault: "pin this vault",
  configureBackup: "configure backup",
  backupNow: "run Backup now",
  restore: "restore from recovery points",
  cancelJob: "cancel jobs",
  registerServer: "register servers",
  manageAlerts: "acknowledge and close alerts",
  stopBackup: "stop backup",
  resumeBackup: "resume backup",
  deleteBackupData: "delete backup data",
  undelete: "undelete items",
  changePolicy: "change an item's policy",
  managePolicies: "create, modify or delete policies",
  vaultSettings: "change the vault's settings",
  notificationSettings: "change who is notified of alerts",
  createVault: "create vaults",
  deleteVault: "delete vaults",
  manageInventory: "change the inventory",
  manageAccess: "manage access",
};

const RANK: Record<VaultRole, number> = { Reader: 1, Operator: 2, Contributor: 3 };

/** The subject of a check: the Owner, or a user with a role (or none) on the vault at hand. */
export type Grant = { isOwner: boolean; role: VaultRole | null };

export function allows(grant: Grant, permission: Permission): boolean {
  const needed: VaultRole | "Owner" | "SignedIn" = PERMISSIONS[permission];
  if (grant.isOwner || needed === "SignedIn") return true;
  return needed !== "Owner" && grant.role !== null && RANK[grant.role] >= RANK[needed];
}

/** Null when allowed; else why not, naming the role held and the role needed. */
export function denial(grant: Grant, permission: Permission): string | null {
  if (allows(grant, permission)) return null;
  const needed: VaultRole | "Owner" | "SignedIn" = PERMISSIONS[permission];
  // What only the Owner may do has nothing to do with vault roles (and often no vault: the inventory, users).
  if (needed === "Owner" && !grant.role) return `Only the Owner may ${PERMISSION_LABELS[permission]}.`;
  const held = grant.role ? `the ${VAULT_ROLE_LABELS[grant.role]} role` : "no role on this vault";
  const need =
    needed === "Owner" || needed === "SignedIn"
      ? "only the Owner may"
      : `it takes ${VAULT_ROLE_LABELS[needed]} or higher to`;
  return `You have ${held}: ${need} ${PERMISSION_LABELS[permission]}.`;
}

/** Each command of the item blade and the permission it needs. */
export const ITEM_ACTION_PERMISSIONS = {
  backupNow: "backupNow",
  restore: "restore",
  stopBackup: "stopBackup",
  resumeBackup: "resumeBackup",
  deleteBackupData: "deleteBackupData",
  changePolicy: "changePolicy",
  undelete: "undelete",
} as const satisfies Record<string, Permission>;

type Availability = { allowed: boolean; reason?: string };

/** The commands a user may use: what the item's state allows, unless their role doesn't (that reason first). */
export function withRole<Action extends keyof typeof ITEM_ACTION_PERMISSIONS>(
  actions: Record<Action, Availability>,
  grant: Grant,
): Record<Action, Availability> {
  return Object.fromEntries(
    (Object.keys(actions) as Action[]).map((action) => {
      const reason = denial(grant, ITEM_ACTION_PERMISSIONS[action]);
      return [action, reason ? { allowed: false, reason } : actions[action]];
    }),
  ) as Record<Action, Availability>;
}
