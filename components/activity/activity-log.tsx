import Link from "next/link";
import { inputClass, secondaryButtonClass } from "@/components/forms/field";
import { LiveFilterForm } from "@/components/forms/live-filter-form";
import { FilterSelect, filterOptions } from "@/components/forms/filter-select";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Pagination, Row, sortableHeaders } from "@/components/portal/table";
import { changeFieldLabel, changeValueText } from "@/lib/domain/activity/changes";
import { formatDateTime } from "@/lib/domain/format/time";
import { listHref } from "@/lib/domain/list-address";
import { ACTIVITY_RANGES, ACTIVITY_RESULTS, type ActivityFilters } from "@/lib/schemas/activity";
import type { ActivityList } from "@/lib/domain/activity/changes";

const RESULT_TONES = { Succeeded: "success", Failed: "error", Denied: "warning" } as const;

/** The activity log: filters (in the URL), then who did what, when, with which result. */
export function ActivityLog({
  result,
  filters,
  basePath,
  timeZone,
  showVault,
}: {
  result: ActivityList;
  filters: ActivityFilters;
  basePath: string;
  timeZone: string;
  showVault: boolean;
}) {
  /** The log's address: its filters and sort, with `change`. */
  const hrefWith = (change: { page?: number; sort?: string }) =>
    listHref(
      basePath,
      {
        operation: filters.operation,
        user: filters.user,
        result: filters.result,
        range: filters.range,
        sort: filters.sort,
      },
      { sort: change.sort ?? filters.sort, page: change.page ? String(change.page) : undefined },
    );
  return (
    <>
      <LiveFilterForm label="Activity filters">
        {/* A filter keeps the list's sort. */}
        {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        <label className="flex flex-col gap-1">
          <span className="text-[12px] font-semibold">Operation</span>
          <input
            name="operation"
            defaultValue={filters.operation}
            placeholder="Backup now, Stop backup…"
            className={`${inputClass} w-52`}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-[12px] font-semibold">User</span>
          <input name="user" defaultValue={filters.user} placeholder="Email" className={`${inputClass} w-52`} />
        </label>
        <FilterSelect
          name="result"
          label="Result"
          value={filters.result ?? ""}
          options={filterOptions("All results", ACTIVITY_RESULTS)}
          width="w-40"
        />
        <FilterSelect
          name="range"
          label="Time range"
          value={filters.range}
          options={Object.entries(ACTIVITY_RANGES)}
          width="w-40"
        />
        <Link href={basePath} className={secondaryButtonClass}>
          Reset
        </Link>
      </LiveFilterForm>
      {result.total === 0 ? (
        <EmptyState title="No activity matches these filters">Widen the time range or clear the filters.</EmptyState>
      ) : (
        <>
          <DataTable
            label="Activity log"
            headers={sortableHeaders(
              [
                { label: "Time", column: "time", first: "descending" },
                { label: "Operation", column: "operation" },
                ...(showVault ? [{ label: "Vault" }] : []),
                { label: "Resource" },
                { label: "Result", column: "result" },
                { label: "Initiated by", column: "user" },
                { label: "Details" },
              ],
              result.sort,
              (sort) => hrefWith({ sort }),
            )}
          >
            {result.rows.map((entry) => (
              <Row key={entry.id}>
                <Cell className="whitespace-nowrap">{formatDateTime(entry.at, timeZone, { seconds: true })}</Cell>
                <Cell>{entry.operation}</Cell>
                {/* Resource names don't break at their hyphens. */}
                {showVault ? <Cell className="whitespace-nowrap">{entry.vaultName ?? "—"}</Cell> : null}
                <Cell className="whitespace-nowrap">{entry.resource || "—"}</Cell>
                <Cell>
                  <StatusLabel tone={RESULT_TONES[entry.result]} label={entry.result} />
                </Cell>
                <Cell>{entry.actorEmail}</Cell>
                <Cell className="text-[12px]">
                  {entry.reason ? <p>{entry.reason}</p> : null}
                  {entry.changes
                    ? Object.entries(entry.changes).map(([field, [before, after]]) => {
                        const context = { timeZone, names: entry.names };
                        return (
                          <p key={field}>
                            <span className="font-semibold">{changeFieldLabel(field)}</span>:{" "}
                            {changeValueText(field, before, context)} → {changeValueText(field, after, context)}
                          </p>
                        );
                      })
                    : null}
                </Cell>
              </Row>
            ))}
          </DataTable>
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            total={result.total}
            hrefFor={(page) => hrefWith({ page })}
            noun="entry"
          />
        </>
      )}
    </>
  );
}
