// What a protected item allows in each state: the lifecycle table of
// docs/azure-backup-semantics.md §2. The UI's buttons and the services both ask here.

export const PROTECTION_STATES = [
  "IRPending",
  "Protected",
  "ProtectionError",
  "ProtectionStopped",
  "BackupsSuspended",
] as const;
export type ProtectionState = (typeof PROTECTION_STATES)[number];

export const ITEM_ACTIONS = [
  "backupNow",
  "restore",
  "stopBackup",
  "resumeBackup",
  "deleteBackupData",
  "changePolicy",
  "undelete",
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const ITEM_ACTION_LABELS: Record<ItemAction, string> = {
  backupNow: "Backup now",
  restore: "Restore",
  stopBackup: "Stop backup",
  resumeBackup: "Resume backup",
  deleteBackupData: "Delete backup data",
  changePolicy: "Change policy",
  undelete: "Undelete",
};

export const PROTECTION_STATE_LABELS: Record<ProtectionState, string> = {
  IRPending: "Initial backup pending",
  Protected: "Protected",
  ProtectionError: "Protection error",
  ProtectionStopped: "Protection stopped",
  BackupsSuspended: "Backups suspended",
};

export type ItemStatus = { protectionState: ProtectionState; softDeleted: boolean };

/** The states in which protection is active: backups run and retention prunes. */
export const ACTIVE_PROTECTION_STATES = [
  "IRPending",
  "Protected",
  "ProtectionError",
] as const satisfies readonly ProtectionState[];
const ACTIVE_STATES: ReadonlySet<ProtectionState> = new Set(ACTIVE_PROTECTION_STATES);

/** Whether the scheduler runs for an item in this state. */
export function schedulerRuns(status: ItemStatus): boolean {
  return !status.softDeleted && ACTIVE_STATES.has(status.protectionState);
}

/** Each action with whether it is allowed and, if not, why (the reason names the state). */
export function itemActions(status: ItemStatus): Record<ItemAction, { allowed: boolean; reason?: string }> {
  const active = !status.softDeleted && ACTIVE_STATES.has(status.protectionState);
  const stopped = !status.softDeleted && !active;
  const stateLabel = status.softDeleted
    ? "soft-deleted"
    : PROTECTION_STATE_LABELS[status.protectionState].toLowerCase();
  const rule = (allowed: boolean, needs: string) =>
    allowed ? { allowed } : { allowed, reason: `The item is ${stateLabel}; ${needs}.` };
  const needsActive = "this needs active protection";
  return {
    backupNow: rule(active, needsActive),
    // Azure restores from retained points whether protection runs or was stopped; a soft-deleted item is undeleted first.
    restore: rule(!status.softDeleted, "undelete it first, then restore"),
    stopBackup: rule(active, needsActive),
    changePolicy: rule(active, needsActive),
    resumeBackup: rule(stopped, "resume needs protection stopped with retained data"),
    deleteBackupData: rule(stopped, "stop backup first, or use Stop backup with Delete Backup Data"),
    undelete: rule(status.softDeleted, "only soft-deleted items can be undeleted"),
  };
}

/** Null when the action is allowed; else why not, naming the state and what is allowed now. */
export function actionRefusal(status: ItemStatus, action: ItemAction): string | null {
  const actions = itemActions(status);
  if (actions[action].allowed) return null;
  const allowed = ITEM_ACTIONS.filter((name) => actions[name].allowed).map((name) => ITEM_ACTION_LABELS[name]);
  return `${ITEM_ACTION_LABELS[action]} isn't possible: ${actions[action].reason} Allowed now: ${allowed.length > 0 ? allowed.join(", ") : "none"}.`;
}
