"use client";

import { formatDateTime } from "@/lib/domain/format/time";
import { counted } from "@/lib/domain/format/count";
import type { PolicyChangeImpact } from "@/lib/domain/retention/policy-change";

/** How many of the points to list; the count says the rest. */
const LISTED = 8;

/** The points a policy change removes within the next day, and the box that confirms it. */
export function RemovalConfirmation({
  removed,
  timeZone,
  checked,
  onCheckedChange,
}: {
  removed: PolicyChangeImpact["removedWithinDay"];
  timeZone: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  const count = removed.length;
  const points = counted(count, "recovery point");
  return (
    <div
      role="alert"
      aria-label="Recovery points removed by the change"
      className="mt-3 border-l-4 border-severe bg-warning-bg px-3 py-2 text-[13px]"
    >
      <p className="font-semibold">
        {points} will be deleted within the next day: the new retention no longer keeps {count === 1 ? "it" : "them"}.
      </p>
      <ul className="my-1 list-disc pl-5">
        {removed.slice(0, LISTED).map((point) => (
          <li key={point.time.toISOString()}>
            {formatDateTime(point.time, timeZone)} ({point.expired ? "its new retention ended" : "new expiry"}{" "}
            {formatDateTime(point.expiresAt, timeZone)})
          </li>
        ))}
      </ul>
      {count > LISTED ? <p>and {count - LISTED} more.</p> : null}
      <label className="mt-1 inline-flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={checked}
          onChange={(event) => onCheckedChange(event.target.checked)}
        />
        <span>I understand that {points} will be permanently deleted.</span>
      </label>
    </div>
  );
}
