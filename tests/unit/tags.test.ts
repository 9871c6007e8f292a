import { describe, expect, it } from "vitest";
import { describeTags, tagsOf } from "@/lib/domain/azure/tags";
import { TAG_LIMITS, tagsSchema } from "@/lib/schemas/vault";

const messagesOf = (tags: unknown) => tagsSchema.safeParse(tags).error?.issues.map((issue) => issue.message) ?? [];

describe("resource tags, by Azure's rules", () => {
  it("accepts name-value pairs, empty values and no tags at all", () => {
    expect(messagesOf({ env: "production", "cost-center": "", "Owner Team": "ops" })).toEqual([]);
    expect(messagesOf({})).toEqual([]);
  });

  it("refuses each name Azure refuses, saying which and why", () => {
    for (const character of ["<", ">", "%", "&", "\\", "?", "/"])
      expect(messagesOf({ [`cost${character}center`]: "42" })).toEqual([
        `'cost${character}center': A tag name can't contain < > % & \\ ? or /.`,
      ]);
    expect(messagesOf({ " env": "x" })[0]).toContain("doesn't start or end with a space");
    expect(messagesOf({ "": "x" })[0]).toContain("needs a name");
    expect(messagesOf({ ["n".repeat(TAG_LIMITS.nameLength + 1)]: "x" })[0]).toContain("at most 512 characters");
  });

  it("compares names without case, limits values to 256 characters and a resource to 50 tags", () => {
    expect(messagesOf({ Env: "a", env: "b" })).toEqual(["'env': tag names are compared without case, each name once."]);
    expect(messagesOf({ env: "v".repeat(TAG_LIMITS.valueLength + 1) })).toEqual([
      "A tag value has at most 256 characters.",
    ]);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`tag${index}`, "x"]));
    expect(messagesOf(fifty)).toEqual([]);
    expect(messagesOf({ ...fifty, one: "more" })).toEqual(["A resource has at most 50 tags."]);
  });

  it("reads stored tags (anything but an object of text is none) and writes them as Essentials does", () => {
    expect(tagsOf(null)).toEqual({});
    expect(tagsOf(["env"])).toEqual({});
    expect(tagsOf({ env: "prod", count: 3 })).toEqual({ env: "prod" });
    expect(describeTags({ env: "prod", owner: "ops" })).toBe("env : prod, owner : ops");
    expect(describeTags({})).toBe("none");
  });
});
