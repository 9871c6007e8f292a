// The Backup jobs list as CSV (RFC 4180), with times in the viewer's zone as the list shows them.
import { wallTimeOf } from "@/lib/domain/time/zoned";
import {
  type BackupManagementType,
  formatDuration,
  JOB_OPERATION_LABELS,
  JOB_STATUS_LABELS,
  type JobOperation,
  type JobStatus,
  jobDuration,
  WORKLOAD_LABELS,
} from "./display";

type ExportedJob = {
  id: string;
  entityFriendlyName: string;
  operation: JobOperation;
  status: JobStatus;
  backupManagementType: BackupManagementType;
  startTime: Date;
  endTime: Date | null;
  errorCode: string | null;
  initiatedBy: string;
};

function cell(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function localTime(instant: Date | null, timeZone: string): string {
  if (!instant) return "";
  const wall = wallTimeOf(instant, timeZone);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}`;
}

export function jobsCsv(jobs: ExportedJob[], timeZone: string, now: Date): string {
  const header = [
    "Workload name",
    "Operation",
    "Status",
    "Type",
    `Start time (${timeZone})`,
    `End time (${timeZone})`,
    "Duration",
    "Error code",
    "Started by",
    "Job ID",
  ];
  const lines = jobs.map((job) =>
    [
      job.entityFriendlyName,
      JOB_OPERATION_LABELS[job.operation],
      JOB_STATUS_LABELS[job.status],
      WORKLOAD_LABELS[job.backupManagementType],
      localTime(job.startTime, timeZone),
      localTime(job.endTime, timeZone),
      formatDuration(jobDuration(job.startTime, job.endTime, now)),
      job.errorCode ?? "",
      job.initiatedBy,
      job.id,
    ]
      .map(cell)
      .join(","),
  );
  return `${[header.map(cell).join(","), ...lines].join("\r\n")}\r\n`;
}
