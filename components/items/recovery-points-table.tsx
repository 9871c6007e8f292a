import Link from "next/link";
import { DataTable, Row, Cell, sortableHeaders } from "@/components/portal/table";
import { formatDateTime } from "@/lib/domain/format/time";
import { formatBytes } from "@/lib/domain/jobs/display";
import { recoveryPointKeep, type RecoveryPointSortColumn, tiersLabel } from "@/lib/domain/protection/display";
import type { Sort, SortDirection } from "@/lib/domain/sorting";
import type { SurvivalContext } from "@/lib/domain/retention/survival";

type Point = {
  id: string;
  time: Date;
  type: string;
  inSnapshotTier: boolean;
  inVaultTier: boolean;
  ruleName: string | null;
  expiresAt: Date | null;
  snapshotExpiresAt: Date | null;
  isOnDemand: boolean;
  sizeBytes: number;
};

/** Restore points (newest first unless sorted): time, type, tiers, governing rule, expiry or why a point is kept, size. */
export function RecoveryPointsTable({
  points,
  survivalContext,
  now,
  timeZone,
  restoreHref,
  sorting,
}: {
  points: Point[];
  /** The item's state and most recent points, which decide why a point is kept. */
  survivalContext: SurvivalContext;
  now: Date;
  timeZone: string;
  /** Where restoring from a point starts (Restore VM with the point chosen); absent when the viewer can't restore. */
  restoreHref?: (pointId: string) => string;
  /** How the list is sorted and where a header's sort goes; absent, the headers don't sort (the item's latest points). */
  sorting?: { sort: Sort<RecoveryPointSortColumn>; hrefFor: (sortParameter: string) => string };
}) {
  const columns: Array<{ label: string; column?: RecoveryPointSortColumn; first?: SortDirection }> = [
    { label: "Time", column: "time", first: "descending" },
    { label: "Type", column: "type" },
    { label: "Tier", column: "tier" },
    { label: "Retention rule" },
    { label: "Expires" },
    { label: "Size", column: "size" },
  ];
  const headers = [
    ...(sorting ? sortableHeaders(columns, sorting.sort, sorting.hrefFor) : columns.map((column) => column.label)),
    ...(restoreHref
      ? [
          <span key="actions" className="sr-only">
            Actions
          </span>,
        ]
      : []),
  ];
  return (
    <DataTable label="Restore points" headers={headers}>
      {points.map((point) => {
        const keep = recoveryPointKeep(point, { ...survivalContext, now });
        return (
          <Row key={point.id}>
            <Cell className="whitespace-nowrap">
              {formatDateTime(point.time, timeZone)}
              {point.isOnDemand ? (
                <span className="ml-2 whitespace-nowrap rounded-sm bg-primary-lighter px-1.5 py-0.5 text-[11px]">
                  On-demand
                </span>
              ) : null}
            </Cell>
            <Cell>{point.type}</Cell>
            <Cell>{tiersLabel(point)}</Cell>
            <Cell>{point.isOnDemand ? "On-demand (Retain Backup Till)" : (point.ruleName ?? "Snapshot only")}</Cell>
            <Cell>
              <span className="whitespace-nowrap">
                {keep.expiresAt ? formatDateTime(keep.expiresAt, timeZone) : "—"}
              </span>
              {keep.keptBecause ? (
                <span className="block text-[12px] text-text-secondary">{keep.keptBecause}</span>
              ) : null}
            </Cell>
            <Cell>{formatBytes(point.sizeBytes)}</Cell>
            {restoreHref ? (
              <Cell>
                <Link
                  href={restoreHref(point.id)}
                  className="text-primary hover:underline"
                  aria-label={`Restore from ${formatDateTime(point.time, timeZone)}`}
                >
                  Restore
                </Link>
              </Cell>
            ) : null}
          </Row>
        );
      })}
    </DataTable>
  );
}
