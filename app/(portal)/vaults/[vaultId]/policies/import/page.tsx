import { Blade } from "@/components/portal/blade";
import { ImportPolicyForm } from "@/components/policies/import-policy-form";
import { PolicyIcon } from "@/components/icons";
import { RoleNotice } from "@/components/portal/role-notice";
import { denial } from "@/lib/domain/access/permissions";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../../load-vault";
import { importPolicyAction } from "../actions";

export const generateMetadata = vaultBladeTitle("Import policy");

export default async function ImportPolicyPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const listHref = `/vaults/${vault.id}/policies`;
  const denied = denial(vault.grant, "managePolicies");
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup policies", href: listHref }, { label: "Import" }]}
      title="Import policy"
      subtitle="Azure REST JSON"
      icon={<PolicyIcon />}
    >
      {denied ? (
        <RoleNotice reason={denied} />
      ) : (
        <ImportPolicyForm vaultId={vault.id} listHref={listHref} action={importPolicyAction} />
      )}
    </Blade>
  );
}
