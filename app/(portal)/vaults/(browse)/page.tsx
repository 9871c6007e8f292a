import { requireActor } from "@/lib/server/auth/session";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink, PermittedCommandLink } from "@/components/portal/command-bar";
import { denial } from "@/lib/domain/access/permissions";
import { PlusIcon, RefreshIcon, VaultIcon } from "@/components/icons";
import { sortableHeaders } from "@/components/portal/table";
import { VaultBrowser } from "@/components/vaults/vault-browser";
import { regionLabel } from "@/lib/domain/azure/resources";
import { sortOf, sortParam } from "@/lib/domain/sorting";
import { getDb } from "@/lib/server/db";
import { DEFAULT_VAULT_SORT, listVaults, VAULT_SORT_COLUMNS } from "@/lib/server/services/vaults";
import { setVaultPinnedAction } from "../actions";
import { queryOf, type SearchParams } from "../../search-params";

export const metadata = { title: "Recovery Services vaults" };

export default async function VaultsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const { deleted, sort: sortParameter } = await queryOf(searchParams);
  const sort = sortOf(sortParameter, VAULT_SORT_COLUMNS, DEFAULT_VAULT_SORT);
  const vaults = await listVaults(getDb(), actor, sort);
  const listHref = (sorted: string | undefined) => (sorted ? `/vaults?sort=${sorted}` : "/vaults");
  return (
    <Blade
      crumbs={[{ label: "Home", href: "/" }, { label: "Recovery Services vaults" }]}
      title="Recovery Services vaults"
      icon={<VaultIcon />}
      commands={
        <CommandBar>
          <PermittedCommandLink
            href="/vaults/new"
            icon={<PlusIcon />}
            denied={denial({ isOwner: actor.isOwner, role: null }, "createVault")}
          >
            Create
          </PermittedCommandLink>
          <CommandLink href={listHref(sortParameter && sortParam(sort))} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
        </CommandBar>
      }
    >
      {deleted ? (
        <p role="status" className="mb-3 rounded-sm bg-primary-lighter px-3 py-2">
          Vault <strong>{deleted}</strong> was deleted.
        </p>
      ) : null}
      <VaultBrowser
        vaults={vaults.map((vault) => ({ ...vault, locationLabel: regionLabel(vault.location) }))}
        // Sorting is a link the filter's text doesn't follow: it stays in the box, and typing leaves the sort.
        headers={sortableHeaders(
          [
            { label: "Name", column: "name" },
            { label: "Resource group", column: "group" },
            { label: "Location", column: "location" },
            { label: "Subscription", column: "subscription" },
            { label: "Backup items", column: "items" },
            { label: "" },
          ],
          sort,
          listHref,
        )}
        setPinned={setVaultPinnedAction}
      />
    </Blade>
  );
}
