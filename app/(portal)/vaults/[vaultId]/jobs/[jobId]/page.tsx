import { RecommendedActions } from "@/components/portal/recommended-actions";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobCommands } from "@/components/jobs/job-commands";
import { Blade, Section } from "@/components/portal/blade";
import { describeVmRestore, type VmRestoreDetails } from "@/lib/domain/restore/vm-restore";
import { describeFileRecovery, type FileRecoveryDetails } from "@/lib/domain/restore/file-recovery";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { ProgressBar } from "@/components/portal/progress-bar";
import { Essentials } from "@/components/portal/essentials";
import { JobStatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { JobsIcon } from "@/components/icons";
import { formatDateTime } from "@/lib/domain/format/time";
import {
  describeAgentFigures,
  formatBytes,
  formatDuration,
  JOB_OPERATION_LABELS,
  jobDuration,
  WORKLOAD_LABELS,
} from "@/lib/domain/jobs/display";
import { denial } from "@/lib/domain/access/permissions";
import { getDb } from "@/lib/server/db";
import { getJob } from "@/lib/server/services/jobs";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../../load-vault";
import { cancelJobAction } from "../actions";

export const generateMetadata = vaultBladeTitle(
  "Job details",
  (vaultId, { jobId }: { vaultId: string; jobId: string }) => getJob(getDb(), vaultId, jobId),
);

export default async function JobDetailsPage({ params }: { params: Promise<{ vaultId: string; jobId: string }> }) {
  const { vaultId, jobId } = await params;
  const vault = await loadVault(vaultId);
  const job = await getJob(getDb(), vault.id, jobId);
  if (!job) notFound();
  const timeZone = await viewerTimeZone();
  const now = new Date();
  const time = (value: Date | string | null | undefined) =>
    value ? formatDateTime(new Date(value), timeZone, { seconds: true }) : "—";
  const failed = job.status === "Failed" || job.status === "CompletedWithWarnings";
  const running = job.status === "InProgress" || job.status === "Cancelling";
  // Stop backup's reason, or why a job was skipped or cancelled (a failure's message shows under Error).
  const reason = job.note ?? (failed ? null : job.errorMessage);
  const agentFigures = describeAgentFigures(job.figures);
  const restore = job.restoreDetails as VmRestoreDetails | FileRecoveryDetails | null;
  const restoreRows = restore
    ? [
        { label: "Recovery point", value: time(restore.recoveryPoint.time) },
        ...(restore.kind === "MAB" ? describeFileRecovery(restore) : describeVmRestore(restore)),
      ]
    : [];
  return (
    <Blade
      crumbs={[
        ...vaultCrumbs(vault),
        { label: "Backup jobs", href: `/vaults/${vault.id}/jobs` },
        { label: `${JOB_OPERATION_LABELS[job.operation]} · ${job.entityFriendlyName}` },
      ]}
      title={`${JOB_OPERATION_LABELS[job.operation]} (${job.entityFriendlyName})`}
      subtitle="Job details"
      icon={<JobsIcon />}
      commands={
        <JobCommands
          cancelJob={cancelJobAction}
          vaultId={vault.id}
          jobId={job.id}
          title={`${JOB_OPERATION_LABELS[job.operation]} (${job.entityFriendlyName})`}
          cancellable={job.status === "InProgress" && job.isCancellable}
          denied={denial(vault.grant, "cancelJob")}
        />
      }
    >
      <LiveRefresh active={running} />
      <Essentials
        items={[
          { label: "Operation", value: JOB_OPERATION_LABELS[job.operation] },
          { label: "Status", value: <JobStatusLabel status={job.status} /> },
          {
            label: "Item",
            value: job.protectedItem ? (
              <Link
                href={`/vaults/${vault.id}/items/${job.backupManagementType}/${job.protectedItem.id}`}
                className="text-primary hover:underline"
              >
                {job.protectedItem.friendlyName}
              </Link>
            ) : (
              job.entityFriendlyName
            ),
          },
          { label: "Item type", value: WORKLOAD_LABELS[job.backupManagementType] },
          { label: "Start time", value: time(job.startTime) },
          { label: "End time", value: time(job.endTime) },
          { label: "Duration", value: formatDuration(jobDuration(job.startTime, job.endTime, now)) },
          { label: "Data transferred", value: formatBytes(job.bytesTransferred) },
          { label: "Progress", value: <ProgressBar percent={job.progressPercent} label="Job progress" /> },
          ...agentFigures.rows,
          ...restoreRows,
          ...(job.retainUntil ? [{ label: "Retain Backup Till", value: time(job.retainUntil) }] : []),
          ...(reason ? [{ label: "Reason", value: reason }] : []),
          { label: "Started by", value: job.initiatedBy },
          ...(job.scheduledFor ? [{ label: "Scheduled for", value: time(job.scheduledFor) }] : []),
          { label: "Job ID", value: <span className="font-mono text-[12px]">{job.id}</span> },
        ]}
      />
      {failed && (job.errorCode || job.errorMessage) ? (
        <Section title="Error">
          <div
            role="alert"
            className={`rounded-sm border-l-4 px-3 py-2 ${job.status === "Failed" ? "border-error-bright bg-[#fde7e9]" : "border-severe bg-warning-bg"}`}
          >
            {job.errorCode ? (
              <p>
                <span className="font-semibold">Error code:</span> <span className="font-mono">{job.errorCode}</span>
              </p>
            ) : null}
            {job.errorMessage ? (
              <p>
                <span className="font-semibold">Error message:</span> {job.errorMessage}
              </p>
            ) : null}
            <RecommendedActions recommendations={job.recommendations} />
          </div>
        </Section>
      ) : null}
      {agentFigures.unreadFiles.length > 0 ? (
        <Section title="Files not backed up">
          <DataTable label="Files not backed up" headers={["File", "Reason"]}>
            {agentFigures.unreadFiles.map((file) => (
              <Row key={file.item}>
                <Cell className="font-mono text-[12px]">{file.item}</Cell>
                <Cell>{file.message}</Cell>
              </Row>
            ))}
          </DataTable>
        </Section>
      ) : null}
      <Section title="Sub tasks">
        {job.subTasks.length === 0 ? (
          <EmptyState title="This operation has no sub tasks" />
        ) : (
          <DataTable label="Sub tasks" headers={["Name", "Status", "Progress", "Start time", "End time"]}>
            {job.subTasks.map((task) => (
              <Row key={task.name}>
                <Cell>{task.name}</Cell>
                <Cell>{task.status === "NotStarted" ? "Not started" : <JobStatusLabel status={task.status} />}</Cell>
                <Cell>
                  <ProgressBar percent={task.progressPercent} label={`${task.name} progress`} />
                </Cell>
                <Cell className="whitespace-nowrap">{time(task.startTime)}</Cell>
                <Cell className="whitespace-nowrap">{time(task.endTime)}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>
    </Blade>
  );
}
