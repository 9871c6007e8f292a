import { notFound } from "next/navigation";
import { RecoveryPointsTable } from "@/components/items/recovery-points-table";
import { ServerIcon, VmIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { EmptyState, Pagination } from "@/components/portal/table";
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { withRole } from "@/lib/domain/access/permissions";
import { itemActions } from "@/lib/domain/protection/actions";
import { getDb } from "@/lib/server/db";
import { listRecoveryPoints } from "@/lib/server/services/items";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultCrumbs } from "../../../../load-vault";
import { type ItemParams, itemTitle } from "../item-title";

export function generateMetadata({ params }: { params: ItemParams }) {
  return itemTitle(params, "Restore points");
}

export default async function RestorePointsPage({
  params,
  searchParams,
}: {
  params: ItemParams;
  searchParams: Promise<{ page?: string }>;
}) {
  const [{ vaultId, type, itemId }, query] = await Promise.all([params, searchParams]);
  const vault = await loadVault(vaultId);
  const result = await listRecoveryPoints(getDb(), vault.id, itemId, Number(query.page) || 1);
  if (!result || result.item.backupManagementType !== type) notFound();
  const { item } = result;
  const base = `/vaults/${vault.id}/items/${item.backupManagementType}/${item.id}`;
  return (
    <Blade
      crumbs={[
        ...vaultCrumbs(vault),
        { label: "Backup items", href: `/vaults/${vault.id}/items` },
        {
          label: MANAGEMENT_TYPE_LABELS[item.backupManagementType],
          href: `/vaults/${vault.id}/items/${item.backupManagementType}`,
        },
        { label: item.friendlyName, href: base },
        { label: "Restore points" },
      ]}
      title="Restore points"
      subtitle={item.friendlyName}
      icon={item.backupManagementType === "AzureIaasVM" ? <VmIcon /> : <ServerIcon />}
    >
      {result.total === 0 ? (
        <EmptyState title="No restore points">Restore points appear after successful backups.</EmptyState>
      ) : (
        <>
          <RecoveryPointsTable
            points={result.rows}
            survivalContext={result.survivalContext}
            now={new Date()}
            timeZone={await viewerTimeZone()}
            restoreHref={
              item.backupManagementType === "AzureIaasVM" &&
              withRole(
                itemActions({ protectionState: item.protectionState, softDeleted: item.deletedAt !== null }),
                vault.grant,
              ).restore.allowed
                ? (pointId) => `${base}?restore=${pointId}`
                : undefined
            }
          />
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            total={result.total}
            hrefFor={(page) => `${base}/restore-points?page=${page}`}
            noun="restore point"
          />
        </>
      )}
    </Blade>
  );
}
