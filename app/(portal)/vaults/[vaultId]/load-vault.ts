import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Crumb } from "@/components/portal/blade";
import { NOT_FOUND_TITLE } from "@/components/portal/not-found-blade";
import { currentActor, requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { visibleVault } from "@/lib/server/services/vaults";

/**
 * The vault of the current request, loaded once per request, with what the signed-in user may do
 * on it. Unknown ids, and vaults the user has no role on, show the not-found blade.
 */
export const loadVault = cache(async (vaultId: string) => {
  const actor = await requireActor();
  const vault = await visibleVault(getDb(), actor, vaultId);
  if (!vault) notFound();
  return { ...vault, actor };
});

/**
 * A vault blade's generateMetadata: its tab title, through the page's own door, so that a vault the
 * user can't see, or a resource `exists` doesn't find, titles the tab as the not-found blade the
 * page then shows (a page's own title would win over its not-found blade's).
 */
export function vaultBladeTitle<Params extends { vaultId: string }>(
  title: string,
  exists?: (vaultId: string, params: Params) => Promise<unknown>,
) {
  return async ({ params }: { params: Promise<Params> }): Promise<Metadata> => {
    const resolved = await params;
    const vault = await loadVault(resolved.vaultId);
    return { title: !exists || (await exists(vault.id, resolved)) ? title : NOT_FOUND_TITLE };
  };
}

/** The same door for route handlers (downloads): 401 without a session, 404 for a vault the caller can't see. */
export async function vaultOfRequest(request: Request, vaultId: string) {
  const actor = await currentActor(request.headers);
  if (!actor) return Response.json({ error: { code: "Unauthorized", message: "Sign in first." } }, { status: 401 });
  const vault = await visibleVault(getDb(), actor, vaultId);
  if (!vault)
    return Response.json({ error: { code: "ResourceNotFound", message: "The vault was not found." } }, { status: 404 });
  return { ...vault, actor };
}

/** Breadcrumbs down to the vault, for the blades inside it. */
export function vaultCrumbs(vault: { id: string; name: string }): Crumb[] {
  return [
    { label: "Home", href: "/" },
    { label: "Recovery Services vaults", href: "/vaults" },
    { label: vault.name, href: `/vaults/${vault.id}` },
  ];
}
