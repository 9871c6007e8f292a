// The Protected Servers list (Azure Backup Agent) as the portal sorts it.
import type { Sort } from "@/lib/domain/sorting";

/** Its sortable columns (not the figures read beside the database: items and storage); by name by default. */
export const SERVER_SORT_COLUMNS = ["name", "status", "agent", "registered"] as const;
export type ServerSortColumn = (typeof SERVER_SORT_COLUMNS)[number];
export const DEFAULT_SERVER_SORT: Sort<ServerSortColumn> = { column: "name", direction: "ascending" };
