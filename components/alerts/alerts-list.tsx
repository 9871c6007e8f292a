import Link from "next/link";
import { secondaryButtonClass } from "@/components/forms/field";
import { LiveFilterForm } from "@/components/forms/live-filter-form";
import { FilterSelect, filterOptions } from "@/components/forms/filter-select";
import { Cell, DataTable, EmptyState, Pagination, Row, sortableHeaders } from "@/components/portal/table";
import {
  ALERT_CONDITIONS,
  ALERT_SEVERITIES,
  ALERT_TYPE_LABELS,
  ALERT_TYPES,
  SEVERITY_LABELS,
} from "@/lib/domain/alerts/alerts";
import { formatDateTime } from "@/lib/domain/format/time";
import { listHref } from "@/lib/domain/list-address";
import { ALERT_STATE_FILTER_LABELS, ALERT_STATE_FILTERS, ALERT_TIME_RANGES } from "@/lib/schemas/alert-state";
import type { AlertList } from "@/lib/domain/alerts/alerts";
import { ConditionPill, SeverityIcon, SeverityLabel, StatePill } from "./alert-labels";

export type AlertQuery = Record<string, string | undefined>;

/**
 * An Alerts blade's body: the filters (a GET form: they live in the URL), the totals per severity,
 * the table and its pages. For one vault, or every vault the user sees (`showVault`).
 */
export function AlertsList({
  result,
  query,
  basePath,
  showVault,
  timeZone,
  errors,
}: {
  result: AlertList | null;
  query: AlertQuery;
  basePath: string;
  showVault?: boolean;
  timeZone: string;
  errors: Record<string, string[]>;
}) {
  const current = (name: string) => query[name] ?? "";
  const withoutPage = { ...query, page: undefined };
  const filterQuery = listHref("", withoutPage);
  const href = (changes: AlertQuery) => listHref(basePath, withoutPage, changes);
  return (
    <>
      {/* Keyed by the filters: its selects hold what they were given (defaultValue), so the form
          starts again when the address changes them (Reset, a severity summary, a tile's link). */}
      <LiveFilterForm key={filterQuery} label="Alert filters">
        {/* A filter keeps the list's sort. */}
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <FilterSelect
          name="severity"
          label="Severity"
          width="w-36"
          value={current("severity")}
          options={filterOptions("All severities", ALERT_SEVERITIES, SEVERITY_LABELS)}
        />
        <FilterSelect
          name="state"
          label="Alert state"
          width="w-40"
          value={current("state")}
          options={filterOptions("All states", ALERT_STATE_FILTERS, ALERT_STATE_FILTER_LABELS)}
        />
        <FilterSelect
          name="condition"
          label="Monitor condition"
          width="w-32"
          value={current("condition")}
          options={filterOptions("All conditions", ALERT_CONDITIONS)}
        />
        <FilterSelect
          name="alertType"
          label="Alert type"
          width="w-40"
          value={current("alertType")}
          options={filterOptions("All alert types", ALERT_TYPES, ALERT_TYPE_LABELS)}
        />
        <FilterSelect
          name="range"
          label="Time range"
          width="w-36"
          value={current("range") || "24h"}
          options={Object.entries(ALERT_TIME_RANGES)}
        />
        <Link href={basePath} className={secondaryButtonClass}>
          Reset
        </Link>
      </LiveFilterForm>
      {Object.entries(errors).map(([field, messages]) => (
        <p key={field} role="alert" className="-mt-2 mb-3 text-[12px] text-error">
          {field}: {messages.join(" ")}
        </p>
      ))}
      {result ? (
        <>
          <ul aria-label="Alerts by severity" className="mb-4 flex flex-wrap gap-3">
            <li>
              <Link
                href={href({ severity: undefined })}
                aria-current={query.severity ? undefined : "true"}
                className="flex min-w-36 flex-col rounded-sm border border-border px-4 py-2 hover:border-primary aria-[current=true]:border-primary aria-[current=true]:bg-primary-lighter"
              >
                <span className="text-[12px] text-text-secondary">Total alerts</span>
                <span className="text-[24px] font-semibold leading-8" data-testid="alerts-total">
                  {ALERT_SEVERITIES.reduce((sum, severity) => sum + result.bySeverity[severity], 0)}
                </span>
              </Link>
            </li>
            {ALERT_SEVERITIES.map((severity) => (
              <li key={severity}>
                <Link
                  href={href({ severity })}
                  aria-current={query.severity === severity ? "true" : undefined}
                  aria-label={`${SEVERITY_LABELS[severity]}: ${result.bySeverity[severity]}`}
                  className="flex min-w-36 flex-col rounded-sm border border-border px-4 py-2 hover:border-primary aria-[current=true]:border-primary aria-[current=true]:bg-primary-lighter"
                >
                  <span className="flex items-center gap-1.5 text-[12px] text-text-secondary">
                    <SeverityIcon severity={severity} />
                    {SEVERITY_LABELS[severity]}
                  </span>
                  <span className="text-[24px] font-semibold leading-8" data-testid={`alerts-${severity}`}>
                    {result.bySeverity[severity]}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="mb-2 text-[12px] text-text-secondary">
            {result.since
              ? `Alerts that occurred since ${formatDateTime(result.since, timeZone)}`
              : "Alerts of all time"}
          </p>
          {result.total === 0 ? (
            <EmptyState title="No alerts match these filters">
              Nothing needs attention here. Widen the time range or choose other filters to see earlier alerts.
            </EmptyState>
          ) : (
            <>
              <DataTable
                label="Alerts"
                headers={sortableHeaders(
                  [
                    { label: "Severity", column: "severity" },
                    { label: "Name", column: "name" },
                    { label: "Alert type", column: "type" },
                    { label: "Affected resource", column: "resource" },
                    ...(showVault ? [{ label: "Vault", column: "vault" as const }] : []),
                    { label: "Monitor condition", column: "condition" },
                    { label: "Alert state", column: "state" },
                    { label: "Fired time", column: "fired", first: "descending" },
                    { label: "Occurrences", column: "occurrences" },
                  ],
                  result.sort,
                  (sort) => href({ sort }),
                )}
              >
                {result.rows.map((alert) => (
                  <Row key={alert.id}>
                    <Cell>
                      <SeverityLabel severity={alert.severity} short />
                    </Cell>
                    <Cell className="min-w-44 max-w-72">
                      <Link
                        href={`/vaults/${alert.vaultId}/alerts/${alert.id}`}
                        className="text-primary hover:underline"
                      >
                        {alert.title}
                      </Link>
                    </Cell>
                    <Cell className="whitespace-nowrap">{ALERT_TYPE_LABELS[alert.alertType]}</Cell>
                    <Cell className="max-w-48 break-words">
                      {alert.resourceHref ? (
                        <Link href={alert.resourceHref} className="text-primary hover:underline">
                          {alert.resourceName}
                        </Link>
                      ) : (
                        alert.resourceName
                      )}
                    </Cell>
                    {showVault ? (
                      <Cell className="whitespace-nowrap">
                        <Link href={`/vaults/${alert.vaultId}`} className="text-primary hover:underline">
                          {alert.vaultName}
                        </Link>
                      </Cell>
                    ) : null}
                    <Cell>
                      <ConditionPill condition={alert.condition} />
                    </Cell>
                    <Cell>
                      <StatePill state={alert.state} />
                    </Cell>
                    <Cell className="whitespace-nowrap">
                      <StackedTime instant={alert.firedAt} timeZone={timeZone} />
                    </Cell>
                    <Cell className="text-right tabular-nums">{alert.occurrences}</Cell>
                  </Row>
                ))}
              </DataTable>
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                total={result.total}
                hrefFor={(page) => listHref(basePath, query, { page: String(page) })}
                noun="alert"
              />
            </>
          )}
        </>
      ) : null}
    </>
  );
}

/** "11/25/2026" over "11:30 PM GMT+1": a time that keeps the table narrow. */
function StackedTime({ instant, timeZone }: { instant: Date; timeZone: string }) {
  const [date, time] = formatDateTime(instant, timeZone).split(", ");
  return (
    <>
      <span className="block">{date}</span>
      <span className="block text-[12px] text-text-secondary">{time}</span>
    </>
  );
}
