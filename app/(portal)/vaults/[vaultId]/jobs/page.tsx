import Link from "next/link";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";
import { FilterSelect, filterOptions } from "@/components/forms/filter-select";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink, commandClass } from "@/components/portal/command-bar";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { ProgressBar } from "@/components/portal/progress-bar";
import { JobStatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Pagination, Row, sortableHeaders } from "@/components/portal/table";
import { DownloadIcon, JobsIcon, RefreshIcon } from "@/components/icons";
import { formatDateTime } from "@/lib/domain/format/time";
import {
  formatDuration,
  JOB_OPERATION_LABELS,
  JOB_OPERATIONS,
  JOB_STATUS_LABELS,
  JOB_STATUSES,
  JOB_TIME_RANGES,
  jobDuration,
  WORKLOAD_LABELS,
} from "@/lib/domain/jobs/display";
import { jobFiltersSchema } from "@/lib/schemas/jobs";
import { fieldErrorsOf } from "@/lib/server/result";
import { getDb } from "@/lib/server/db";
import { listJobs } from "@/lib/server/services/jobs";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { queryOf, type SearchParams } from "../../../search-params";

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
  const current = (name: string) => query[name] ?? "";
  const filterQuery = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]) && entry[0] !== "page"),
  ).toString();
  const hrefWith = (change: Record<string, string>) =>
    `${base}?${new URLSearchParams(Object.entries({ ...query, ...change }).filter((entry): entry is [string, string] => Boolean(entry[1])))}`;
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup jobs" }]}
      title="Backup jobs"
      subtitle={vault.name}
      icon={<JobsIcon />}
      commands={
        <CommandBar>
          <CommandLink href={`${base}?${filterQuery}`} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
          {/* A download: a plain link, not a client-side navigation. */}
          <a href={`${base}/export?${filterQuery}`} download className={commandClass}>
            <DownloadIcon />
            Export to CSV
          </a>
        </CommandBar>
      }
    >
      {/* Keyed by the filters: its fields hold what they were given (defaultValue), so the form
          starts again when the address changes them (Reset, Refresh, a link from the overview). */}
      <form
        key={filterQuery}
        className="mb-4 flex flex-wrap items-start gap-3 [&>button]:mt-[21px] [&>a]:mt-[21px]"
        aria-label="Job filters"
      >
        {/* Apply keeps the list's sort. */}
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <FilterSelect
          name="type"
          label="Item type"
          value={current("type")}
          options={[
            ["", "All item types"],
            ["AzureIaasVM", WORKLOAD_LABELS.AzureIaasVM],
            ["MAB", WORKLOAD_LABELS.MAB],
          ]}
        />
        <FilterSelect
          name="operation"
          label="Operation"
          value={current("operation")}
          options={filterOptions("All operations", JOB_OPERATIONS, JOB_OPERATION_LABELS)}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={current("status")}
          options={filterOptions("All status", JOB_STATUSES, JOB_STATUS_LABELS)}
        />
        <FilterSelect
          name="range"
          label="Time range"
          value={current("range") || "24h"}
          options={Object.entries(JOB_TIME_RANGES)}
        />
        {(["from", "to"] as const).map((name) => (
          <label key={name} className="flex flex-col gap-1">
            <span className="text-[12px] font-semibold">{name === "from" ? "From" : "To"} (custom range)</span>
            <input
              type="datetime-local"
              name={name}
              defaultValue={current(name)}
              className={`${inputClass} w-52`}
              aria-invalid={errors[name] ? true : undefined}
            />
            {errors[name]?.map((message) => (
              <span key={message} role="alert" className="w-52 text-[12px] text-error">
                {message}
              </span>
            ))}
          </label>
        ))}
        <button type="submit" className={primaryButtonClass}>
          Apply
        </button>
        <Link href={base} className={secondaryButtonClass}>
          Reset
        </Link>
      </form>
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
                  [
                    { label: "Workload name", column: "name" },
                    { label: "Operation", column: "operation" },
                    { label: "Status", column: "status" },
                    { label: "Type", column: "type" },
                    { label: "Start time", column: "start", first: "descending" },
                    { label: "Duration" },
                  ],
                  result.sort,
                  (sort) => hrefWith({ sort, page: "" }),
                )}
              >
                {result.rows.map((job) => (
                  <Row key={job.id}>
                    <Cell>
                      <Link href={`${base}/${job.id}`} className="text-primary hover:underline">
                        {job.entityFriendlyName}
                      </Link>
                    </Cell>
                    <Cell>{JOB_OPERATION_LABELS[job.operation]}</Cell>
                    <Cell>
                      <JobStatusLabel status={job.status} />
                      {job.status === "InProgress" ? (
                        <ProgressBar percent={job.progressPercent} label={`Progress of ${job.entityFriendlyName}`} />
                      ) : null}
                    </Cell>
                    <Cell>{WORKLOAD_LABELS[job.backupManagementType]}</Cell>
                    <Cell className="whitespace-nowrap">{formatDateTime(job.startTime, timeZone)}</Cell>
                    <Cell className="whitespace-nowrap">
                      {formatDuration(jobDuration(job.startTime, job.endTime, now))}
                    </Cell>
                  </Row>
                ))}
              </DataTable>
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                total={result.total}
                hrefFor={(page) => hrefWith({ page: String(page) })}
                noun="job"
              />
            </>
          )}
        </>
      ) : null}
    </Blade>
  );
}
