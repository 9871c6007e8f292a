import { notFound } from "next/navigation";
import { RecoveryPointsTable } from "@/components/items/recovery-points-table";
import { ServerIcon, VmIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { EmptyState, Pagination } from "@/components/portal/table";
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { withRole } from "@/lib/domain/access/permissions";
import { itemActions } from "@/lib/domain/protection/actions";
import { DEFAULT_RECOVERY_POINT_SORT, RECOVERY_POINT_SORT_COLUMNS } from "@/lib/domain/protection/display";
import { sortOf, sortParam } from "@/lib/domain/sorting";
import { getDb } from "@/lib/server/db";
import { listRecoveryPoints } from "@/lib/server/services/items";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultCrumbs } from "../../../../load-vault";
import { type ItemParams, itemTitle } from "../item-title";
import { queryOf, type SearchParams } from "../../../../../../search-params";

export function generateMetadata({ params }: { params: ItemParams }) {
  return itemTitle(params, "Restore points");
}

export default async function RestorePointsPage({
  params,
  searchParams,
}: {
  params: ItemParams;
  searchParams: Promise<SearchParams>;
}) {
  const [{ vaultId, type, itemId }, query] = await Promise.all([params, queryOf(searchParams)]);
  const vault = await loadVault(vaultId);
  const sort = sortOf(query.sort, RECOVERY_POINT_SORT_COLUMNS, DEFAULT_RECOVERY_POINT_SORT);
  const result = await listRecoveryPoints(getDb(), vault.id, itemId, Number(query.page) || 1, sort);
  if (!result || result.item.backupManagementType !== type) notFound();
  const { item } = result;
  const base = `/vaults/${vault.id}/items/${item.backupManagementType}/${item.id}`;
  const hrefOf = (change: { page?: number; sort?: string }) =>
    `${base}/restore-points?${new URLSearchParams({
      ...(change.sort || query.sort ? { sort: change.sort ?? sortParam(sort) } : {}),
      ...(change.page ? { page: String(change.page) } : {}),
    })}`;
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
            sorting={{ sort, hrefFor: (sortParameter) => hrefOf({ sort: sortParameter }) }}
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
            hrefFor={(page) => hrefOf({ page })}
            noun="restore point"
          />
        </>
      )}
    </Blade>
  );
}
