import { notFound } from "next/navigation";
import { cache } from "react";
import type { Crumb } from "@/components/portal/blade";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { getVault } from "@/lib/server/services/vaults";

/** The vault of the current request, loaded once per request; unknown ids show the not-found blade. */
export const loadVault = cache(async (vaultId: string) => {
  await requireActor();
  const vault = await getVault(getDb(), vaultId);
  if (!vault) notFound();
  return vault;
});

/** Breadcrumbs down to the vault, for the blades inside it. */
export function vaultCrumbs(vault: { id: string; name: string }): Crumb[] {
  return [
    { label: "Home", href: "/" },
    { label: "Recovery Services vaults", href: "/vaults" },
    { label: vault.name, href: `/vaults/${vault.id}` },
  ];
}
