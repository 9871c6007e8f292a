// A list's address: its filters, sort, columns and page live in the query string, so a link, Refresh
// and the browser's Back show the same view.

/** `base` with the list's parameters `query` changed by `change`; an empty value leaves its parameter out. */
export function listHref(
  base: string,
  query: Record<string, string | undefined>,
  change: Record<string, string | undefined> = {},
): string {
  const search = new URLSearchParams(
    Object.entries({ ...query, ...change }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return search ? `${base}?${search}` : base;
}
