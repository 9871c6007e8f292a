import Link from "next/link";
import { notFound } from "next/navigation";
import { ItemCommands, type ItemServerActions } from "@/components/items/item-commands";
import { Blade, Section } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { JobStatusLabel, PreCheckLabel, StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { ServerIcon, VmIcon, WarningIcon } from "@/components/icons";
import { counted } from "@/lib/domain/format/count";
import { formatDateTime, formatTimeOfDay } from "@/lib/domain/format/time";
import { localDateKey } from "@/lib/domain/time/days";
import { formatDuration, JOB_OPERATION_LABELS, jobDuration, MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { withRole } from "@/lib/domain/access/permissions";
import { itemActions, PROTECTION_STATE_LABELS } from "@/lib/domain/protection/actions";
import { lastBackupStatusView } from "@/lib/domain/protection/display";
import { retainTillBounds } from "@/lib/domain/protection/retain-till";
import { RecoveryPointsTable } from "@/components/items/recovery-points-table";
import { getDb } from "@/lib/server/db";
import { getItemDashboard } from "@/lib/server/services/items";
import { protectedItemJson } from "@/lib/server/arm/protected-items";
import { JsonView } from "@/components/portal/json-view";
import { recoveryTargets, restorePointChoices } from "@/lib/server/services/restore";
import {
  backupNowAction,
  browseRecoveryPointAction,
  deleteBackupDataAction,
  recoverFilesAction,
  restoreVmAction,
  resumeBackupAction,
  stopBackupAction,
  undeleteAction,
} from "../../actions";
import { previewItemPolicyChangeAction, switchItemPolicyAction } from "../../../policies/actions";

/** What the item's commands run. */
const ITEM_SERVER_ACTIONS: ItemServerActions = {
  backupNow: backupNowAction,
  stopBackup: stopBackupAction,
  previewPolicyChange: previewItemPolicyChangeAction,
  switchPolicy: switchItemPolicyAction,
  resumeBackup: resumeBackupAction,
  deleteBackupData: deleteBackupDataAction,
  undelete: undeleteAction,
};
import { describeStoredPolicy, listPolicies } from "@/lib/server/services/policies";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultCrumbs } from "../../../load-vault";
import { type ItemParams, itemTitle } from "./item-title";

type HealthDetail = { code: string; title: string; message: string; recommendations: string[] };

export function generateMetadata({ params }: { params: ItemParams }) {
  return itemTitle(params);
}

export default async function BackupItemPage({
  params,
  searchParams,
}: {
  params: ItemParams;
  /** ?restore=<point>: Restore VM opens with that point chosen (from a restore point's row). */
  searchParams: Promise<{ restore?: string }>;
}) {
  const [{ vaultId, type, itemId }, query] = await Promise.all([params, searchParams]);
  const vault = await loadVault(vaultId);
  const [dashboard, policies, restorePoints] = await Promise.all([
    getItemDashboard(getDb(), vault.id, itemId),
    listPolicies(getDb(), vault.id),
    restorePointChoices(getDb(), vault.id, itemId),
  ]);
  if (!dashboard || dashboard.item.backupManagementType !== type) notFound();
  const itemJson = await protectedItemJson(getDb(), vault, itemId, {
    oldest: dashboard.oldestRecoveryPoint,
    latest: dashboard.latestRecoveryPoint,
    count: dashboard.recoveryPointCount,
  });
  const { item } = dashboard;
  const timeZone = await viewerTimeZone();
  const now = new Date();
  const softDeleted = item.deletedAt !== null;
  const status = lastBackupStatusView({ ...item, softDeleted });
  const healthDetails = (item.healthDetails as HealthDetail[] | null) ?? [];
  const isVm = item.backupManagementType === "AzureIaasVM";
  const typeLabel = MANAGEMENT_TYPE_LABELS[item.backupManagementType];
  const time = (value: Date | null) => (value ? formatDateTime(value, timeZone) : "—");
  // A demo server's backups are simulated: there are no files to recover.
  const demoServer = !isVm && !item.fileFolderSource?.server.credentialHash;
  const lifecycle = itemActions({ protectionState: item.protectionState, softDeleted });
  const actions = withRole(
    demoServer
      ? {
          ...lifecycle,
          restore: {
            allowed: false,
            reason: `${item.fileFolderSource?.server.name} is a demo server: its backups are simulated and hold no files to recover.`,
          },
        }
      : lifecycle,
    vault.grant,
  );
  // Restore VM from a restore point's row, when the viewer may restore now.
  const restoreHref =
    isVm && actions.restore.allowed
      ? (pointId: string) => `/vaults/${vault.id}/items/AzureIaasVM/${item.id}?restore=${pointId}`
      : undefined;
  const otherServers =
    !demoServer && item.fileFolderSource
      ? await recoveryTargets(getDb(), vault.id, item.fileFolderSource.serverId, item.fileFolderSource.server.name)
      : [];
  const daysToPurge = item.purgeAt
    ? Math.max(0, Math.ceil((item.purgeAt.getTime() - now.getTime()) / 86_400_000))
    : null;
  return (
    <Blade
      crumbs={[
        ...vaultCrumbs(vault),
        { label: "Backup items", href: `/vaults/${vault.id}/items` },
        { label: typeLabel, href: `/vaults/${vault.id}/items/${item.backupManagementType}` },
        { label: item.friendlyName },
      ]}
      title={item.friendlyName}
      subtitle={
        isVm
          ? "Backup item · Azure virtual machine"
          : `Backup item · Files and folders on ${item.fileFolderSource?.server.name}`
      }
      icon={isVm ? <VmIcon /> : <ServerIcon />}
      commands={
        <ItemCommands
          server={ITEM_SERVER_ACTIONS}
          vaultId={vault.id}
          itemId={item.id}
          itemName={item.friendlyName}
          actions={actions}
          currentPolicyId={item.policyId}
          policies={policies
            .filter((policy) => policy.backupManagementType === item.backupManagementType)
            .map((policy) => {
              const described = describeStoredPolicy(policy);
              return {
                id: policy.id,
                name: policy.name,
                summary: [described.schedule, ...described.retention].join("; "),
              };
            })}
          retainTill={retainTillBounds(now, timeZone)}
          softDeleteDays={vault.softDeleteState === "Disabled" ? null : vault.softDeleteRetentionDays}
          timeZone={timeZone}
          openWith={restoreHref && query.restore ? { action: "restore", key: query.restore } : null}
          restoreVm={
            isVm && item.virtualMachine
              ? {
                  source: {
                    vmName: item.virtualMachine.name,
                    resourceGroup: item.virtualMachine.resourceGroup,
                    deleted: item.virtualMachine.deletedAt !== null,
                  },
                  points: restorePoints.map((point) => ({
                    id: point.id,
                    label: formatDateTime(point.time, timeZone),
                    tier: point.tier,
                  })),
                  initialPointId: query.restore,
                  action: restoreVmAction,
                }
              : undefined
          }
          recoverFiles={
            !isVm && !demoServer && item.fileFolderSource
              ? {
                  source: { serverName: item.fileFolderSource.server.name, path: item.fileFolderSource.path },
                  otherServers,
                  points: restorePoints.map((point) => ({
                    id: point.id,
                    day: localDateKey(point.time, timeZone),
                    time: formatTimeOfDay(point.time, timeZone),
                  })),
                  action: recoverFilesAction,
                  browse: browseRecoveryPointAction,
                }
              : undefined
          }
        />
      }
    >
      <LiveRefresh
        active={dashboard.recentJobs.some((job) => job.status === "InProgress" || job.status === "Cancelling")}
      />
      {softDeleted && daysToPurge !== null ? (
        <div role="alert" className="mb-4 flex items-start gap-2 rounded-sm bg-[#fde7e9] px-3 py-2">
          <WarningIcon className="mt-0.5" />
          <span>
            The backup data of this item was deleted on {time(item.deletedAt)} and is kept in a soft-deleted state for{" "}
            {counted(daysToPurge, "more day")} (until {time(item.purgeAt)}). Undelete it to restore or resume
            protection.
          </span>
        </div>
      ) : null}
      {isVm && item.virtualMachine?.deletedAt ? (
        <div role="alert" className="mb-4 flex items-start gap-2 rounded-sm bg-warning-bg px-3 py-2">
          <WarningIcon className="mt-0.5" />
          <span>
            <strong>UserErrorVmNotFoundV2:</strong> the virtual machine doesn&apos;t exist anymore (deleted on{" "}
            {time(item.virtualMachine.deletedAt)} without stopping protection). Backups fail; the latest recovery point
            is kept. Recommended action: stop backup and <strong>delete backup data</strong>, or restore the virtual
            machine from a recovery point.
          </span>
        </div>
      ) : null}
      <Essentials
        items={[
          {
            label: "Protection state",
            value: softDeleted ? "Soft deleted" : PROTECTION_STATE_LABELS[item.protectionState],
          },
          // Backup Pre-Check checks Azure VMs' configuration only.
          ...(isVm ? [{ label: "Backup Pre-Check", value: <PreCheckLabel status={item.preCheckStatus} /> }] : []),
          { label: "Last backup status", value: <StatusLabel tone={status.tone} label={status.label} /> },
          { label: "Last backup time", value: time(item.lastBackupTime) },
          {
            label: "Backup policy",
            value: item.policy ? (
              <Link href={`/vaults/${vault.id}/policies/${item.policy.id}`} className="text-primary hover:underline">
                {item.policy.name}
              </Link>
            ) : (
              "—"
            ),
          },
          { label: "Recovery points", value: dashboard.recoveryPointCount },
          { label: "Oldest restore point", value: time(dashboard.oldestRecoveryPoint) },
          { label: "Latest restore point", value: time(dashboard.latestRecoveryPoint) },
          isVm
            ? { label: "Resource group", value: item.virtualMachine?.resourceGroup ?? "—" }
            : { label: "Server", value: item.fileFolderSource?.server.name ?? "—" },
          isVm
            ? {
                label: "VM size / OS",
                value: item.virtualMachine ? `${item.virtualMachine.sizeGb} GB · ${item.virtualMachine.osType}` : "—",
              }
            : { label: "Path", value: item.fileFolderSource?.path ?? "—" },
        ]}
        aside={itemJson ? <JsonView resourceId={itemJson.resourceId} json={itemJson.json} /> : null}
      />
      {healthDetails.length > 0 ? (
        <Section title="Health details">
          <ul className="space-y-2">
            {healthDetails.map((detail) => (
              <li key={detail.code} className="rounded-sm border border-border px-3 py-2">
                <p className="font-semibold">
                  {detail.title} <span className="font-mono text-[12px] text-text-secondary">({detail.code})</span>
                </p>
                <p>{detail.message}</p>
                {detail.recommendations.length > 0 ? (
                  <ul className="ml-4 list-disc text-text-secondary">
                    {detail.recommendations.map((recommendation) => (
                      <li key={recommendation}>{recommendation}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section
        title="Restore points"
        actions={
          dashboard.recoveryPointCount > 0 ? (
            <Link
              href={`/vaults/${vault.id}/items/${item.backupManagementType}/${item.id}/restore-points`}
              className="text-primary hover:underline"
            >
              View all restore points ({dashboard.recoveryPointCount})
            </Link>
          ) : null
        }
      >
        {dashboard.recoveryPoints.length === 0 ? (
          <EmptyState title="No restore points yet">
            {item.protectionState === "IRPending"
              ? "The first backup creates the first restore point. Run Backup now, or wait for the schedule."
              : "Restore points appear after successful backups."}
          </EmptyState>
        ) : (
          <RecoveryPointsTable
            points={dashboard.recoveryPoints}
            survivalContext={dashboard.survivalContext}
            now={now}
            timeZone={timeZone}
            restoreHref={restoreHref}
          />
        )}
      </Section>
      <Section
        title="Recent jobs"
        actions={
          <Link
            href={`/vaults/${vault.id}/jobs?range=30d&type=${item.backupManagementType}`}
            className="text-primary hover:underline"
          >
            View all jobs
          </Link>
        }
      >
        {dashboard.recentJobs.length === 0 ? (
          <EmptyState title="No jobs yet" />
        ) : (
          <DataTable label="Recent jobs" headers={["Operation", "Status", "Start time", "Duration"]}>
            {dashboard.recentJobs.map((job) => (
              <Row key={job.id}>
                <Cell>
                  <Link href={`/vaults/${vault.id}/jobs/${job.id}`} className="text-primary hover:underline">
                    {JOB_OPERATION_LABELS[job.operation]}
                  </Link>
                </Cell>
                <Cell>
                  <JobStatusLabel status={job.status} />
                </Cell>
                <Cell className="whitespace-nowrap">{time(job.startTime)}</Cell>
                <Cell className="whitespace-nowrap">
                  {formatDuration(jobDuration(job.startTime, job.endTime, now))}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>
    </Blade>
  );
}
