import { VaultIcon } from "@/components/icons";
import { Blade, Section } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { SoftDeleteSettings } from "@/components/vaults/soft-delete-settings";
import { denial } from "@/lib/domain/access/permissions";
import { regionLabel, STORAGE_REDUNDANCY_LABELS } from "@/lib/domain/azure/resources";
import { loadVault, vaultCrumbs } from "../load-vault";

export const metadata = { title: "Properties" };

export default async function VaultPropertiesPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  return (
    <Blade crumbs={[...vaultCrumbs(vault), { label: "Properties" }]} title="Properties" subtitle={vault.name} icon={<VaultIcon />}>
      <Essentials
        items={[
          { label: "Backup storage redundancy", value: STORAGE_REDUNDANCY_LABELS[vault.storageRedundancy] },
          { label: "Location", value: regionLabel(vault.location) },
        ]}
      />
      <Section title="Security settings">
        <SoftDeleteSettings vaultId={vault.id} vaultName={vault.name} denied={denial(vault.grant, "vaultSettings")} current={{ softDeleteState: vault.softDeleteState, softDeleteRetentionDays: vault.softDeleteRetentionDays }} />
      </Section>
    </Blade>
  );
}
