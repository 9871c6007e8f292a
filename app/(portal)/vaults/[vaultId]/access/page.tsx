import { AddRoleAssignment, RemoveRoleAssignment } from "@/components/access/role-assignments";
import { SettingsIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { denial, VAULT_ROLE_LABELS } from "@/lib/domain/access/permissions";
import { formatDateTime } from "@/lib/domain/format/time";
import { getDb } from "@/lib/server/db";
import { listRoleAssignments } from "@/lib/server/services/access";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { assignRoleAction, removeRoleAssignmentAction } from "./actions";

export const generateMetadata = vaultBladeTitle("Access control (IAM)");

export default async function AccessControlPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const denied = denial(vault.grant, "manageAccess");
  const [assignments, users, timeZone] = await Promise.all([
    listRoleAssignments(getDb(), vault.id),
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
        <DataTable label="Role assignments" headers={["Name", "Email", "Role", "Assigned", ""]}>
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
