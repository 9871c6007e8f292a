// The top bar's search: vaults, backup items and policies of the vaults the user can see.
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { SEARCH_RESULTS_PER_KIND, type SearchResult } from "@/lib/domain/search";
import { searchTermSchema } from "@/lib/schemas/search";
import { type Actor, visibleVaultIds } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";

/** Names containing `term` (any case), vaults first, then items, then policies. */
export async function searchResources(db: Db, actor: Actor, term: unknown): Promise<SearchResult[]> {
  const parsed = searchTermSchema.safeParse(term);
  if (!parsed.success) return [];
  // nameKey and itemName hold the lower-cased names, so one comparison finds any case on both databases.
  const key = parsed.data.toLowerCase();
  const visible = await visibleVaultIds(db, actor);
  const inVisible = visible === "all" ? {} : { vaultId: { in: visible } };
  const take = SEARCH_RESULTS_PER_KIND;
  const [vaults, items, policies] = await Promise.all([
    db.vault.findMany({
      where: { nameKey: { contains: key }, ...(visible === "all" ? {} : { id: { in: visible } }) },
      orderBy: { nameKey: "asc" },
      take,
      select: { id: true, name: true, resourceGroup: true },
    }),
    db.protectedItem.findMany({
      where: { ...inVisible, OR: [{ itemName: { contains: key } }, { friendlyName: { contains: parsed.data } }] },
      orderBy: [{ friendlyName: "asc" }, { id: "asc" }],
      take,
      select: {
        id: true,
        vaultId: true,
        friendlyName: true,
        backupManagementType: true,
        vault: { select: { name: true } },
      },
    }),
    db.backupPolicy.findMany({
      where: { ...inVisible, nameKey: { contains: key } },
      orderBy: [{ nameKey: "asc" }, { id: "asc" }],
      take,
      select: { id: true, vaultId: true, name: true, vault: { select: { name: true } } },
    }),
  ]);
  return [
    ...vaults.map((vault) => ({
      kind: "Recovery Services vault" as const,
      name: vault.name,
      detail: vault.resourceGroup,
      href: `/vaults/${vault.id}`,
    })),
    ...items.map((item) => ({
      kind: "Backup item" as const,
      name: item.friendlyName,
      detail: `${MANAGEMENT_TYPE_LABELS[item.backupManagementType]} · ${item.vault.name}`,
      href: `/vaults/${item.vaultId}/items/${item.backupManagementType}/${item.id}`,
    })),
    ...policies.map((policy) => ({
      kind: "Backup policy" as const,
      name: policy.name,
      detail: policy.vault.name,
      href: `/vaults/${policy.vaultId}/policies/${policy.id}`,
    })),
  ];
}
