import Link from "next/link";
import { ConfirmByNameDialog } from "@/components/forms/confirm-by-name-dialog";
import { CommandBar, CommandLink, PermittedCommandLink } from "@/components/portal/command-bar";
import { denial } from "@/lib/domain/access/permissions";
import { Blade } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { PreCheckLabel } from "@/components/portal/status";
import { PRE_CHECK_STATUSES } from "@/lib/domain/protection/display";
import { Tile, TileMetric } from "@/components/portal/tile";
import { ErrorIcon, InProgressIcon, PlusIcon, RefreshIcon, SuccessIcon, VaultIcon } from "@/components/icons";
import { JobsChart } from "@/components/vaults/jobs-chart";
import { regionLabel, SOFT_DELETE_LABELS, STORAGE_REDUNDANCY_LABELS } from "@/lib/domain/azure/resources";
import { formatDayKey } from "@/lib/domain/format/time";
import { formatBytes, MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { getDb } from "@/lib/server/db";
import { getVaultOverview } from "@/lib/server/services/overview";
import { alertCountsBySeverity } from "@/lib/server/services/alerts";
import { SeverityIcon } from "@/components/alerts/alert-labels";
import { ALERT_SEVERITIES, SEVERITY_LABELS } from "@/lib/domain/alerts/alerts";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { deleteVaultAction, updateVaultTagsAction } from "../actions";
import { JsonView } from "@/components/portal/json-view";
import { VaultTags } from "@/components/vaults/vault-tags";
import { tagsOf } from "@/lib/domain/azure/tags";
import { vaultArmId, vaultResource } from "@/lib/server/arm/resources";
import { loadVault, vaultCrumbs } from "./load-vault";

export async function generateMetadata({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  return { title: vault.name };
}

export default async function VaultOverviewPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const timeZone = await viewerTimeZone();
  const [overview, openAlerts] = await Promise.all([
    getVaultOverview(getDb(), vault.id, new Date(), timeZone),
    alertCountsBySeverity(getDb(), vault.id),
  ]);
  const openAlertCount = ALERT_SEVERITIES.reduce((sum, severity) => sum + openAlerts[severity], 0);
  // The list of the tile's alerts: open (fired, not closed), whenever they last occurred.
  const openAlertsHref = (severity?: string) =>
    `${base}/alerts?${new URLSearchParams({ ...(severity ? { severity } : {}), condition: "Fired", state: "open", range: "all" })}`;
  const base = `/vaults/${vault.id}`;
  const totalItems = overview.itemCounts.AzureIaasVM + overview.itemCounts.MAB;
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault).slice(0, -1), { label: vault.name }]}
      title={vault.name}
      subtitle="Recovery Services vault"
      icon={<VaultIcon />}
      commands={
        <CommandBar>
          <PermittedCommandLink
            href={`${base}/backup`}
            icon={<PlusIcon />}
            denied={denial(vault.grant, "configureBackup")}
          >
            Backup
          </PermittedCommandLink>
          <CommandLink href={base} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
          <ConfirmByNameDialog
            triggerLabel="Delete"
            title={`Delete ${vault.name}`}
            description={
              "Deleting a vault can't be undone. A vault that still holds backup items (soft-deleted ones included) or registered servers can't be deleted."
            }
            resourceName={vault.name}
            confirmLabel="Delete"
            action={deleteVaultAction}
            hiddenFields={{ vaultId: vault.id }}
            denied={denial(vault.grant, "deleteVault")}
          />
        </CommandBar>
      }
    >
      <Essentials
        items={[
          { label: "Resource group", value: vault.resourceGroup },
          { label: "Location", value: regionLabel(vault.location) },
          { label: "Subscription ID", value: <span className="font-mono text-[12px]">{vault.subscriptionId}</span> },
          { label: "Backup storage redundancy", value: STORAGE_REDUNDANCY_LABELS[vault.storageRedundancy] },
          {
            label: "Soft delete",
            value: `${SOFT_DELETE_LABELS[vault.softDeleteState]} (${vault.softDeleteRetentionDays} days)`,
          },
          { label: "Vault name", value: vault.name },
        ]}
        aside={<JsonView resourceId={vaultArmId(vault)} json={JSON.stringify(vaultResource(vault), null, 2)} />}
        footer={
          <VaultTags
            vaultId={vault.id}
            vaultName={vault.name}
            tags={tagsOf(vault.tags)}
            denied={denial(vault.grant, "vaultSettings")}
            update={updateVaultTagsAction}
          />
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 xl:grid-cols-3">
        <Tile title="Backup items">
          <div className="grid grid-cols-3 gap-2">
            <TileMetric label="Total" value={totalItems} href={`${base}/items`} />
            <TileMetric
              label={MANAGEMENT_TYPE_LABELS.AzureIaasVM}
              value={overview.itemCounts.AzureIaasVM}
              href={`${base}/items/AzureIaasVM`}
            />
            <TileMetric label={MANAGEMENT_TYPE_LABELS.MAB} value={overview.itemCounts.MAB} href={`${base}/items/MAB`} />
          </div>
        </Tile>
        <Tile title="Backup jobs">
          <div className="grid grid-cols-2 gap-2">
            <TileMetric
              label="In progress"
              value={overview.jobsInProgress}
              // A spinner says something runs: none while nothing does.
              icon={overview.jobsInProgress > 0 ? <InProgressIcon /> : undefined}
              href={`${base}/jobs?status=InProgress&range=30d`}
            />
            <TileMetric
              label="Failed (last 24 hours)"
              value={overview.jobsFailed24h}
              icon={<ErrorIcon />}
              href={`${base}/jobs?status=Failed&range=24h`}
            />
          </div>
        </Tile>
        <Tile title="Alerts">
          {openAlertCount === 0 ? (
            <Link
              href={`${base}/alerts`}
              className="flex items-center gap-2 rounded-sm px-1 py-2 hover:bg-primary-lighter"
              data-testid="alerts-calm"
            >
              <SuccessIcon />
              <span>
                <span className="block font-semibold">No open alerts</span>
                <span className="text-[12px] text-text-secondary">Failures and security events will show here.</span>
              </span>
            </Link>
          ) : (
            <div className="grid grid-cols-3 gap-2">
              {ALERT_SEVERITIES.map((severity) => (
                <TileMetric
                  key={severity}
                  label={SEVERITY_LABELS[severity]}
                  value={openAlerts[severity]}
                  icon={openAlerts[severity] > 0 ? <SeverityIcon severity={severity} /> : undefined}
                  href={openAlertsHref(severity)}
                />
              ))}
            </div>
          )}
          {openAlertCount > 0 ? (
            <Link href={openAlertsHref()} className="mt-2 inline-block text-[12px] text-primary hover:underline">
              {openAlertCount === 1 ? "1 open alert" : `${openAlertCount} open alerts`}
            </Link>
          ) : null}
        </Tile>
        <Tile title="Backup Pre-Check (Azure VMs)">
          <ul className="space-y-0.5">
            {PRE_CHECK_STATUSES.map((status) => (
              <li key={status}>
                <Link
                  href={`${base}/items/AzureIaasVM?precheck=${status}`}
                  className="flex justify-between rounded-sm px-1 py-1 hover:bg-primary-lighter"
                >
                  <PreCheckLabel status={status} />
                  <span data-testid={`precheck-${status.toLowerCase()}`}>{overview.preCheck[status]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Tile>
        <Tile title="Backup storage">
          <TileMetric
            label={`Recovery points (${STORAGE_REDUNDANCY_LABELS[vault.storageRedundancy]})`}
            value={formatBytes(overview.storageBytes)}
          />
        </Tile>
        <Tile title="Backup policies">
          <TileMetric label="Policies" value={overview.policyCount} href={`${base}/policies`} />
        </Tile>
        <Tile title="Backup jobs in the last 7 days" className="lg:col-span-2 xl:col-span-3">
          <JobsChart data={overview.jobsPerDay.map((day) => ({ ...day, label: formatDayKey(day.day) }))} />
        </Tile>
      </div>
    </Blade>
  );
}
