import { requireActor } from "@/lib/server/auth/session";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink, PermittedCommandLink } from "@/components/portal/command-bar";
import { denial } from "@/lib/domain/access/permissions";
import { PlusIcon, RefreshIcon, VaultIcon } from "@/components/icons";
import { VaultBrowser } from "@/components/vaults/vault-browser";
import { regionLabel } from "@/lib/domain/azure/resources";
import { getDb } from "@/lib/server/db";
import { listVaults } from "@/lib/server/services/vaults";
import { setVaultPinnedAction } from "../actions";

export const metadata = { title: "Recovery Services vaults" };

export default async function VaultsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const actor = await requireActor();
  const { deleted } = await searchParams;
  const vaults = await listVaults(getDb(), actor);
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
          <CommandLink href="/vaults" icon={<RefreshIcon />}>
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
        setPinned={setVaultPinnedAction}
      />
    </Blade>
  );
}
