import Link from "next/link";
import { notFound } from "next/navigation";
import { inputClass } from "@/components/forms/field";
import { FilterSelect, filterOptions } from "@/components/forms/filter-select";
import { LiveFilterForm } from "@/components/forms/live-filter-form";
import { Blade } from "@/components/portal/blade";
import { NOT_FOUND_TITLE } from "@/components/portal/not-found-blade";
import { CommandBar, CommandLink } from "@/components/portal/command-bar";
import { PreCheckLabel, StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Pagination, Row, sortableHeaders } from "@/components/portal/table";
import { sortOf, sortParam } from "@/lib/domain/sorting";
import { RefreshIcon, ServerIcon, VmIcon } from "@/components/icons";
import { formatDateTime } from "@/lib/domain/format/time";
import { counted } from "@/lib/domain/format/count";
import { MANAGEMENT_TYPE_LABELS } from "@/lib/domain/jobs/display";
import { lastBackupStatusView, PRE_CHECK_STATUSES } from "@/lib/domain/protection/display";
import { PROTECTION_STATE_LABELS, type ProtectionState, schedulerRuns } from "@/lib/domain/protection/actions";
import { getDb } from "@/lib/server/db";
import { DEFAULT_ITEM_SORT, ITEM_SORT_COLUMNS, listItems } from "@/lib/server/services/items";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../../load-vault";
import { queryOf, type SearchParams } from "../../../../search-params";

const TYPES = ["AzureIaasVM", "MAB"] as const;

function daysLeft(purgeAt: Date): string {
  const days = Math.max(0, Math.ceil((purgeAt.getTime() - Date.now()) / 86_400_000));
  return counted(days, "day");
}

const itemsTitle = (type: (typeof TYPES)[number]) => `Backup Items (${MANAGEMENT_TYPE_LABELS[type]})`;

export async function generateMetadata({ params }: { params: Promise<{ vaultId: string; type: string }> }) {
  const { type } = await params;
  const managementType = TYPES.find((candidate) => candidate === type);
  return vaultBladeTitle(managementType ? itemsTitle(managementType) : NOT_FOUND_TITLE)({ params });
}

export default async function ItemsOfTypePage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string; type: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { vaultId, type } = await params;
  const managementType = TYPES.find((candidate) => candidate === type);
  if (!managementType) notFound();
  const vault = await loadVault(vaultId);
  const query = await queryOf(searchParams);
  const q = query.q ?? "";
  const isVm = managementType === "AzureIaasVM";
  // Backup Pre-Check applies to Azure VMs only; the overview's Pre-Check rows open this list filtered.
  const preCheck = isVm ? PRE_CHECK_STATUSES.find((status) => status === query.precheck) : undefined;
  const sort = sortOf(query.sort, ITEM_SORT_COLUMNS, DEFAULT_ITEM_SORT);
  const timeZone = await viewerTimeZone();
  const result = await listItems(getDb(), vault.id, managementType, {
    search: q,
    preCheck,
    sort,
    page: Number(query.page) || 1,
  });
  const base = `/vaults/${vault.id}/items/${managementType}`;
  const label = MANAGEMENT_TYPE_LABELS[managementType];
  const filtered = q !== "" || preCheck !== undefined;
  const hrefOf = (change: { page?: number; sort?: string }) =>
    `${base}?${new URLSearchParams({
      ...(q ? { q } : {}),
      ...(preCheck ? { precheck: preCheck } : {}),
      ...(change.sort || query.sort ? { sort: change.sort ?? sortParam(sort) } : {}),
      ...(change.page ? { page: String(change.page) } : {}),
    })}`;
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Backup items", href: `/vaults/${vault.id}/items` }, { label }]}
      title={itemsTitle(managementType)}
      subtitle={vault.name}
      icon={isVm ? <VmIcon /> : <ServerIcon />}
      commands={
        <CommandBar>
          <CommandLink href={base} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
        </CommandBar>
      }
    >
      <LiveFilterForm label="Filter items">
        {/* The search keeps the list's sort. */}
        {query.sort ? <input type="hidden" name="sort" value={sortParam(sort)} /> : null}
        <label className="flex flex-col gap-1">
          <span className="text-[12px] font-semibold">Search items</span>
          <input
            type="search"
            name="q"
            defaultValue={q}
            placeholder={isVm ? "Filter by name or resource group" : "Filter by path or server"}
            className={`${inputClass} w-80`}
          />
        </label>
        {isVm ? (
          <FilterSelect
            name="precheck"
            label="Backup Pre-Check"
            value={preCheck ?? ""}
            options={filterOptions("All", PRE_CHECK_STATUSES)}
          />
        ) : null}
      </LiveFilterForm>
      {result.total === 0 ? (
        <EmptyState title={filtered ? "No items match the filters" : `No ${label} items in this vault`}>
          {filtered
            ? "Change or clear the filters."
            : "Configure backup from the vault's overview to protect data sources of this type."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            label={`${label} backup items`}
            // Backup Pre-Check checks Azure VMs' configuration only: Azure's Backup Agent list has no such column.
            headers={sortableHeaders(
              [
                { label: "Name", column: "name" },
                { label: isVm ? "Resource group" : "Server", column: "location" },
                ...(isVm ? [{ label: "Backup Pre-Check", column: "precheck" as const }] : []),
                { label: "Last Backup Status", column: "status" },
                { label: "Latest restore point" },
              ],
              sort,
              (sortParameter) => hrefOf({ sort: sortParameter }),
            )}
          >
            {result.rows.map((item) => {
              const status = lastBackupStatusView(item);
              return (
                <Row key={item.id} className={item.softDeleted ? "bg-[#fde7e9]/40" : ""}>
                  <Cell>
                    <Link
                      href={`${base}/${item.id}`}
                      className={`hover:underline ${item.softDeleted ? "text-error" : "text-primary"}`}
                    >
                      {item.friendlyName}
                    </Link>
                    {item.softDeleted && item.purgeAt ? (
                      <span className="block text-[12px] text-error">
                        Soft deleted · {daysLeft(item.purgeAt)} left before the purge · Undelete from the item
                      </span>
                    ) : !schedulerRuns({
                        protectionState: item.protectionState as ProtectionState,
                        softDeleted: false,
                      }) ? (
                      <span className="block text-[12px] text-severe">
                        {PROTECTION_STATE_LABELS[item.protectionState as ProtectionState]} · no backups run; its restore
                        points are kept
                      </span>
                    ) : null}
                  </Cell>
                  <Cell>{item.location}</Cell>
                  {isVm ? (
                    <Cell>
                      <PreCheckLabel status={item.preCheckStatus} />
                    </Cell>
                  ) : null}
                  <Cell>
                    <StatusLabel tone={status.tone} label={status.label} />
                  </Cell>
                  <Cell className="whitespace-nowrap">
                    {item.latestRecoveryPoint ? formatDateTime(item.latestRecoveryPoint, timeZone) : "—"}
                  </Cell>
                </Row>
              );
            })}
          </DataTable>
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            total={result.total}
            hrefFor={(target) => hrefOf({ page: target })}
            noun="item"
          />
        </>
      )}
    </Blade>
  );
}
