"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { JOB_STATUS_LABELS } from "@/lib/domain/jobs/display";

const SERIES = [
  { key: "Completed", color: "#107c10" },
  { key: "CompletedWithWarnings", color: "#d83b01" },
  { key: "Failed", color: "#a4262c" },
  { key: "InProgress", color: "#0078d4" },
  { key: "Cancelled", color: "#a19f9d" },
] as const;

export type JobsPerDay = { label: string } & Record<(typeof SERIES)[number]["key"], number>;

/** Jobs of the last days, stacked by status. */
export function JobsChart({ data }: { data: JobsPerDay[] }) {
  return (
    <div
      className="h-56 w-full"
      role="img"
      aria-label={`Backup jobs per day: ${data.map((day) => `${day.label} ${SERIES.reduce((sum, series) => sum + day[series.key], 0)}`).join(", ")}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#edebe9" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#605e5c" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#605e5c" }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {SERIES.map((series) => (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={JOB_STATUS_LABELS[series.key]}
              stackId="jobs"
              fill={series.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
