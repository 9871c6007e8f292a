import type { Metadata } from "next";
import { NOT_FOUND_TITLE } from "@/components/portal/not-found-blade";
import { getDb } from "@/lib/server/db";
import { getItemHeading } from "@/lib/server/services/items";
import { loadVault } from "../../../load-vault";

export type ItemParams = Promise<{ vaultId: string; type: string; itemId: string }>;

/**
 * The browser tab's title on an item's blades: the item's name, as Azure titles a resource's
 * blade; the not-found blade's title for an item the vault doesn't have (its page says so).
 */
export async function itemTitle(params: ItemParams, blade?: string): Promise<Metadata> {
  const { vaultId, type, itemId } = await params;
  const vault = await loadVault(vaultId);
  const item = await getItemHeading(getDb(), vault.id, itemId);
  if (!item || item.backupManagementType !== type) return { title: NOT_FOUND_TITLE };
  return { title: blade ? `${blade} (${item.friendlyName})` : item.friendlyName };
}
