import { notFound } from "next/navigation";
import { AgentPolicyWizard } from "@/components/policies/agent-policy-wizard";
import { PolicyForm } from "@/components/policies/policy-form";
import { Blade } from "@/components/portal/blade";
import { PolicyIcon } from "@/components/icons";
import { newPolicyDraft } from "@/lib/domain/policy/draft";
import { getDb } from "@/lib/server/db";
import { listUnprotectedFolders } from "@/lib/server/services/policies";
import { RoleNotice } from "@/components/portal/role-notice";
import { denial } from "@/lib/domain/access/permissions";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../../load-vault";
import { createPolicyAction } from "../actions";
import { policyFormContext } from "../policy-page-data";

const isPolicyType = (type: string): type is "AzureIaasVM" | "MAB" => type === "AzureIaasVM" || type === "MAB";

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<{ type?: string }>;
}) {
  const { type = "AzureIaasVM" } = await searchParams;
  return vaultBladeTitle("Create policy", async () => isPolicyType(type))({ params });
}

export default async function NewPolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<{ type?: string }>;
}) {
  const vault = await loadVault((await params).vaultId);
  const { type = "AzureIaasVM" } = await searchParams;
  if (!isPolicyType(type)) notFound();
  const context = await policyFormContext();
  const listHref = `/vaults/${vault.id}/policies`;
  const crumbs = [...vaultCrumbs(vault), { label: "Backup policies", href: listHref }, { label: "Create policy" }];
  const denied = denial(vault.grant, "managePolicies");
  if (denied) {
    return (
      <Blade crumbs={crumbs} title="Create policy" icon={<PolicyIcon />}>
        <RoleNotice reason={denied} />
      </Blade>
    );
  }
  if (type === "MAB") {
    return (
      <Blade
        crumbs={crumbs}
        title="Schedule Backup Wizard"
        subtitle="Azure Backup Agent · files and folders"
        icon={<PolicyIcon />}
      >
        <AgentPolicyWizard
          vaultId={vault.id}
          folders={await listUnprotectedFolders(getDb(), vault.id)}
          listHref={listHref}
          create={createPolicyAction}
          {...context}
        />
      </Blade>
    );
  }
  return (
    <Blade crumbs={crumbs} title="Create policy" subtitle="Azure Virtual Machine" icon={<PolicyIcon />}>
      <PolicyForm
        mode="create"
        vaultId={vault.id}
        initial={newPolicyDraft("AzureIaasVM", "V1", context.today)}
        listHref={listHref}
        create={createPolicyAction}
        {...context}
      />
    </Blade>
  );
}
