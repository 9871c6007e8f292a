import Link from "next/link";
import { AddServerFolderForm } from "@/components/items/add-server-folder-form";
import { ConfigureBackupForm } from "@/components/items/configure-backup-form";
import { agentServersOf } from "@/lib/server/agents/folders";
import { PlusIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { RoleNotice } from "@/components/portal/role-notice";
import { denial } from "@/lib/domain/access/permissions";
import { WORKLOAD_LABELS } from "@/lib/domain/jobs/display";
import { getDb } from "@/lib/server/db";
import { describeStoredPolicy, listPolicies } from "@/lib/server/services/policies";
import { listProtectableSources } from "@/lib/server/services/protection";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { addServerFolderAction, configureBackupAction } from "../items/actions";

export const generateMetadata = vaultBladeTitle("Configure backup");

const WORKLOADS = ["AzureIaasVM", "MAB"] as const;

export default async function ConfigureBackupPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<{ workload?: string }>;
}) {
  const vault = await loadVault((await params).vaultId);
  const denied = denial(vault.grant, "configureBackup");
  const requested = (await searchParams).workload;
  const workload = WORKLOADS.find((value) => value === requested) ?? "AzureIaasVM";
  const [policies, sources, agentServers] = await Promise.all([
    listPolicies(getDb(), vault.id),
    listProtectableSources(getDb(), vault.id, workload),
    workload === "MAB" ? agentServersOf(getDb(), vault.id) : [],
  ]);
  const choices = policies
    .filter((policy) => policy.backupManagementType === workload)
    .map((policy) => {
      const described = describeStoredPolicy(policy);
      return { id: policy.id, name: policy.name, summary: [described.schedule, ...described.retention].join("; ") };
    });
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Configure backup" }]}
      title="Configure backup"
      subtitle={vault.name}
      icon={<PlusIcon />}
    >
      <fieldset className="mb-6">
        <legend className="mb-2 text-[15px] font-semibold">What do you want to back up?</legend>
        <div role="radiogroup" aria-label="Workload" className="flex gap-2">
          {WORKLOADS.map((value) => (
            <Link
              key={value}
              role="radio"
              aria-checked={value === workload}
              href={`/vaults/${vault.id}/backup?workload=${value}`}
              className={`rounded-sm border px-4 py-2 ${value === workload ? "border-primary bg-primary-lighter font-semibold" : "border-border hover:bg-surface-muted"}`}
            >
              {WORKLOAD_LABELS[value]}
            </Link>
          ))}
        </div>
      </fieldset>
      {denied ? (
        <RoleNotice reason={denied} />
      ) : (
        <>
          {agentServers.length > 0 ? (
            <AddServerFolderForm addFolder={addServerFolderAction} vaultId={vault.id} servers={agentServers} />
          ) : null}
          <ConfigureBackupForm
            configure={configureBackupAction}
            key={workload}
            vaultId={vault.id}
            workload={workload}
            policies={choices}
            sources={sources}
          />
        </>
      )}
    </Blade>
  );
}
