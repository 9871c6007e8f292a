import { notFound } from "next/navigation";
import { NewUserPanel, UserRowActions } from "@/components/access/user-management";
import { UsersIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { CommandBar } from "@/components/portal/command-bar";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, Row, sortableHeaders } from "@/components/portal/table";
import { formatDateTime } from "@/lib/domain/format/time";
import { sortOf } from "@/lib/domain/sorting";
import { OWNER_ROLE } from "@/lib/server/auth/auth";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { DEFAULT_USER_SORT, listUsers, USER_SORT_COLUMNS } from "@/lib/server/services/access";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { queryOf, type SearchParams } from "../search-params";
import { createUserAction, resetUserPasswordAction, setUserDisabledAction } from "./actions";

export const metadata = { title: "Users" };

/** The Owner's list of accounts. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const sort = sortOf((await queryOf(searchParams)).sort, USER_SORT_COLUMNS, DEFAULT_USER_SORT);
  const users = await listUsers(getDb(), actor, sort);
  if (!users.ok) notFound();
  const timeZone = await viewerTimeZone();
  return (
    <Blade
      crumbs={[{ label: "Home", href: "/" }, { label: "Users" }]}
      title="Users"
      subtitle="Accounts that can sign in; give them roles in each vault's Access control (IAM)"
      icon={<UsersIcon />}
      commands={
        <CommandBar>
          <NewUserPanel create={createUserAction} />
        </CommandBar>
      }
    >
      <DataTable
        label="Users"
        headers={sortableHeaders(
          [
            { label: "Name", column: "name" },
            { label: "Email", column: "email" },
            { label: "Role", column: "role" },
            { label: "Vaults" },
            { label: "Status", column: "status" },
            { label: "Created", column: "created", first: "descending" },
            { label: "" },
          ],
          sort,
          (sortParameter) => `/users?sort=${sortParameter}`,
        )}
      >
        {users.data.map((user) => (
          <Row key={user.id}>
            <Cell>{user.name}</Cell>
            <Cell>{user.email}</Cell>
            <Cell>{user.role === OWNER_ROLE ? "Owner" : "User"}</Cell>
            <Cell>{user.role === OWNER_ROLE ? "All" : user._count.vaultRoles}</Cell>
            <Cell>
              {user.banned ? (
                <StatusLabel tone="error" label="Disabled" />
              ) : (
                <StatusLabel tone="success" label="Active" />
              )}
            </Cell>
            <Cell className="whitespace-nowrap">{formatDateTime(user.createdAt, timeZone)}</Cell>
            <Cell>
              <UserRowActions
                resetPassword={resetUserPasswordAction}
                setDisabled={setUserDisabledAction}
                userId={user.id}
                email={user.email}
                disabled={Boolean(user.banned)}
                isSelf={user.id === actor.userId}
              />
            </Cell>
          </Row>
        ))}
      </DataTable>
    </Blade>
  );
}
