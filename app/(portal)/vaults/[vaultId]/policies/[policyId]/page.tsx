import { notFound } from "next/navigation";
import { ConfirmByNameDialog } from "@/components/forms/confirm-by-name-dialog";
import { PolicyForm } from "@/components/policies/policy-form";
import { Blade } from "@/components/portal/blade";
import { RoleNotice } from "@/components/portal/role-notice";
import { CommandBar, CommandLink } from "@/components/portal/command-bar";
import { Essentials } from "@/components/portal/essentials";
import { DownloadIcon, PolicyIcon } from "@/components/icons";
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { policyTypeLabel } from "@/lib/domain/policy/describe";
import { counted } from "@/lib/domain/format/count";
import { propertiesToDraft } from "@/lib/domain/policy/draft";
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import { denial } from "@/lib/domain/access/permissions";
import { getDb } from "@/lib/server/db";
import { describeStoredPolicy, getPolicy } from "@/lib/server/services/policies";
import { windowsZoneIdOf } from "@/lib/domain/policy/azure-json";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../../load-vault";
import { deletePolicyAction, previewPolicyChangeAction, updatePolicyAction } from "../actions";
import { policyFormContext } from "../policy-page-data";

export const generateMetadata = vaultBladeTitle(
  "Backup policy",
  (vaultId, { policyId }: { vaultId: string; policyId: string }) => getPolicy(getDb(), vaultId, policyId),
);

export default async function PolicyPage({ params }: { params: Promise<{ vaultId: string; policyId: string }> }) {
  const { vaultId, policyId } = await params;
  const vault = await loadVault(vaultId);
  const policy = await getPolicy(getDb(), vault.id, policyId);
  if (!policy) notFound();
  const described = describeStoredPolicy(policy);
  const denied = denial(vault.grant, "managePolicies");
  const listHref = `/vaults/${vault.id}/policies`;
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup policies", href: listHref }, { label: policy.name }]}
      title={policy.name}
      subtitle={`Backup policy · ${MANAGEMENT_TYPE_LABELS[policy.backupManagementType]}`}
      icon={<PolicyIcon />}
      commands={
        <CommandBar>
          <CommandLink href={`${listHref}/${policy.id}/export`} icon={<DownloadIcon />}>
            Export JSON
          </CommandLink>
          <ConfirmByNameDialog
            triggerLabel="Delete"
            title={`Delete ${policy.name}`}
            description={
              <>
                A policy that backup items use can&apos;t be deleted: switch them to another policy, or stop their
                protection, first. This one is the policy of {counted(policy.itemCount, "item")}.
              </>
            }
            resourceName={policy.name}
            confirmLabel="Delete"
            action={deletePolicyAction}
            hiddenFields={{ vaultId: vault.id, policyId: policy.id }}
            denied={denied}
          />
        </CommandBar>
      }
    >
      <Essentials
        items={[
          {
            label: "Type",
            value: policyTypeLabel(policy.backupManagementType, policy.policyType),
          },
          { label: "Backup items", value: policy.itemCount },
          { label: "Schedule", value: described.schedule },
          { label: "Retention", value: described.retention.join("; ") },
        ]}
      />
      <h2 className="mb-3 text-[16px] font-semibold">Modify policy</h2>
      {denied ? (
        <RoleNotice reason={denied} />
      ) : (
        <PolicyForm
          mode="modify"
          vaultId={vault.id}
          policyId={policy.id}
          initial={propertiesToDraft(policy.properties as AzurePolicyProperties, windowsZoneIdOf(policy))}
          listHref={listHref}
          preview={previewPolicyChangeAction}
          save={updatePolicyAction}
          {...await policyFormContext()}
        />
      )}
    </Blade>
  );
}
