// The `$filter` expressions the Recovery Services list operations take: `key eq 'value'` terms
// joined by `and`, in any order. Azure's job filters spell times as `yyyy-MM-dd hh:mm:ss AM|PM`
// in UTC (ListJobsWithAllSupportedFilters.json); ISO 8601 is accepted too.

import { isInstantInRange } from "@/lib/domain/time/zoned";

export type FilterTerms = Record<string, string>;

/** A term's start: its key, `eq` and the value's opening quote (matched on a bounded slice). */
const TERM_HEAD = /^([A-Za-z]+)\s+eq\s+'/i;

/** Where the whitespace starting at `index` ends. */
function skipSpaces(text: string, index: number): number {
  let end = index;
  while (end < text.length && /\s/.test(text[end])) end += 1;
  return end;
}

/** The quoted value that starts at `start` ('' is a quote) and where its closing quote ends; null when unclosed. */
function quotedValue(text: string, start: number): { value: string; end: number } | null {
  let value = "";
  for (let index = start; index < text.length; index += 1) {
    if (text[index] !== "'") value += text[index];
    else if (text[index + 1] === "'") {
      value += "'";
      index += 1;
    } else return { value, end: index + 1 };
  }
  return null;
}

/** Where the next term starts after ` and ` at `index`, or null when the text there isn't ` and `. */
function afterAnd(text: string, index: number): number | null {
  const word = skipSpaces(text, index);
  if (word === index || text.slice(word, word + 3).toLowerCase() !== "and") return null;
  const next = skipSpaces(text, word + 3);
  return next === word + 3 ? null : next;
}

/**
 * The filter's terms keyed by the lower-cased key, or the reason it can't be read. Read left to
 * right in one pass: a split on /\s+and\s+/ backtracked quadratically on long runs of spaces (and
 * cut values holding " and ").
 */
export function parseArmFilter(
  filter: string | null,
  allowedKeys: readonly string[],
): { ok: true; terms: FilterTerms } | { ok: false; message: string } {
  const terms: FilterTerms = {};
  const text = filter?.trim() ?? "";
  let index = 0;
  while (index < text.length) {
    const head = TERM_HEAD.exec(text.slice(index, index + 100));
    const value = head ? quotedValue(text, index + head[0].length) : null;
    if (!head || !value)
      return {
        ok: false,
        message: `Can't read the $filter term "${text.slice(index, index + 100)}": use key eq 'value' terms joined by 'and'.`,
      };
    const key = allowedKeys.find((allowed) => allowed.toLowerCase() === head[1].toLowerCase());
    if (!key)
      return {
        ok: false,
        message: `The $filter key '${head[1]}' is not supported here; use ${allowedKeys.join(", ")}.`,
      };
    terms[key] = value.value;
    if (value.end === text.length) break;
    const next = afterAnd(text, value.end);
    if (next === null)
      return {
        ok: false,
        message: `Can't read the $filter after "${text.slice(index, value.end)}": join terms with 'and'.`,
      };
    index = next;
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
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The UTC instant of a calendar date and time, or null when any field is out of its range (month 99, February 30, 13 PM). */
function utcInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | null {
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exact =
    instant.getUTCFullYear() === year &&
    instant.getUTCMonth() === month - 1 &&
    instant.getUTCDate() === day &&
    instant.getUTCHours() === hour &&
    instant.getUTCMinutes() === minute &&
    instant.getUTCSeconds() === second;
  return exact && isInstantInRange(instant) ? instant : null;
}

/**
 * An instant from Azure's `2026-11-20 10:00:00 AM` (UTC, 12-hour clock; `00:00:00 AM` is midnight) or
 * ISO 8601; null if neither, or if it names no real time of years 1900–9999.
 */
export function parseArmFilterTime(value: string): Date | null {
  const text = value.trim();
  const match = AZURE_TIME.exec(text);
  if (match) {
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
    if (hour > 12) return null;
    return utcInstant(year, month, day, (hour % 12) + (match[7].toUpperCase() === "PM" ? 12 : 0), minute, second);
  }
  const date = ISO_DATE.exec(text);
  // JavaScript's parser rolls February 30 over to March: the date must exist as written.
  if (!date || !utcInstant(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) || !isInstantInRange(instant) ? null : instant;
}

/** ISO 8601 duration of a span, as Azure's job `duration` (PT1H2M3.5S). */
export function isoDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, milliseconds) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 1000) / 1000;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds || (!hours && !minutes) ? `${seconds}S` : ""}`;
}
