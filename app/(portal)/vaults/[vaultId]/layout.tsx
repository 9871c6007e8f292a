import type { ReactNode } from "react";
import { ResourceMenu } from "@/components/vaults/resource-menu";
import { loadVault } from "./load-vault";

export default async function VaultLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ vaultId: string }>;
}) {
  const { vaultId } = await params;
  const vault = await loadVault(vaultId);
  return (
    <div className="flex min-h-full">
      <ResourceMenu vaultId={vault.id} vaultName={vault.name} />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
