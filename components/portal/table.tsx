import Link from "next/link";
import type { ReactNode } from "react";
import { SortAscendingIcon, SortDescendingIcon } from "@/components/icons";
import { counted } from "@/lib/domain/format/count";
import { nextSort, type Sort, type SortDirection, sortParam } from "@/lib/domain/sorting";

/** A header that sorts its column: a link to the list sorted by it, and how the list is sorted now. */
export type SortableHeader = { label: string; href: string; sorted: SortDirection | null };

const isSortable = (header: ReactNode | SortableHeader): header is SortableHeader =>
  typeof header === "object" && header !== null && "href" in header && "sorted" in header;

export function DataTable({
  label,
  headers,
  children,
}: {
  label: string;
  headers: Array<ReactNode | SortableHeader>;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-[13px]">
        <thead>
          <tr className="border-b border-border-strong">
            {headers.map((header, index) => (
              <th
                key={index}
                scope="col"
                aria-sort={isSortable(header) ? (header.sorted ?? "none") : undefined}
                className="whitespace-nowrap px-2 py-2 font-semibold"
              >
                {isSortable(header) ? (
                  <Link href={header.href} scroll={false} className="inline-flex items-center gap-1 hover:underline">
                    {header.label}
                    {header.sorted === "ascending" ? (
                      <SortAscendingIcon />
                    ) : header.sorted === "descending" ? (
                      <SortDescendingIcon />
                    ) : null}
                  </Link>
                ) : (
                  header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Row({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <tr className={`border-b border-divider hover:bg-surface-muted ${className}`}>{children}</tr>;
}

export function Cell({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <td className={`px-2 py-2 align-middle ${className}`}>{children}</td>;
}

/** Previous / next page links that keep the other query parameters. */
export function Pagination({
  page,
  pageCount,
  total,
  hrefFor,
  noun,
}: {
  page: number;
  pageCount: number;
  total: number;
  hrefFor: (page: number) => string;
  noun: string;
}) {
  const linkClass = "rounded-sm border border-border px-2 py-1 hover:bg-surface-muted";
  const disabledClass = "rounded-sm border border-divider px-2 py-1 text-text-disabled";
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-[12px] text-text-secondary">
      <span>
        {counted(total, noun)} · page {page} of {pageCount}
      </span>
      {page > 1 ? (
        <Link className={linkClass} href={hrefFor(page - 1)}>
          Previous
        </Link>
      ) : (
        <span className={disabledClass}>Previous</span>
      )}
      {page < pageCount ? (
        <Link className={linkClass} href={hrefFor(page + 1)}>
          Next
        </Link>
      ) : (
        <span className={disabledClass}>Next</span>
      )}
    </nav>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div
      role="status"
      className="flex flex-col items-center gap-2 border border-dashed border-border px-6 py-10 text-center"
    >
      <p className="text-[14px] font-semibold">{title}</p>
      {children ? <div className="max-w-md text-text-secondary">{children}</div> : null}
    </div>
  );
}

/**
 * The headers of a list sorted by `sort`: each sortable column links to the list sorted by it
 * (`hrefFor` keeps the other parameters and starts again on the first page).
 */
export function sortableHeaders<Column extends string>(
  columns: Array<{ label: string; column?: Column; first?: SortDirection }>,
  sort: Sort<Column>,
  hrefFor: (sortParameter: string) => string,
): Array<string | SortableHeader> {
  return columns.map(({ label, column, first }) =>
    column
      ? {
          label,
          href: hrefFor(sortParam(nextSort(sort, column, first))),
          sorted: sort.column === column ? sort.direction : null,
        }
      : label,
  );
}
