import { RecommendedActions } from "@/components/portal/recommended-actions";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertCommands } from "@/components/alerts/alert-commands";
import { ConditionPill, SeverityIcon, SeverityLabel, StatePill } from "@/components/alerts/alert-labels";
import { Blade, Section } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { JobStatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { ALERT_CATEGORIES, ALERT_TYPE_LABELS } from "@/lib/domain/alerts/alerts";
import { counted } from "@/lib/domain/format/count";
import { formatDateTime } from "@/lib/domain/format/time";
import { JOB_OPERATION_LABELS } from "@/lib/domain/jobs/display";
import { getDb } from "@/lib/server/db";
import { alertDetails } from "@/lib/server/services/alerts";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../../load-vault";
import { changeAlertStateAction } from "../actions";

export const generateMetadata = vaultBladeTitle(
  "Alert details",
  async (vaultId, { alertId }: { vaultId: string; alertId: string }) =>
    alertDetails(getDb(), (await loadVault(vaultId)).actor, vaultId, alertId),
);

export default async function AlertDetailsPage({ params }: { params: Promise<{ vaultId: string; alertId: string }> }) {
  const { vaultId, alertId } = await params;
  const vault = await loadVault(vaultId);
  const alert = await alertDetails(getDb(), vault.actor, vault.id, alertId);
  if (!alert) notFound();
  const timeZone = await viewerTimeZone();
  const time = (value: Date | null) => (value ? formatDateTime(value, timeZone, { seconds: true }) : "—");
  const jobLink = (job: { id: string; operation: keyof typeof JOB_OPERATION_LABELS }) => (
    <Link href={`/vaults/${vault.id}/jobs/${job.id}`} className="text-primary hover:underline">
      {JOB_OPERATION_LABELS[job.operation]} job
    </Link>
  );
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Alerts", href: `/vaults/${vault.id}/alerts` }, { label: alert.title }]}
      title={alert.title}
      subtitle="Alert details"
      icon={<SeverityIcon severity={alert.severity} />}
      commands={
        <AlertCommands
          changeState={changeAlertStateAction}
          vaultId={vault.id}
          alertId={alert.id}
          title={alert.title}
          state={alert.state}
          denied={alert.stateDenied}
        />
      }
    >
      <Essentials
        items={[
          { label: "Severity", value: <SeverityLabel severity={alert.severity} /> },
          { label: "Monitor condition", value: <ConditionPill condition={alert.condition} /> },
          { label: "Alert type", value: ALERT_TYPE_LABELS[alert.alertType] },
          { label: "Alert state", value: <StatePill state={alert.state} /> },
          { label: "Category", value: ALERT_CATEGORIES[alert.alertType] },
          {
            label: "State changed",
            value: alert.stateChangedAt ? `${time(alert.stateChangedAt)} by ${alert.stateChangedBy ?? "—"}` : "—",
          },
          {
            label: "Affected resource",
            value: alert.resourceHref ? (
              <Link href={alert.resourceHref} className="text-primary hover:underline">
                {alert.resourceName}
              </Link>
            ) : (
              alert.resourceName
            ),
          },
          {
            label: "Comment",
            value: alert.comment ? <span className="whitespace-pre-wrap">{alert.comment}</span> : "—",
          },
          { label: "Error code", value: alert.errorCode ? <span className="font-mono">{alert.errorCode}</span> : "—" },
          { label: "Vault", value: alert.vaultName },
          { label: "Fired time", value: time(alert.firedAt) },
          { label: "Last occurred", value: time(alert.lastOccurredAt) },
          { label: "Occurrences", value: alert.occurrences },
          { label: "Resolved time", value: time(alert.resolvedAt) },
          ...(alert.latestJob ? [{ label: "Latest job", value: jobLink(alert.latestJob) }] : []),
          { label: "Alert ID", value: <span className="font-mono text-[12px]">{alert.id}</span> },
        ]}
      />
      <Section title="Description">
        <div
          className={`rounded-sm border-l-4 px-3 py-2 ${
            alert.condition === "Resolved"
              ? "border-success bg-[#dff6dd]"
              : alert.severity === "Sev2"
                ? "border-severe bg-warning-bg"
                : "border-error-bright bg-[#fde7e9]"
          }`}
        >
          {alert.condition === "Resolved" ? (
            <p className="mb-1 font-semibold">
              Resolved at {time(alert.resolvedAt)}: the condition that fired this alert has ended.
            </p>
          ) : null}
          <p>{alert.message}</p>
          <RecommendedActions recommendations={alert.recommendations} />
        </div>
      </Section>
      <Section title="Occurrences">
        {alert.occurrenceLog.length === 0 ? (
          <EmptyState title="No occurrences recorded" />
        ) : (
          <>
            <DataTable label="Occurrences" headers={["Time", "Job", "Job status", "Message"]}>
              {alert.occurrenceLog.map((occurrence) => (
                <Row key={occurrence.id}>
                  <Cell className="whitespace-nowrap">{time(occurrence.at)}</Cell>
                  <Cell className="whitespace-nowrap">
                    {occurrence.job ? jobLink(occurrence.job) : occurrence.jobId ? "Job no longer kept" : "—"}
                  </Cell>
                  <Cell>{occurrence.job ? <JobStatusLabel status={occurrence.job.status} /> : "—"}</Cell>
                  <Cell>{occurrence.message}</Cell>
                </Row>
              ))}
            </DataTable>
            {alert.occurrenceCount > alert.occurrenceLog.length ? (
              <p className="mt-2 text-[12px] text-text-secondary">
                The latest {alert.occurrenceLog.length} of {counted(alert.occurrenceCount, "occurrence")}.
              </p>
            ) : null}
          </>
        )}
      </Section>
    </Blade>
  );
}
