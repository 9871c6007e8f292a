import { describe, expect, it } from "vitest";
import { columnsParam, shownColumns } from "@/lib/domain/columns";
import { listHref } from "@/lib/domain/list-address";

const COLUMNS = ["name", "operation", "status", "duration"] as const;
const REQUIRED = ["name"] as const;

describe("a list's address", () => {
  it("changes the parameters asked for and keeps the others; an empty value leaves its parameter out", () => {
    const query = { status: "Failed", sort: "-name", columns: "name,status" };
    expect(listHref("/jobs", query, { status: "Completed" })).toBe(
      "/jobs?status=Completed&sort=-name&columns=name%2Cstatus",
    );
    expect(listHref("/jobs", query, { status: "", range: "7d" })).toBe(
      "/jobs?sort=-name&columns=name%2Cstatus&range=7d",
    );
    expect(listHref("/jobs", { status: "" })).toBe("/jobs");
  });
});

describe("a list's columns in the address", () => {
  it("shows the columns named, in the list's order, with the ones always shown", () => {
    expect(shownColumns("status,operation", COLUMNS, REQUIRED)).toEqual(["name", "operation", "status"]);
    expect(shownColumns("duration,size", COLUMNS, REQUIRED)).toEqual(["name", "duration"]);
  });

  it("shows them all without a choice, or when the address names none of them", () => {
    for (const value of [undefined, "", ",", "size", "Name"])
      expect(shownColumns(value, COLUMNS, REQUIRED)).toEqual(COLUMNS);
  });

  it("writes the choice back as it reads it, and leaves it out when every column shows", () => {
    expect(columnsParam(["status", "name"], COLUMNS, REQUIRED)).toBe("name,status");
    expect(columnsParam(["status"], COLUMNS, REQUIRED)).toBe("name,status");
    expect(columnsParam([], COLUMNS, REQUIRED)).toBe("name");
    expect(columnsParam([...COLUMNS], COLUMNS, REQUIRED)).toBe("");
    for (const shown of [["name", "status"], ["name"], ["name", "operation", "duration"]])
      expect(shownColumns(columnsParam(shown, COLUMNS, REQUIRED), COLUMNS, REQUIRED)).toEqual(shown);
  });
});
