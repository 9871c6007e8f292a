// Alerts: which events raise which alert, how severe, what resolves them, and when a backup is
// overdue. Azure Backup's built-in alerts (Azure Monitor) for failed jobs and security events,
// and ours for overdue backups and silent servers (docs/azure-backup-semantics.md §7).
import type { Schedule } from "@/lib/domain/policy/rules";
import type { Sort } from "@/lib/domain/sorting";

export const ALERT_TYPES = [
  "BackupFailure",
  "RestoreFailure",
  "BackupWarning",
  "DeleteBackupData",
  "SoftDeleteWeakened",
  "ServerDeleted",
  "CredentialsDeleted",
  "BackupOverdue",
  "ServerOffline",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const ALERT_SEVERITIES = ["Sev0", "Sev1", "Sev2"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_CONDITIONS = ["Fired", "Resolved"] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export const ALERT_STATES = ["New", "Acknowledged", "Closed"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Azure Monitor's names of the severities. */
export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  Sev0: "Sev0 · Critical",
  Sev1: "Sev1 · Error",
  Sev2: "Sev2 · Warning",
};

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  BackupFailure: "Backup failure",
  RestoreFailure: "Restore failure",
  BackupWarning: "Backup completed with warnings",
  DeleteBackupData: "Delete backup data",
  SoftDeleteWeakened: "Soft delete weakened",
  ServerDeleted: "Server deleted",
  CredentialsDeleted: "Backup credentials deleted",
  BackupOverdue: "Backup overdue",
  ServerOffline: "Server offline",
};

/** The kind Azure files each alert under (its "Alert category"). */
export const ALERT_CATEGORIES: Record<AlertType, "Job failure" | "Security" | "Health"> = {
  BackupFailure: "Job failure",
  RestoreFailure: "Job failure",
  BackupWarning: "Job failure",
  DeleteBackupData: "Security",
  SoftDeleteWeakened: "Security",
  ServerDeleted: "Security",
  CredentialsDeleted: "Security",
  BackupOverdue: "Health",
  ServerOffline: "Health",
};

export const ALERT_SEVERITY: Record<AlertType, AlertSeverity> = {
  BackupFailure: "Sev1",
  RestoreFailure: "Sev1",
  BackupWarning: "Sev2",
  DeleteBackupData: "Sev0",
  SoftDeleteWeakened: "Sev0",
  ServerDeleted: "Sev0",
  CredentialsDeleted: "Sev0",
  BackupOverdue: "Sev1",
  ServerOffline: "Sev2",
};

/** What an event raises: an alert on a scope ("item:<id>", "server:<id>", "vault:<id>"). */
export type AlertSpec = {
  alertType: AlertType;
  severity: AlertSeverity;
  scopeKey: string;
  protectedItemId: string | null;
  backupServerId: string | null;
  resourceName: string;
  errorCode: string;
  title: string;
  message: string;
  recommendations: string[];
  jobId: string | null;
};

export const itemScope = (itemId: string) => `item:${itemId}`;
export const serverScope = (serverId: string) => `server:${serverId}`;
export const vaultScope = (vaultId: string) => `vault:${vaultId}`;

/** A job as it ended, with what alerts need to know of it. */
export type EndedJob = {
  id: string;
  operation: string;
  status: string;
  protectedItemId: string | null;
  entityFriendlyName: string;
  backupManagementType: "AzureIaasVM" | "MAB";
  errorCode: string | null;
  errorMessage: string | null;
  recommendations: string[];
  /** Per-file warnings of a Backup Agent job (figures.warnings), for a warning alert's message. */
  warnings: number;
};

/** What a job's end does to the item's alerts: the alert it raises (if any) and the open alert types it resolves. */
export type JobAlertVerdict = { fire: AlertSpec | null; resolve: AlertType[] };

const NOTHING: JobAlertVerdict = { fire: null, resolve: [] };

/**
 * Azure raises an alert for a failed backup or restore (when the vault's alertsForAllJobFailures is
 * on) and resolves it with the item's next successful one; a success also ends an overdue alert.
 * Backup Agent jobs completed with warnings raise a Warning (beyond Azure: its agent only logs them).
 */
export function alertsForJobEnd(job: EndedJob, alertsForAllJobFailures: boolean): JobAlertVerdict {
  if (!job.protectedItemId) return NOTHING;
  const kind = job.operation === "Backup" ? "Backup" : job.operation === "Restore" ? "Restore" : null;
  if (!kind) return NOTHING;
  const succeeded = job.status === "Completed" || job.status === "CompletedWithWarnings";
  const resolve: AlertType[] = succeeded
    ? kind === "Backup"
      ? job.status === "Completed"
        ? ["BackupFailure", "BackupWarning", "BackupOverdue"]
        : ["BackupFailure", "BackupOverdue"]
      : ["RestoreFailure"]
    : [];
  const base = {
    scopeKey: itemScope(job.protectedItemId),
    protectedItemId: job.protectedItemId,
    backupServerId: null,
    resourceName: job.entityFriendlyName,
    jobId: job.id,
  };
  if (!alertsForAllJobFailures) return { fire: null, resolve };
  if (job.status === "Failed") {
    const alertType = kind === "Backup" ? "BackupFailure" : "RestoreFailure";
    return {
      fire: {
        ...base,
        alertType,
        severity: ALERT_SEVERITY[alertType],
        errorCode: job.errorCode ?? "",
        title: `${kind} failed for ${job.entityFriendlyName}`,
        message: job.errorMessage ?? `The ${kind.toLowerCase()} job failed.`,
        recommendations: job.recommendations,
      },
      resolve,
    };
  }
  if (kind === "Backup" && job.status === "CompletedWithWarnings" && job.backupManagementType === "MAB") {
    return {
      fire: {
        ...base,
        alertType: "BackupWarning",
        severity: ALERT_SEVERITY.BackupWarning,
        errorCode: "",
        title: `Backup of ${job.entityFriendlyName} completed with warnings`,
        message: `${job.warnings === 1 ? "1 file or folder was" : `${job.warnings} files or folders were`} not backed up.`,
        recommendations: ["Open the job to see which files were skipped and why (often: in use or access denied)."],
      },
      resolve,
    };
  }
  return { fire: null, resolve };
}

/** A security event's alert (Sev0): it stays until a user closes it. */
export function securityAlert(
  alertType: Extract<AlertType, "DeleteBackupData" | "SoftDeleteWeakened" | "ServerDeleted" | "CredentialsDeleted">,
  scope: { scopeKey: string; protectedItemId?: string; backupServerId?: string; resourceName: string },
  detail: { message: string; actor: string },
): AlertSpec {
  const what: Record<typeof alertType, string> = {
    DeleteBackupData: `Backup data of ${scope.resourceName} deleted`,
    SoftDeleteWeakened: `Soft delete weakened on ${scope.resourceName}`,
    ServerDeleted: `Server ${scope.resourceName} deleted from the vault`,
    CredentialsDeleted: `Backup credentials deleted on ${scope.resourceName}`,
  };
  return {
    alertType,
    severity: ALERT_SEVERITY[alertType],
    scopeKey: scope.scopeKey,
    protectedItemId: scope.protectedItemId ?? null,
    backupServerId: scope.backupServerId ?? null,
    resourceName: scope.resourceName,
    errorCode: "",
    title: what[alertType],
    message: `${detail.message} By ${detail.actor}.`,
    recommendations: [
      "If you didn't expect this operation, find out who did it in the activity log and review the vault's access.",
      ...(alertType === "DeleteBackupData"
        ? ["While soft delete keeps the data, Undelete brings the item back with its recovery points."]
        : []),
    ],
    jobId: null,
  };
}

const HOUR_MS = 3_600_000;
/** A daily policy's item is overdue after this long without a successful backup. */
export const DAILY_OVERDUE_MS = 36 * HOUR_MS;
/** A Backup Agent server not heard from for longer is offline. */
export const SERVER_OFFLINE_MS = HOUR_MS;

/**
 * How long an item may go without a successful backup before it is overdue: twice its policy's
 * interval (the longest gap between two scheduled backups), or 36 hours for a daily policy.
 */
export function overdueAfterMs(schedule: Schedule): number {
  switch (schedule.frequency) {
    case "Hourly":
      // The longest gap: from the window's last backup to the next day's first.
      return 2 * Math.max(schedule.intervalHours, 24 - schedule.windowHours + schedule.intervalHours) * HOUR_MS;
    case "Daily":
      return DAILY_OVERDUE_MS;
    case "Weekly": {
      const weeks = schedule.recurrence?.everyWeeks ?? 1;
      if (weeks > 1 || schedule.days.length <= 1) return 2 * weeks * 7 * 24 * HOUR_MS;
      // Several days a week: the longest gap between one of them and the next.
      const order = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
      const days = [...new Set(schedule.days.map((day) => order.indexOf(day)))].sort((a, b) => a - b);
      const gaps = days.map((day, index) => (days[(index + 1) % days.length]! - day + 7) % 7 || 7);
      return 2 * Math.max(...gaps) * 24 * HOUR_MS;
    }
  }
}

/** The overdue alert of an item whose last successful backup (or protection, if none) was `since`. */
export function overdueAlert(
  item: { id: string; friendlyName: string },
  since: Date,
  allowedMs: number,
  now: Date,
): AlertSpec | null {
  if (now.getTime() - since.getTime() <= allowedMs) return null;
  const hours = Math.floor((now.getTime() - since.getTime()) / HOUR_MS);
  return {
    alertType: "BackupOverdue",
    severity: ALERT_SEVERITY.BackupOverdue,
    scopeKey: itemScope(item.id),
    protectedItemId: item.id,
    backupServerId: null,
    resourceName: item.friendlyName,
    errorCode: "",
    title: `No successful backup of ${item.friendlyName} for ${hours} hours`,
    // Stored text is read in any time zone: durations, not instants.
    message: `The last successful backup was ${hours} hours before this alert fired; its policy expects one at least every ${Math.round(allowedMs / HOUR_MS)} hours.`,
    recommendations: [
      "Check the item's latest backup jobs and its policy's schedule.",
      "For a Backup Agent item, make sure the agent runs on its server.",
    ],
    jobId: null,
  };
}

export function offlineServerAlert(
  server: { id: string; name: string },
  lastContactAt: Date,
  now: Date,
): AlertSpec | null {
  if (now.getTime() - lastContactAt.getTime() <= SERVER_OFFLINE_MS) return null;
  return {
    alertType: "ServerOffline",
    severity: ALERT_SEVERITY.ServerOffline,
    scopeKey: serverScope(server.id),
    protectedItemId: null,
    backupServerId: server.id,
    resourceName: server.name,
    errorCode: "",
    title: `Backup Agent on ${server.name} is offline`,
    message: `The agent hadn't been heard from for ${Math.floor((now.getTime() - lastContactAt.getTime()) / 60_000)} minutes when this alert fired; its backups don't run while it is offline.`,
    recommendations: ["Start the agent on the server (npm run agent -- run) and check that it reaches the portal."],
    jobId: null,
  };
}

/** Soft delete weakened: turned off, or its retention shortened (a security alert, as Azure's). */
export function weakensSoftDelete(
  before: { state: string; retentionDays: number },
  after: { state: string; retentionDays: number },
): string | null {
  if (before.state !== "Disabled" && after.state === "Disabled") return "Soft delete was disabled.";
  if (after.state !== "Disabled" && after.retentionDays < before.retentionDays)
    return `Soft delete retention was shortened from ${before.retentionDays} to ${after.retentionDays} days.`;
  return null;
}

/** An alert's row in the Alerts lists (a vault's, and Backup center's). */
export type AlertListRow = {
  id: string;
  vaultId: string;
  vaultName: string;
  alertType: AlertType;
  severity: AlertSeverity;
  title: string;
  resourceName: string;
  /** The alert's item or server blade, when it still exists. */
  resourceHref: string | null;
  protectedItemId: string | null;
  backupServerId: string | null;
  errorCode: string | null;
  occurrences: number;
  firedAt: Date;
  lastOccurredAt: Date;
  condition: AlertCondition;
  state: AlertState;
};

/**
 * The Alerts blades' sortable columns. By default the most recently occurred first ("occurred", the time range's field,
 * which no column shows: Fired time is the first occurrence).
 */
export const ALERT_SORT_COLUMNS = [
  "severity",
  "name",
  "type",
  "resource",
  "vault",
  "condition",
  "state",
  "fired",
  "occurred",
  "occurrences",
] as const;
export type AlertSortColumn = (typeof ALERT_SORT_COLUMNS)[number];
export const DEFAULT_ALERT_SORT: Sort<AlertSortColumn> = { column: "occurred", direction: "descending" };

/** A page of alerts, with the totals per severity of the other filters, and where the time range starts (null: all time). */
export type AlertList = {
  rows: AlertListRow[];
  total: number;
  page: number;
  pageCount: number;
  sort: Sort<AlertSortColumn>;
  bySeverity: Record<AlertSeverity, number>;
  since: Date | null;
};

/** The bell's new alerts: how many, and the latest few (instants as ISO text: it is polled as JSON). */
export type BellAlerts = {
  count: number;
  alerts: Array<{
    id: string;
    vaultId: string;
    vaultName: string;
    title: string;
    severity: AlertSeverity;
    alertType: AlertType;
    lastOccurredAt: string;
    href: string;
  }>;
};
