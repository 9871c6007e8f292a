// The columns a list shows, kept in the address as its sort (sorting.ts): ?columns=name,status names
// the shown ones; without it (or naming none of the list's), the list shows them all.

/** The list's columns that `value` names, in the list's order, with the ones it always shows. */
export function shownColumns<Column extends string>(
  value: string | undefined,
  columns: readonly Column[],
  required: readonly Column[] = [],
): Column[] {
  const named = new Set(value?.split(","));
  if (!columns.some((column) => named.has(column))) return [...columns];
  return columns.filter((column) => named.has(column) || required.includes(column));
}

/** The address's form of the shown columns (with the ones always shown): none when the list shows them all. */
export function columnsParam<Column extends string>(
  shown: readonly string[],
  columns: readonly Column[],
  required: readonly Column[] = [],
): string {
  const kept = columns.filter((column) => shown.includes(column) || required.includes(column));
  return kept.length === columns.length ? "" : kept.join(",");
}
