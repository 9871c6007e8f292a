import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { UsersIcon } from "@/components/icons";
import { Blade, Section } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { NewApiToken, RevokeApiToken } from "@/components/auth/api-tokens";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row, sortableHeaders } from "@/components/portal/table";
import { formatDateTime } from "@/lib/domain/format/time";
import { sortOf } from "@/lib/domain/sorting";
import { requireActor } from "@/lib/server/auth/session";
import { DEFAULT_TOKEN_SORT, listApiTokens, TOKEN_SORT_COLUMNS } from "@/lib/server/auth/tokens";
import { getDb } from "@/lib/server/db";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { queryOf, type SearchParams } from "../search-params";
import { changePasswordAction, createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata = { title: "My account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const sort = sortOf((await queryOf(searchParams)).sort, TOKEN_SORT_COLUMNS, DEFAULT_TOKEN_SORT);
  const now = new Date();
  const [tokens, timeZone] = await Promise.all([listApiTokens(getDb(), actor, sort, now), viewerTimeZone()]);
  const time = (value: Date | null) => (value ? formatDateTime(value, timeZone) : "—");
  return (
    <Blade
      crumbs={[{ label: "Home", href: "/" }, { label: "My account" }]}
      title="My account"
      subtitle={actor.email}
      icon={<UsersIcon />}
    >
      <Essentials
        items={[
          { label: "Name", value: actor.name },
          { label: "Email", value: actor.email },
          {
            label: "Role",
            value: actor.isOwner ? "Owner (every vault)" : "Roles per vault, in each vault's Access control (IAM)",
          },
        ]}
      />
      <Section title="Change password">
        <ChangePasswordForm changePassword={changePasswordAction} />
      </Section>
      <Section title="API tokens">
        <p className="mb-2 text-text-secondary">
          Send a token as <span className="font-mono">Authorization: Bearer vp_…</span>; it acts as you, with your
          roles.
        </p>
        <NewApiToken create={createApiTokenAction} />
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens" />
        ) : (
          <DataTable
            label="API tokens"
            headers={sortableHeaders(
              [
                { label: "Name", column: "name" },
                { label: "Token" },
                { label: "Created", column: "created", first: "descending" },
                { label: "Expires", column: "expires" },
                { label: "Last used", column: "used", first: "descending" },
                { label: "Status", column: "status" },
                { label: "" },
              ],
              sort,
              (sortParameter) => `/account?sort=${sortParameter}`,
            )}
          >
            {tokens.map((token) => {
              const expired = token.expiresAt !== null && token.expiresAt <= now;
              return (
                <Row key={token.id}>
                  <Cell>{token.name}</Cell>
                  <Cell className="font-mono text-[12px]">vp_{token.prefix}_…</Cell>
                  <Cell className="whitespace-nowrap">{time(token.createdAt)}</Cell>
                  <Cell className="whitespace-nowrap">{token.expiresAt ? time(token.expiresAt) : "Never"}</Cell>
                  <Cell className="whitespace-nowrap">{time(token.lastUsedAt)}</Cell>
                  <Cell>
                    {token.revokedAt ? (
                      <StatusLabel tone="neutral" label="Revoked" />
                    ) : expired ? (
                      <StatusLabel tone="warning" label="Expired" />
                    ) : (
                      <StatusLabel tone="success" label="Active" />
                    )}
                  </Cell>
                  <Cell>
                    {token.revokedAt ? null : (
                      <RevokeApiToken revoke={revokeApiTokenAction} tokenId={token.id} name={token.name} />
                    )}
                  </Cell>
                </Row>
              );
            })}
          </DataTable>
        )}
      </Section>
    </Blade>
  );
}
