import Link from "next/link";
import { DataTable, Row, Cell } from "@/components/portal/table";
import { formatDateTime } from "@/lib/domain/format/time";
import { formatBytes } from "@/lib/domain/jobs/display";
import { recoveryPointKeep } from "@/lib/domain/protection/display";
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

function tiersLabel(point: { inSnapshotTier: boolean; inVaultTier: boolean }): string {
  if (point.inSnapshotTier && point.inVaultTier) return "Snapshot and Vault-Standard";
  return point.inSnapshotTier ? "Snapshot" : "Vault-Standard";
}

/** Restore points, newest first: time, type, tiers, governing rule, expiry or why a point is kept, size. */
export function RecoveryPointsTable({
  points,
  survivalContext,
  now,
  timeZone,
  restoreHref,
}: {
  points: Point[];
  /** The item's state and most recent points, which decide why a point is kept. */
  survivalContext: SurvivalContext;
  now: Date;
  timeZone: string;
  /** Where restoring from a point starts (Restore VM with the point chosen); absent when the viewer can't restore. */
  restoreHref?: (pointId: string) => string;
}) {
  const headers = [
    "Time",
    "Type",
    "Tier",
    "Retention rule",
    "Expires",
    "Size",
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
