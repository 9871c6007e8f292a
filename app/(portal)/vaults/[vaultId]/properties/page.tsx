import { VaultIcon } from "@/components/icons";
import { Blade, Section } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { BackupCredentials, type CredentialRow } from "@/components/vaults/backup-credentials";
import { MonitoringSettings } from "@/components/vaults/monitoring-settings";
import { SoftDeleteSettings } from "@/components/vaults/soft-delete-settings";
import { formatDateTime } from "@/lib/domain/format/time";
import { listVaultCredentials } from "@/lib/server/agents/credentials";
import { getDb } from "@/lib/server/db";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { denial } from "@/lib/domain/access/permissions";
import { regionLabel, STORAGE_REDUNDANCY_LABELS } from "@/lib/domain/azure/resources";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import {
  downloadVaultCredentialsAction,
  revokeVaultCredentialsAction,
  updateMonitoringSettingsAction,
  updateSoftDeleteSettingsAction,
} from "./actions";

export const generateMetadata = vaultBladeTitle("Properties");

export default async function VaultPropertiesPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const [credentials, timeZone] = await Promise.all([listVaultCredentials(getDb(), vault.id), viewerTimeZone()]);
  const now = new Date();
  const rows: CredentialRow[] = credentials.map((credential) => ({
    id: credential.id,
    prefix: credential.prefix,
    createdBy: credential.createdBy,
    created: formatDateTime(credential.createdAt, timeZone),
    expires: formatDateTime(credential.expiresAt, timeZone),
    state: credential.revokedAt
      ? "Revoked"
      : credential.usedAt
        ? "Used"
        : credential.expiresAt <= now
          ? "Expired"
          : "Active",
    usedBy: credential.usedByServer,
  }));
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Properties" }]}
      title="Properties"
      subtitle={vault.name}
      icon={<VaultIcon />}
    >
      <Essentials
        items={[
          { label: "Backup storage redundancy", value: STORAGE_REDUNDANCY_LABELS[vault.storageRedundancy] },
          { label: "Location", value: regionLabel(vault.location) },
        ]}
      />
      <Section title="Security settings">
        <SoftDeleteSettings
          update={updateSoftDeleteSettingsAction}
          vaultId={vault.id}
          vaultName={vault.name}
          denied={denial(vault.grant, "vaultSettings")}
          current={{ softDeleteState: vault.softDeleteState, softDeleteRetentionDays: vault.softDeleteRetentionDays }}
        />
      </Section>
      <Section title="Monitoring settings">
        <MonitoringSettings
          update={updateMonitoringSettingsAction}
          vaultId={vault.id}
          vaultName={vault.name}
          denied={denial(vault.grant, "vaultSettings")}
          alertsForAllJobFailures={vault.alertsForAllJobFailures}
        />
      </Section>
      <Section title="Backup credentials">
        <BackupCredentials
          revoke={revokeVaultCredentialsAction}
          download={downloadVaultCredentialsAction}
          vaultId={vault.id}
          vaultName={vault.name}
          credentials={rows}
          denied={denial(vault.grant, "registerServer")}
        />
      </Section>
    </Blade>
  );
}
