// Reading a list sorted by one of its columns, in the same order on SQLite and PostgreSQL.
import { prismaOrder, type SortDirection } from "@/lib/domain/sorting";

/**
 * How the database orders a sortable column: by a field (Prisma's orderBy in a direction), or group by group, the
 * groups in the order the list shows them ascending (inLabelOrder) and between them holding every row: an enum, whose
 * order the databases don't share, or a label made of several fields.
 */
export type ColumnOrder<Where, OrderBy> =
  { orderBy: (order: "asc" | "desc") => OrderBy } | { groups: readonly Where[] };

/**
 * A list's rows sorted by a column, then by `tiebreak` (ending on a unique field, so pages never overlap): one page,
 * or every row. A column of groups is read group by group, counting only the groups that end before the page.
 */
export async function findSorted<Where extends object, OrderBy, Row>(
  find: (args: { where: Where; orderBy: OrderBy[]; skip: number; take?: number }) => Promise<Row[]>,
  query: {
    where: Where;
    column: ColumnOrder<Where, OrderBy>;
    direction: SortDirection;
    tiebreak: OrderBy[];
    page?: { skip: number; take: number; count: (where: Where) => Promise<number> };
  },
): Promise<Row[]> {
  const { where, column, direction, tiebreak, page } = query;
  if ("orderBy" in column) {
    const orderBy = [column.orderBy(prismaOrder(direction)), ...tiebreak];
    return find({ where, orderBy, skip: page?.skip ?? 0, take: page?.take });
  }
  const groups = direction === "ascending" ? column.groups : column.groups.toReversed();
  const rows: Row[] = [];
  let skip = page?.skip ?? 0;
  for (const group of groups) {
    const take = page ? page.take - rows.length : undefined;
    if (take === 0) break;
    // Both conditions: the list's filter may name the sorted field too.
    const within = { AND: [where, group] } as Where;
    if (page && skip > 0) {
      const size = await page.count(within);
      if (size <= skip) {
        skip -= size;
        continue;
      }
    }
    rows.push(...(await find({ where: within, orderBy: tiebreak, skip, take })));
    skip = 0;
  }
  return rows;
}
