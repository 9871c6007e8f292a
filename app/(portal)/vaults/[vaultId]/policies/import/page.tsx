import { Blade } from "@/components/portal/blade";
import { ImportPolicyForm } from "@/components/policies/import-policy-form";
import { PolicyIcon } from "@/components/icons";
import { loadVault, vaultCrumbs } from "../../load-vault";
import { importPolicyAction } from "../actions";

export const metadata = { title: "Import policy" };

export default async function ImportPolicyPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const listHref = `/vaults/${vault.id}/policies`;
  return (
    <Blade crumbs={[...vaultCrumbs(vault), { label: "Backup policies", href: listHref }, { label: "Import" }]} title="Import policy" subtitle="Azure REST JSON" icon={<PolicyIcon className="text-primary" />}>
      <ImportPolicyForm vaultId={vault.id} listHref={listHref} action={importPolicyAction} />
    </Blade>
  );
}
