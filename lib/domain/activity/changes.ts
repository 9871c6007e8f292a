// How the activity log shows a change: each field in words, each value in the portal's display
// words (Azure's labels for enums and regions, instants in the viewer's zone, names for ids).
import { VAULT_ROLE_LABELS } from "@/lib/domain/access/permissions";
import { SEVERITY_LABELS } from "@/lib/domain/alerts/alerts";
import { NOTIFICATION_FREQUENCY_LABELS } from "@/lib/domain/alerts/notifications";
import { regionLabel, SOFT_DELETE_LABELS, STORAGE_REDUNDANCY_LABELS } from "@/lib/domain/azure/resources";
import { formatDateTime } from "@/lib/domain/format/time";
import { JOB_STATUS_LABELS, MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { PROTECTION_STATE_LABELS } from "@/lib/domain/protection/actions";
import { CONFLICT_OPTION_LABELS } from "@/lib/domain/restore/file-recovery";
import { VM_RESTORE_TYPE_LABELS } from "@/lib/domain/restore/vm-restore";
import type { Sort } from "@/lib/domain/sorting";

/** An entry of the activity log as the log shows it (lib/server/services/activity-log.ts reads them). */
export type ActivityRow = {
  id: string;
  at: Date;
  actorEmail: string;
  actorId: string | null;
  vaultId: string | null;
  /** The vault's name; null for operations outside any vault. */
  vaultName: string | null;
  operation: string;
  /** What the operation was about, by name where its id names a row the entry may show. */
  resource: string;
  result: "Succeeded" | "Failed" | "Denied";
  reason: string | null;
  /** { field: [before, after] } for the fields the change altered. */
  changes: Record<string, [unknown, unknown]> | null;
  /** The names of the ids its changes record, for reading them (changeValueText). */
  names: Record<string, string>;
};

/** The activity log's sortable columns (not the names read at display: the vault and the resource); newest first by default. */
export const ACTIVITY_SORT_COLUMNS = ["time", "operation", "result", "user"] as const;
export type ActivitySortColumn = (typeof ACTIVITY_SORT_COLUMNS)[number];
export const DEFAULT_ACTIVITY_SORT: Sort<ActivitySortColumn> = { column: "time", direction: "descending" };

/** A page of the activity log. */
export type ActivityList = {
  total: number;
  page: number;
  pageCount: number;
  sort: Sort<ActivitySortColumn>;
  rows: ActivityRow[];
};

/** What reading a change needs: the viewer's zone, and the names of the ids the entries refer to. */
export type ChangeContext = { timeZone: string; names: Readonly<Record<string, string>> };

/** Fields whose words the camelCase doesn't give. */
const FIELD_LABELS: Record<string, string> = {
  retainUntil: "Retain backup till",
  restoreAcls: "Restore the ACLs",
  location: "Region",
  vmName: "Virtual machine name",
  type: "Restore type",
};

/** The display words of each field holding one of Azure's (or the portal's) enums. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  protectionState: PROTECTION_STATE_LABELS,
  storageRedundancy: STORAGE_REDUNDANCY_LABELS,
  softDeleteState: SOFT_DELETE_LABELS,
  status: JOB_STATUS_LABELS,
  role: VAULT_ROLE_LABELS,
  frequency: NOTIFICATION_FREQUENCY_LABELS,
  severities: SEVERITY_LABELS,
  conflict: CONFLICT_OPTION_LABELS,
  backupManagementType: MANAGEMENT_TYPE_LABELS,
  // A VM restore's target records its restore type as `type`.
  type: VM_RESTORE_TYPE_LABELS,
};

/** An instant as `toISOString` records it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** "softDeleteRetentionDays" → "Soft delete retention days"; "policyId" → "Policy" (its value reads as the name). */
export function changeFieldLabel(field: string): string {
  if (Object.hasOwn(FIELD_LABELS, field)) return FIELD_LABELS[field];
  const words = field
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One recorded value of `field` as the log shows it: "—" for none, lists joined, objects as their fields. */
export function changeValueText(field: string, value: unknown, context: ChangeContext): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map((each) => changeValueText(field, each, context)).join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, each]) => `${changeFieldLabel(key)}: ${changeValueText(key, each, context)}`)
      .join("; ");
  }
  if (typeof value !== "string") return String(value);
  if (Object.hasOwn(context.names, value)) return context.names[value];
  if (ISO_INSTANT.test(value)) return formatDateTime(new Date(value), context.timeZone);
  if (field === "location") return regionLabel(value);
  const labels = VALUE_LABELS[field];
  return labels && Object.hasOwn(labels, value) ? labels[value] : value;
}
