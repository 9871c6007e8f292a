"use client";

// What a policy would keep: the recovery points that exist on a chosen date if protection
// starts on another, computed by the same domain functions as the engine. Its times are in the
// policy's zone (named in each), where the schedule's times of day are.
import { useMemo, useState } from "react";
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { inputClass } from "@/components/forms/field";
import { counted } from "@/lib/domain/format/count";
import { formatDate, formatDateTime } from "@/lib/domain/format/time";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import { ON_DEMAND_RULE, plannedRecoveryPoints, recoveryPointsAt } from "@/lib/domain/retention/recovery-points";
import { instantOfWallTime, parseWallTime } from "@/lib/domain/time/zoned";
import type { AzurePolicyProperties } from "@/lib/schemas/policy";

const RULE_COLOURS: Record<string, string> = {
  Daily: "#0078d4",
  Weekly: "#107c10",
  Monthly: "#d83b01",
  Yearly: "#5c2d91",
  Snapshot: "#a19f9d",
  [ON_DEMAND_RULE]: "#008272",
};
const ROWS = ["Snapshot", "Daily", "Weekly", "Monthly", "Yearly"];
const LIST_LIMIT = 60;

export function RetentionPreview({
  properties,
  defaultStart,
}: {
  properties: AzurePolicyProperties;
  defaultStart: string;
}) {
  const [start, setStart] = useState(defaultStart);
  const [asOf, setAsOf] = useState(() => `${Number(defaultStart.slice(0, 4)) + 1}${defaultStart.slice(4)}`);
  const result = useMemo(() => {
    const imported = importAzurePolicy(properties);
    if (!imported.ok) return { error: "Fix the fields marked above to see the preview.", points: [] };
    const rules = policyRulesOf(imported.policy.properties, imported.policy.timeZone);
    const from = instantOfWallTime(parseWallTime(`${start}T00:00`), rules.timeZone);
    const at = instantOfWallTime(parseWallTime(`${asOf}T23:59`), rules.timeZone);
    if (!(at > from)) return { error: "Choose a date after protection starts.", points: [] };
    return {
      error: null,
      points: recoveryPointsAt(plannedRecoveryPoints(rules, from, at), at),
      timeZone: rules.timeZone,
    };
  }, [properties, start, asOf]);

  const counts = new Map<string, number>();
  for (const point of result.points)
    counts.set(point.governingRule ?? "Snapshot", (counts.get(point.governingRule ?? "Snapshot") ?? 0) + 1);

  return (
    <section aria-label="Retention preview" className="rounded-sm border border-border bg-surface-alt p-3">
      <h3 className="mb-2 font-semibold">Retention preview</h3>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span className="text-[12px] font-semibold">Protection starts</span>
          <input
            type="date"
            className={inputClass}
            value={start}
            onChange={(event) => event.target.value && setStart(event.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-[12px] font-semibold">Show recovery points on</span>
          <input
            type="date"
            aria-label="Preview date"
            className={inputClass}
            value={asOf}
            onChange={(event) => event.target.value && setAsOf(event.target.value)}
          />
        </label>
      </div>
      {result.error !== null ? (
        <p role="status" className="text-text-secondary">
          {result.error}
        </p>
      ) : (
        <>
          <p data-testid="preview-counts" className="mb-2">
            <strong>{counted(result.points.length, "recovery point")}</strong>
            {[...counts.entries()].map(([rule, count]) => (
              <span key={rule} className="ml-3 inline-flex items-center gap-1">
                <span className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: RULE_COLOURS[rule] }} />
                {rule}: {count}
              </span>
            ))}
          </p>
          <div className="h-40 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <ScatterChart margin={{ top: 4, right: 12, bottom: 4, left: 12 }}>
                <CartesianGrid stroke="#edebe9" />
                <XAxis
                  type="number"
                  dataKey="time"
                  domain={["dataMin", "dataMax"]}
                  tickFormatter={(value: number) => formatDate(new Date(value), result.timeZone!)}
                  tick={{ fontSize: 10 }}
                />
                <YAxis
                  type="category"
                  dataKey="rule"
                  allowDuplicatedCategory={false}
                  ticks={ROWS}
                  tick={{ fontSize: 10 }}
                  width={64}
                />
                <Tooltip formatter={(_value, _name, item) => (item?.payload as { label?: string })?.label ?? ""} />
                {ROWS.map((row) => (
                  <Scatter
                    key={row}
                    name={row}
                    isAnimationActive={false}
                    fill={RULE_COLOURS[row]}
                    data={result.points
                      .filter((point) => (point.governingRule ?? "Snapshot") === row)
                      .map((point) => ({
                        time: point.time.getTime(),
                        rule: row,
                        label: formatDateTime(point.time, result.timeZone!),
                      }))}
                  />
                ))}
              </ScatterChart>
            </ResponsiveContainer>
          </div>
          <ul aria-label="Recovery points kept" className="mt-2 max-h-48 overflow-y-auto text-[12px]">
            {[...result.points]
              .reverse()
              .slice(0, LIST_LIMIT)
              .map((point) => (
                <li key={point.time.getTime()} className="border-b border-divider py-0.5">
                  {formatDateTime(point.time, result.timeZone!)} ·{" "}
                  {point.governingRule
                    ? `kept by ${point.governingRule} until ${formatDateTime(point.expiresAt!, result.timeZone!)}`
                    : `snapshot until ${formatDateTime(point.snapshotExpiresAt!, result.timeZone!)}`}
                  {point.rules.length > 1 ? ` (rules: ${point.rules.join(", ")})` : ""}
                </li>
              ))}
            {result.points.length > LIST_LIMIT ? (
              <li className="py-0.5 text-text-secondary">… and {result.points.length - LIST_LIMIT} older points</li>
            ) : null}
          </ul>
        </>
      )}
    </section>
  );
}
