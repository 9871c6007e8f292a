// Sorting a list by a column, kept in the address as Azure's lists keep theirs in the view:
// ?sort=name (ascending) or ?sort=-name (descending).

export type SortDirection = "ascending" | "descending";
export type Sort<Column extends string> = { column: Column; direction: SortDirection };

/** The sort the address asks for, when it names a sortable column; else the list's own. */
export function sortOf<Column extends string>(
  value: string | undefined,
  columns: readonly Column[],
  fallback: Sort<Column>,
): Sort<Column> {
  const descending = value?.startsWith("-") ?? false;
  const column = columns.find((candidate) => candidate === (descending ? value!.slice(1) : value));
  return column ? { column, direction: descending ? "descending" : "ascending" } : fallback;
}

/** The address's form of a sort. */
export function sortParam(sort: Sort<string>): string {
  return sort.direction === "descending" ? `-${sort.column}` : sort.column;
}

/** What a column header's click asks for: the other direction on the sorted column, else that column from `first`. */
export function nextSort<Column extends string>(
  current: Sort<Column>,
  column: Column,
  first: SortDirection = "ascending",
): Sort<Column> {
  if (current.column !== column) return { column, direction: first };
  return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

/** Prisma's word for a direction. */
export const prismaOrder = (direction: SortDirection): "asc" | "desc" => (direction === "ascending" ? "asc" : "desc");

/**
 * The groups a column's rows fall in, in the order of the labels the list shows for them: how the list sorts a column
 * the databases can't order alike. An enum (SQLite orders its text, PostgreSQL its declaration order), or a label
 * made of several fields; docs/decisions/0015-lists-sort-by-what-a-column-shows.md.
 */
export function inLabelOrder<Value, Group>(
  values: readonly Value[],
  label: (value: Value) => string,
  group: (value: Value) => Group,
): Group[] {
  return values
    .map((value) => ({ label: label(value), group: group(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"))
    .map((entry) => entry.group);
}
