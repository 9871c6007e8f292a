import { notFound } from "next/navigation";
import { cache } from "react";
import type { Crumb } from "@/components/portal/blade";
import { allows } from "@/lib/domain/access/permissions";
import { grantOn } from "@/lib/server/auth/authorize";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { getVault } from "@/lib/server/services/vaults";

/**
 * The vault of the current request, loaded once per request, with what the signed-in user may do
 * on it. Unknown ids, and vaults the user has no role on, show the not-found blade.
 */
export const loadVault = cache(async (vaultId: string) => {
  const actor = await requireActor();
  const vault = await getVault(getDb(), vaultId);
  if (!vault) notFound();
  const grant = await grantOn(getDb(), actor, vault.id);
  if (!allows(grant, "viewVault")) notFound();
  return { ...vault, actor, grant };
});

/** Breadcrumbs down to the vault, for the blades inside it. */
export function vaultCrumbs(vault: { id: string; name: string }): Crumb[] {
  return [
    { label: "Home", href: "/" },
    { label: "Recovery Services vaults", href: "/vaults" },
    { label: vault.name, href: `/vaults/${vault.id}` },
  ];
}
