// How jobs read in the portal: Azure's operation and status names, durations, sub-task names.

export const JOB_OPERATIONS = [
  "Register",
  "ConfigureBackup",
  "Backup",
  "Restore",
  "DisableBackup",
  "DeleteBackupData",
  "Undelete",
  "Prune",
  "IntegrityCheck",
] as const;
export type JobOperation = (typeof JOB_OPERATIONS)[number];

export const JOB_STATUSES = [
  "InProgress",
  "Completed",
  "CompletedWithWarnings",
  "Failed",
  "Cancelling",
  "Cancelled",
  "Skipped",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_OPERATION_LABELS: Record<JobOperation, string> = {
  Register: "Register",
  ConfigureBackup: "Configure backup",
  Backup: "Backup",
  Restore: "Restore",
  DisableBackup: "Disable backup",
  DeleteBackupData: "Delete backup data",
  Undelete: "Undelete",
  Prune: "Reclaim space",
  IntegrityCheck: "Integrity check",
};

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  InProgress: "In progress",
  Completed: "Completed",
  CompletedWithWarnings: "Completed with warnings",
  Failed: "Failed",
  Cancelling: "Cancelling",
  Cancelled: "Cancelled",
  Skipped: "Skipped",
};

export const MANAGEMENT_TYPE_LABELS = {
  AzureIaasVM: "Azure Virtual Machine",
  MAB: "Azure Backup Agent",
} as const;
export type BackupManagementType = keyof typeof MANAGEMENT_TYPE_LABELS;

/** Job list "Type" column, as the portal names workloads. */
export const WORKLOAD_LABELS: Record<BackupManagementType, string> = {
  AzureIaasVM: "Azure virtual machine",
  MAB: "Files and folders",
};

export type SubTask = {
  name: string;
  status: JobStatus | "NotStarted";
  progressPercent: number;
  startTime?: string;
  endTime?: string;
};

/** "1 hr 2 min", "3 min 4 sec", "12 sec": the portal's human-readable duration. */
export function formatDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.round(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} hr ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds} sec`;
  return `${seconds} sec`;
}

/** Duration of a job: to its end, or to `now` while it runs. */
export function jobDuration(startTime: Date, endTime: Date | null, now: Date): number {
  return (endTime ?? now).getTime() - startTime.getTime();
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

export const JOB_TIME_RANGES = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom range",
} as const;
export type JobTimeRange = keyof typeof JOB_TIME_RANGES;

/** The start-time window a job-list range stands for. */
export function jobWindow(range: Exclude<JobTimeRange, "custom">, now: Date): { from: Date; to: Date } {
  const hours = { "24h": 24, "7d": 24 * 7, "30d": 24 * 30 }[range];
  return { from: new Date(now.getTime() - hours * 3_600_000), to: now };
}

/** The Backup jobs list's columns, as its headers and the Columns pane name them. */
export const JOB_LIST_COLUMNS = {
  name: "Workload name",
  operation: "Operation",
  status: "Status",
  type: "Type",
  start: "Start time",
  duration: "Duration",
} as const;
export type JobListColumn = keyof typeof JOB_LIST_COLUMNS;
export const JOB_LIST_COLUMN_NAMES = Object.keys(JOB_LIST_COLUMNS) as JobListColumn[];
/** Workload name links to the job's details, so it always shows. */
export const REQUIRED_JOB_LIST_COLUMNS: readonly JobListColumn[] = ["name"];

/** A Backup Agent's figures on its job (Job.figures): its progress while it runs, its summary at the end. */
export type AgentProgressFigures = {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  currentFile: string | null;
};
export type AgentSummaryFigures = {
  filesNew: number;
  filesChanged: number;
  filesUnmodified: number;
  dataAdded: number;
  totalFilesProcessed: number;
  totalBytesProcessed: number;
  durationSeconds: number;
  warnings: Array<{ item: string; message: string }>;
};

/** The job's figures as label and value rows, and the files a backup couldn't read. */
export function describeAgentFigures(figures: unknown): {
  rows: Array<{ label: string; value: string }>;
  unreadFiles: Array<{ item: string; message: string }>;
} {
  if (!figures || typeof figures !== "object") return { rows: [], unreadFiles: [] };
  if ("filesDone" in figures) {
    const progress = figures as AgentProgressFigures;
    return {
      rows: [
        {
          label: "Files",
          value: `${progress.filesDone.toLocaleString("en-US")} of ${progress.filesTotal.toLocaleString("en-US")}`,
        },
        { label: "Data processed", value: `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}` },
        ...(progress.currentFile ? [{ label: "Current file", value: progress.currentFile }] : []),
      ],
      unreadFiles: [],
    };
  }
  const summary = figures as AgentSummaryFigures;
  const throughput =
    summary.durationSeconds > 0 ? `${formatBytes(summary.totalBytesProcessed / summary.durationSeconds)}/s` : "—";
  return {
    rows: [
      {
        label: "Files",
        value: `${summary.filesNew.toLocaleString("en-US")} new, ${summary.filesChanged.toLocaleString("en-US")} changed, ${summary.filesUnmodified.toLocaleString("en-US")} unchanged`,
      },
      { label: "Data processed", value: formatBytes(summary.totalBytesProcessed) },
      { label: "Throughput", value: throughput },
    ],
    unreadFiles: summary.warnings ?? [],
  };
}
