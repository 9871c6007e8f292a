import { Blade } from "@/components/portal/blade";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { PolicyIcon } from "@/components/icons";
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { describeRetention, describeSchedule } from "@/lib/domain/policy/describe";
import { getDb } from "@/lib/server/db";
import { listPolicies, rulesOfStoredPolicy } from "@/lib/server/services/policies";
import { loadVault, vaultCrumbs } from "../load-vault";

export const metadata = { title: "Backup policies" };

export default async function BackupPoliciesPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const policies = await listPolicies(getDb(), vault.id);
  return (
    <Blade crumbs={[...vaultCrumbs(vault), { label: "Backup policies" }]} title="Backup policies" subtitle={vault.name} icon={<PolicyIcon className="text-primary" />}>
      {policies.length === 0 ? (
        <EmptyState title="No backup policies">Policies decide when backups run and how long recovery points are kept.</EmptyState>
      ) : (
        <DataTable label="Backup policies" headers={["Name", "Type", "Schedule", "Retention", "Protected items"]}>
          {policies.map((policy) => {
            const rules = rulesOfStoredPolicy(policy);
            return (
              <Row key={policy.id}>
                <Cell className="font-semibold">{policy.name}</Cell>
                <Cell>
                  {MANAGEMENT_TYPE_LABELS[policy.backupManagementType]}
                  {policy.policyType ? ` (${policy.policyType === "V2" ? "Enhanced" : "Standard"})` : ""}
                </Cell>
                <Cell>{describeSchedule(rules.schedule, policy.windowsTimeZone ?? policy.timeZone)}</Cell>
                <Cell>
                  <ul>
                    {describeRetention(rules.rules).map((phrase) => (
                      <li key={phrase}>{phrase}</li>
                    ))}
                  </ul>
                </Cell>
                <Cell>{policy.itemCount}</Cell>
              </Row>
            );
          })}
        </DataTable>
      )}
    </Blade>
  );
}
