/** A page's searchParams as Next.js gives them: a name repeated in the URL comes as an array. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One value per name (the first), as the list pages' filter forms send them. */
export async function queryOf(searchParams: Promise<SearchParams>): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}
