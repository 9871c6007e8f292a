import Link from "next/link";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink } from "@/components/portal/command-bar";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { BackupIcon, RefreshIcon, ServerIcon, VmIcon } from "@/components/icons";
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { getDb } from "@/lib/server/db";
import { countItemsByType } from "@/lib/server/services/items";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";

export const generateMetadata = vaultBladeTitle("Backup items");

export default async function BackupItemsPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const counts = await countItemsByType(getDb(), vault.id);
  const base = `/vaults/${vault.id}/items`;
  const total = counts.AzureIaasVM + counts.MAB;
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup items" }]}
      title="Backup items"
      subtitle={vault.name}
      icon={<BackupIcon />}
      commands={
        <CommandBar>
          <CommandLink href={base} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
        </CommandBar>
      }
    >
      {total === 0 ? (
        <EmptyState title="No backup items in this vault">
          Protect a virtual machine or a Backup Agent server&apos;s folders with <strong>+ Backup</strong> on the
          vault&apos;s overview.
        </EmptyState>
      ) : null}
      <DataTable label="Backup management types" headers={["Backup management type", "Backup item count"]}>
        {(["AzureIaasVM", "MAB"] as const).map((type) => (
          <Row key={type}>
            <Cell>
              <Link href={`${base}/${type}`} className="inline-flex items-center gap-2 text-primary hover:underline">
                {type === "AzureIaasVM" ? <VmIcon /> : <ServerIcon />}
                {MANAGEMENT_TYPE_LABELS[type]}
              </Link>
            </Cell>
            <Cell>{counts[type]}</Cell>
          </Row>
        ))}
      </DataTable>
    </Blade>
  );
}
