import { describe, expect, it } from "vitest";
import { nextSort, sortOf, sortParam } from "@/lib/domain/sorting";

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
