import Link from "next/link";
import { Blade } from "@/components/portal/blade";
import { CommandBar, PermittedCommandLink } from "@/components/portal/command-bar";
import { denial } from "@/lib/domain/access/permissions";
import { Cell, DataTable, EmptyState, Row, sortableHeaders } from "@/components/portal/table";
import { PlusIcon, PolicyIcon, UploadIcon } from "@/components/icons";
import { policyTypeLabel } from "@/lib/domain/policy/describe";
import { sortOf } from "@/lib/domain/sorting";
import { getDb } from "@/lib/server/db";
import {
  DEFAULT_POLICY_SORT,
  describeStoredPolicy,
  listPolicies,
  POLICY_SORT_COLUMNS,
} from "@/lib/server/services/policies";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { queryOf, type SearchParams } from "../../../search-params";

export const generateMetadata = vaultBladeTitle("Backup policies");

export default async function BackupPoliciesPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const vault = await loadVault((await params).vaultId);
  const { created, deleted, sort: sortParameter } = await queryOf(searchParams);
  const sort = sortOf(sortParameter, POLICY_SORT_COLUMNS, DEFAULT_POLICY_SORT);
  const policies = await listPolicies(getDb(), vault.id, sort);
  const base = `/vaults/${vault.id}/policies`;
  const denied = denial(vault.grant, "managePolicies");
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup policies" }]}
      title="Backup policies"
      subtitle={vault.name}
      icon={<PolicyIcon />}
      commands={
        <CommandBar>
          <PermittedCommandLink href={`${base}/new?type=AzureIaasVM`} icon={<PlusIcon />} denied={denied}>
            Add (Azure Virtual Machine)
          </PermittedCommandLink>
          <PermittedCommandLink href={`${base}/new?type=MAB`} icon={<PlusIcon />} denied={denied}>
            Add (Azure Backup Agent)
          </PermittedCommandLink>
          <PermittedCommandLink href={`${base}/import`} icon={<UploadIcon />} denied={denied}>
            Import JSON
          </PermittedCommandLink>
        </CommandBar>
      }
    >
      {created || deleted ? (
        <p role="status" className="mb-3 rounded-sm bg-primary-lighter px-3 py-2">
          Policy <strong>{created ?? deleted}</strong> was {created ? "created" : "deleted"}.
        </p>
      ) : null}
      {policies.length === 0 ? (
        <EmptyState title="No backup policies">
          Policies decide when backups run and how long recovery points are kept.
        </EmptyState>
      ) : (
        <DataTable
          label="Backup policies"
          headers={sortableHeaders(
            [
              { label: "Name", column: "name" },
              { label: "Type", column: "type" },
              { label: "Schedule" },
              { label: "Retention" },
              { label: "Protected items", column: "items" },
            ],
            sort,
            (sortParameter) => `${base}?sort=${sortParameter}`,
          )}
        >
          {policies.map((policy) => {
            const described = describeStoredPolicy(policy);
            return (
              <Row key={policy.id}>
                <Cell>
                  <Link href={`${base}/${policy.id}`} className="font-semibold text-primary hover:underline">
                    {policy.name}
                  </Link>
                </Cell>
                <Cell>{policyTypeLabel(policy.backupManagementType, policy.policyType)}</Cell>
                <Cell>{described.schedule}</Cell>
                <Cell>
                  <ul>
                    {described.retention.map((phrase) => (
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
