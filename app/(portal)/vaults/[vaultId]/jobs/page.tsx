import Link from "next/link";
import type { ReactNode } from "react";
import { filterOptions } from "@/components/forms/filter-select";
import { JobFilterCommand, JobFilterPills, type ListFilter } from "@/components/jobs/job-filter-pills";
import { Blade } from "@/components/portal/blade";
import { ColumnsCommand } from "@/components/portal/columns-command";
import { CommandBar, CommandLink, commandClass } from "@/components/portal/command-bar";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { ProgressBar } from "@/components/portal/progress-bar";
import { JobStatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Pagination, Row, sortableHeaders } from "@/components/portal/table";
import { DownloadIcon, JobsIcon, RefreshIcon } from "@/components/icons";
import { shownColumns } from "@/lib/domain/columns";
import { formatDateTime } from "@/lib/domain/format/time";
import {
  formatDuration,
  JOB_LIST_COLUMN_NAMES,
  JOB_LIST_COLUMNS,
  JOB_OPERATION_LABELS,
  JOB_OPERATIONS,
  JOB_STATUS_LABELS,
  JOB_STATUSES,
  JOB_TIME_RANGES,
  jobDuration,
  type JobListColumn,
  REQUIRED_JOB_LIST_COLUMNS,
  WORKLOAD_LABELS,
} from "@/lib/domain/jobs/display";
import { listHref } from "@/lib/domain/list-address";
import { jobFiltersSchema } from "@/lib/schemas/jobs";
import { fieldErrorsOf } from "@/lib/server/result";
import { getDb } from "@/lib/server/db";
import { JOB_SORT_COLUMNS, type JobSortColumn, listJobs } from "@/lib/server/services/jobs";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { queryOf, type SearchParams } from "../../../search-params";

type JobRow = Awaited<ReturnType<typeof listJobs>>["rows"][number];
const isJobSortColumn = (column: string): column is JobSortColumn =>
  (JOB_SORT_COLUMNS as readonly string[]).includes(column);

export const generateMetadata = vaultBladeTitle("Backup jobs");

export default async function BackupJobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const vault = await loadVault((await params).vaultId);
  const query = await queryOf(searchParams);
  const parsed = jobFiltersSchema.safeParse(query);
  const timeZone = await viewerTimeZone();
  const now = new Date();
  const result = parsed.success ? await listJobs(getDb(), vault.id, parsed.data, now, timeZone) : null;
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const base = `/vaults/${vault.id}/jobs`;
  // The address is the list's only state: the pills, the commands and the headers link to it changed.
  const view = Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]) && entry[0] !== "page"),
  );
  const filters: ListFilter[] = [
    { name: "type", label: "Item type", options: filterOptions("All", ["AzureIaasVM", "MAB"], WORKLOAD_LABELS) },
    { name: "operation", label: "Operation", options: filterOptions("All", JOB_OPERATIONS, JOB_OPERATION_LABELS) },
    { name: "status", label: "Status", options: filterOptions("All", JOB_STATUSES, JOB_STATUS_LABELS) },
    { name: "range", label: "Start time", options: Object.entries(JOB_TIME_RANGES), customRange: "custom" },
  ];
  const columns = shownColumns(query.columns, JOB_LIST_COLUMN_NAMES, REQUIRED_JOB_LIST_COLUMNS);
  const cells: Record<JobListColumn, (job: JobRow) => ReactNode> = {
    name: (job) => (
      <Link href={`${base}/${job.id}`} className="text-primary hover:underline">
        {job.entityFriendlyName}
      </Link>
    ),
    operation: (job) => JOB_OPERATION_LABELS[job.operation],
    status: (job) => (
      <>
        <JobStatusLabel status={job.status} />
        {job.status === "InProgress" ? (
          <ProgressBar percent={job.progressPercent} label={`Progress of ${job.entityFriendlyName}`} />
        ) : null}
      </>
    ),
    type: (job) => WORKLOAD_LABELS[job.backupManagementType],
    start: (job) => <span className="whitespace-nowrap">{formatDateTime(job.startTime, timeZone)}</span>,
    duration: (job) => (
      <span className="whitespace-nowrap">{formatDuration(jobDuration(job.startTime, job.endTime, now))}</span>
    ),
  };
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup jobs" }]}
      title="Backup jobs"
      subtitle={vault.name}
      icon={<JobsIcon />}
      commands={
        <CommandBar>
          <JobFilterCommand base={base} query={view} filters={filters} errors={errors} />
          <ColumnsCommand
            base={base}
            query={view}
            columns={Object.entries(JOB_LIST_COLUMNS)}
            shown={columns}
            required={REQUIRED_JOB_LIST_COLUMNS}
          />
          <CommandLink href={listHref(base, view)} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
          {/* A download: a plain link, not a client-side navigation. */}
          <a href={listHref(`${base}/export`, view)} download className={commandClass}>
            <DownloadIcon />
            Export to CSV
          </a>
        </CommandBar>
      }
    >
      <JobFilterPills base={base} query={view} filters={filters} errors={errors} />
      {Object.entries(errors)
        .filter(([field]) => field !== "from" && field !== "to")
        .map(([field, messages]) => (
          <p key={field} role="alert" className="-mt-2 mb-3 text-[12px] text-error">
            {field}: {messages.join(" ")}
          </p>
        ))}
      {result ? (
        <>
          <p className="mb-2 text-[12px] text-text-secondary">
            Jobs started from {formatDateTime(result.window.from, timeZone)} to{" "}
            {formatDateTime(result.window.to, timeZone)}
          </p>
          <LiveRefresh active={result.rows.some((job) => job.status === "InProgress" || job.status === "Cancelling")} />
          {result.total === 0 ? (
            <EmptyState title="No jobs match these filters">Widen the time range or choose other filters.</EmptyState>
          ) : (
            <>
              <DataTable
                label="Backup jobs"
                headers={sortableHeaders(
                  columns.map((column) => ({
                    label: JOB_LIST_COLUMNS[column],
                    column: isJobSortColumn(column) ? column : undefined,
                    first: column === "start" ? "descending" : undefined,
                  })),
                  result.sort,
                  (sort) => listHref(base, view, { sort }),
                )}
              >
                {result.rows.map((job) => (
                  <Row key={job.id}>
                    {columns.map((column) => (
                      <Cell key={column}>{cells[column](job)}</Cell>
                    ))}
                  </Row>
                ))}
              </DataTable>
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                total={result.total}
                hrefFor={(page) => listHref(base, view, { page: String(page) })}
                noun="job"
              />
            </>
          )}
        </>
      ) : null}
    </Blade>
  );
}
