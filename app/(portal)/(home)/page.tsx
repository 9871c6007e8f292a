import { requireActor } from "@/lib/server/auth/session";
import Link from "next/link";
import { Blade } from "@/components/portal/blade";
import { EmptyState } from "@/components/portal/table";
import { DashboardIcon, ErrorIcon, VaultIcon } from "@/components/icons";
import { getDb } from "@/lib/server/db";
import { listPinnedVaults } from "@/lib/server/services/vaults";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const tiles = await listPinnedVaults(getDb(), new Date(), actor);
  return (
    <Blade crumbs={[{ label: "Home" }]} title="Dashboard" icon={<DashboardIcon />}>
      {tiles.length === 0 ? (
        <EmptyState title="Nothing is pinned yet">
          Open{" "}
          <Link href="/vaults" className="text-primary hover:underline">
            Recovery Services vaults
          </Link>{" "}
          and choose <strong>Pin to dashboard</strong> on a vault to see it here.
        </EmptyState>
      ) : (
        <ul aria-label="Pinned vaults" className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {tiles.map((tile) => (
            <li key={tile.id}>
              <Link
                href={`/vaults/${tile.id}`}
                className="block rounded-sm border border-border bg-surface p-4 shadow-[0_1.6px_3.6px_rgba(0,0,0,0.08)] hover:border-primary"
                aria-label={`Vault ${tile.name}`}
              >
                <span className="flex items-center gap-2 text-[14px] font-semibold">
                  <VaultIcon /> {tile.name}
                </span>
                <span className="text-[12px] text-text-secondary">Recovery Services vault · {tile.resourceGroup}</span>
                <span className="mt-3 grid grid-cols-2 gap-2">
                  <span className="flex flex-col">
                    <span className="text-[24px] font-semibold" data-testid="tile-items">
                      {tile.itemCount}
                    </span>
                    <span className="text-[12px] text-text-secondary">Backup items</span>
                  </span>
                  <span className="flex flex-col">
                    <span className="flex items-center gap-1 text-[24px] font-semibold" data-testid="tile-failed">
                      {tile.failedJobs24h > 0 ? <ErrorIcon /> : null}
                      {tile.failedJobs24h}
                    </span>
                    <span className="text-[12px] text-text-secondary">Failed jobs (24 h)</span>
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Blade>
  );
}
