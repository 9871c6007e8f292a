// The top bar's search across what the user can see, as Azure's global search groups it.

export const SEARCH_KINDS = ["Recovery Services vault", "Backup item", "Backup policy"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchResult = { kind: SearchKind; name: string; detail: string; href: string };

/** Results per kind: the search is a way in, not a list. */
export const SEARCH_RESULTS_PER_KIND = 5;
