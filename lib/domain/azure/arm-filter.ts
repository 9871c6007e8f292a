// The `$filter` expressions the Recovery Services list operations take: `key eq 'value'` terms
// joined by `and`, in any order. Azure's job filters spell times as `yyyy-MM-dd hh:mm:ss AM|PM`
// in UTC (ListJobsWithAllSupportedFilters.json); ISO 8601 is accepted too.

export type FilterTerms = Record<string, string>;

const TERM = /^\s*([A-Za-z]+)\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/** The filter's terms keyed by the lower-cased key, or the reason it can't be read. */
export function parseArmFilter(filter: string | null, allowedKeys: readonly string[]): { ok: true; terms: FilterTerms } | { ok: false; message: string } {
  const terms: FilterTerms = {};
  if (!filter?.trim()) return { ok: true, terms };
  for (const part of filter.split(/\s+and\s+/i)) {
    const match = TERM.exec(part);
    if (!match) return { ok: false, message: `Can't read the $filter term "${part.trim()}": use key eq 'value' terms joined by 'and'.` };
    const key = allowedKeys.find((allowed) => allowed.toLowerCase() === match[1].toLowerCase());
    if (!key) return { ok: false, message: `The $filter key '${match[1]}' is not supported here; use ${allowedKeys.join(", ")}.` };
    terms[key] = match[2].replace(/''/g, "'");
  }
  return { ok: true, terms };
}

/**
 * A filter term's value as one of the known values (ARM compares them case-insensitively):
 * undefined when the filter has no such term, null when the value is none of them (it matches nothing).
 */
export function knownValue<T extends string>(values: readonly T[], value: string | undefined): T | undefined | null {
  if (value === undefined) return undefined;
  return values.find((candidate) => candidate.toLowerCase() === value.toLowerCase()) ?? null;
}

const AZURE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM)$/i;

/** An instant from Azure's `2026-11-20 10:00:00 AM` (UTC, 12-hour clock; `00:00:00 AM` is midnight) or ISO 8601; null if neither. */
export function parseArmFilterTime(value: string): Date | null {
  const match = AZURE_TIME.exec(value.trim());
  if (match) {
    const [, year, month, day, hour, minute, second, meridiem] = match;
    const hour24 = (Number(hour) % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
    const instant = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), hour24, Number(minute), Number(second)));
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return null;
  const instant = new Date(value.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** ISO 8601 duration of a span, as Azure's job `duration` (PT1H2M3.5S). */
export function isoDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, milliseconds) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 1000) / 1000;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds || (!hours && !minutes) ? `${seconds}S` : ""}`;
}
