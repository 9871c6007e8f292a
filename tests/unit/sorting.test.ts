import { describe, expect, it } from "vitest";
import { ALERT_TYPE_LABELS, ALERT_TYPES } from "@/lib/domain/alerts/alerts";
import { inLabelOrder, nextSort, sortOf, sortParam } from "@/lib/domain/sorting";
import { findSorted } from "@/lib/server/sorted-rows";
import { seededRandom } from "../seeded-random";

const COLUMNS = ["name", "status", "start"] as const;
const DEFAULT = { column: "start", direction: "descending" } as const;

describe("a list's sort in the address", () => {
  it("reads a sortable column, ascending or descending, and falls back to the list's own", () => {
    expect(sortOf("status", COLUMNS, DEFAULT)).toEqual({ column: "status", direction: "ascending" });
    expect(sortOf("-name", COLUMNS, DEFAULT)).toEqual({ column: "name", direction: "descending" });
    for (const unknown of [undefined, "", "-", "size", "--name", "name;drop"])
      expect(sortOf(unknown, COLUMNS, DEFAULT)).toEqual(DEFAULT);
  });

  it("writes it back as it reads it", () => {
    for (const value of ["status", "-status", "name", "-start"])
      expect(sortParam(sortOf(value, COLUMNS, DEFAULT))).toBe(value);
  });

  it("a header's click sorts by its column from its first direction, and turns the sorted one around", () => {
    expect(nextSort(DEFAULT, "name")).toEqual({ column: "name", direction: "ascending" });
    expect(nextSort({ column: "name", direction: "ascending" }, "start", "descending")).toEqual(DEFAULT);
    expect(nextSort(DEFAULT, "start")).toEqual({ column: "start", direction: "ascending" });
    expect(nextSort({ column: "start", direction: "ascending" }, "start")).toEqual(DEFAULT);
  });
});

describe("a column the databases can't order alike", () => {
  it("sorts its groups by the labels the list shows, equal labels in their given order", () => {
    // Alert types as the list reads them: neither their values' text (SQLite) nor their declaration (PostgreSQL).
    expect(inLabelOrder(ALERT_TYPES, (type) => ALERT_TYPE_LABELS[type], String)).toEqual([
      "BackupWarning", // Backup completed with warnings
      "CredentialsDeleted", // Backup credentials deleted
      "BackupFailure",
      "BackupOverdue",
      "DeleteBackupData",
      "RestoreFailure",
      "ServerDeleted",
      "ServerOffline",
      "SoftDeleteWeakened",
    ]);
    // As a reader sorts (not upper case first, as character codes do); a shared label keeps the given order.
    expect(inLabelOrder(["Backup", "archive"], String, String)).toEqual(["archive", "Backup"]);
    expect(inLabelOrder(["b2", "a", "b1"], (value) => value.slice(0, 1), String)).toEqual(["a", "b2", "b1"]);
  });

  // A table of rows in groups; `find` and `count` answer as the database would, within a group.
  type Row = { id: number; status: string };
  const random = seededRandom(18);
  const rows: Row[] = Array.from({ length: 47 }, (_, id) => ({
    id,
    status: ["New", "Closed", "Acknowledged"][Math.floor(random() * 3)],
  }));
  const groups = inLabelOrder(["New", "Closed", "Acknowledged"], String, (status) => ({ status }));
  type Where = { status?: string; AND?: [unknown, { status: string }] };
  function database() {
    const calls: string[] = [];
    const matching = (where: Where) => rows.filter((row) => !where.AND || row.status === where.AND[1].status);
    return {
      calls,
      find: async ({ where, skip, take }: { where: Where; orderBy: unknown[]; skip: number; take?: number }) => {
        calls.push(`find ${where.AND?.[1].status}`);
        return matching(where).slice(skip, take === undefined ? undefined : skip + take);
      },
      count: async (where: Where) => {
        calls.push(`count ${where.AND?.[1].status}`);
        return matching(where).length;
      },
    };
  }
  const expected = (direction: "ascending" | "descending") =>
    (direction === "ascending" ? groups : groups.toReversed()).flatMap((group) =>
      rows.filter((row) => row.status === group.status),
    );

  it("reads every page in the groups' order, ascending or descending, each group's rows in the list's own order", async () => {
    for (const direction of ["ascending", "descending"] as const) {
      for (const take of [1, 5, 10, 47, 60]) {
        const pages: Row[] = [];
        for (let skip = 0; skip < rows.length; skip += take) {
          const { find, count } = database();
          pages.push(
            ...(await findSorted(find, {
              where: {},
              column: { groups },
              direction,
              tiebreak: [],
              page: { skip, take, count },
            })),
          );
        }
        expect(pages).toEqual(expected(direction));
      }
      const { find } = database();
      expect(await findSorted(find, { where: {}, column: { groups }, direction, tiebreak: [] })).toEqual(
        expected(direction),
      );
    }
  });

  it("counts only the groups before the page, and reads no group after it", async () => {
    const first = database();
    await findSorted(first.find, {
      where: {},
      column: { groups },
      direction: "ascending",
      tiebreak: [],
      page: { skip: 0, take: 1, count: first.count },
    });
    expect(first.calls).toEqual(["find Acknowledged"]);
    const last = database();
    const lastPage = await findSorted(last.find, {
      where: {},
      column: { groups },
      direction: "ascending",
      tiebreak: [],
      page: { skip: rows.length - 1, take: 1, count: last.count },
    });
    expect(lastPage).toEqual(expected("ascending").slice(-1));
    expect(last.calls).toEqual(["count Acknowledged", "count Closed", "count New", "find New"]);
  });

  it("orders a field by the database, in the asked direction, then by the tiebreak", async () => {
    const orders: unknown[] = [];
    await findSorted(
      async (args: { orderBy: unknown[] }) => {
        orders.push(args.orderBy);
        return [];
      },
      {
        where: {},
        column: { orderBy: (order) => ({ name: order }) },
        direction: "descending",
        tiebreak: [{ id: "asc" }],
      },
    );
    expect(orders).toEqual([[{ name: "desc" }, { id: "asc" }]]);
  });
});
