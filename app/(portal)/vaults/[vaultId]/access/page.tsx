import { AddRoleAssignment, RemoveRoleAssignment } from "@/components/access/role-assignments";
import { SettingsIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row, sortableHeaders } from "@/components/portal/table";
import { denial, VAULT_ROLE_LABELS } from "@/lib/domain/access/permissions";
import { formatDateTime } from "@/lib/domain/format/time";
import { sortOf } from "@/lib/domain/sorting";
import { getDb } from "@/lib/server/db";
import {
  DEFAULT_ROLE_ASSIGNMENT_SORT,
  listRoleAssignments,
  ROLE_ASSIGNMENT_SORT_COLUMNS,
} from "@/lib/server/services/access";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { queryOf, type SearchParams } from "../../../search-params";
import { assignRoleAction, removeRoleAssignmentAction } from "./actions";

export const generateMetadata = vaultBladeTitle("Access control (IAM)");

export default async function AccessControlPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const vault = await loadVault((await params).vaultId);
  const denied = denial(vault.grant, "manageAccess");
  const sort = sortOf((await queryOf(searchParams)).sort, ROLE_ASSIGNMENT_SORT_COLUMNS, DEFAULT_ROLE_ASSIGNMENT_SORT);
  const [assignments, users, timeZone] = await Promise.all([
    listRoleAssignments(getDb(), vault.id, sort),
    denied
      ? Promise.resolve([])
      : getDb().user.findMany({
          where: { banned: { not: true } },
          orderBy: { email: "asc" },
          select: { id: true, name: true, email: true },
        }),
    viewerTimeZone(),
  ]);
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Access control (IAM)" }]}
      title="Access control (IAM)"
      subtitle={vault.name}
      icon={<SettingsIcon />}
      commands={
        <AddRoleAssignment
          assign={assignRoleAction}
          vaultId={vault.id}
          users={users.map((user) => ({ id: user.id, label: `${user.name} (${user.email})` }))}
          denied={denied}
        />
      }
    >
      <p className="mb-3 text-text-secondary">
        The Owner of the portal has access to every vault; these users have a role on this one.
      </p>
      {assignments.length === 0 ? (
        <EmptyState title="No role assignments">Add one to give a user access to this vault.</EmptyState>
      ) : (
        <DataTable
          label="Role assignments"
          headers={sortableHeaders(
            [
              { label: "Name", column: "name" },
              { label: "Email", column: "email" },
              { label: "Role", column: "role" },
              { label: "Assigned", column: "assigned", first: "descending" },
              { label: "" },
            ],
            sort,
            (sortParameter) => `/vaults/${vault.id}/access?sort=${sortParameter}`,
          )}
        >
          {assignments.map((assignment) => (
            <Row key={assignment.id}>
              <Cell>
                {assignment.user.name}
                {assignment.user.banned ? <StatusLabel tone="error" label="Disabled" /> : null}
              </Cell>
              <Cell>{assignment.user.email}</Cell>
              <Cell>{VAULT_ROLE_LABELS[assignment.role]}</Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(assignment.createdAt, timeZone)}</Cell>
              <Cell>
                {denied ? null : (
                  <RemoveRoleAssignment
                    remove={removeRoleAssignmentAction}
                    vaultId={vault.id}
                    assignmentId={assignment.id}
                    label={`${VAULT_ROLE_LABELS[assignment.role]} · ${assignment.user.email}`}
                  />
                )}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </Blade>
  );
}
