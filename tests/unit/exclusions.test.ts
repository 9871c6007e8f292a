import { describe, expect, it } from "vitest";
import {
  describeExclusions,
  excludedFileTypeSchema,
  exclusionsOf,
  exclusionsSchema,
  MAX_EXCLUDED_FILE_TYPES,
  MAX_EXCLUDED_FOLDERS,
} from "@/lib/domain/agent/exclusions";
import { fieldErrorsOf } from "@/lib/server/result";

const FILE_TYPE_FORMAT = "Enter an extension such as .tmp: 1 to 20 letters, digits, _ or -.";

function errorsOf(input: unknown) {
  const parsed = exclusionsSchema.safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
}

describe("file types to exclude", () => {
  it.each([
    [".tmp", ".tmp"],
    ["tmp", ".tmp"],
    ["*.tmp", ".tmp"],
    ["  *.ISO ", ".iso"],
    ["tar_gz-1", ".tar_gz-1"],
    ["a".repeat(20), `.${"a".repeat(20)}`],
  ])("takes %j as %j", (typed, stored) => {
    expect(excludedFileTypeSchema.parse(typed)).toBe(stored);
  });

  it.each([
    "",
    ".",
    "*.",
    "*",
    "*.*",
    "**.tmp",
    "*tmp",
    ".t?p",
    "t*p",
    "..tmp",
    "tar.gz",
    "docs/x",
    "a b",
    "é",
    "a".repeat(21),
    42,
    null,
  ])("refuses %j", (typed) => {
    const parsed = excludedFileTypeSchema.safeParse(typed);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe(FILE_TYPE_FORMAT);
  });
});

describe("exclusion settings", () => {
  it("takes absolute folders and file types, normalising the types", () => {
    expect(exclusionsSchema.parse({ folders: ["/srv/data/cache", "/var/tmp"], fileTypes: ["*.TMP", "iso"] })).toEqual({
      folders: ["/srv/data/cache", "/var/tmp"],
      fileTypes: [".tmp", ".iso"],
    });
    expect(exclusionsSchema.parse({ folders: [], fileTypes: [] })).toEqual({ folders: [], fileTypes: [] });
  });

  it("refuses each bad entry at its place, with the field's message", () => {
    expect(errorsOf({ folders: ["srv/cache", "/srv/../etc", "/", "/srv/ok"], fileTypes: [".tmp", "*.t*p"] })).toEqual({
      "folders.0": ["Enter an absolute path such as /srv/data."],
      "folders.1": ["Enter an absolute path such as /srv/data."],
      "folders.2": ["Excluding / leaves nothing to back up: choose a folder under it."],
      "fileTypes.1": [FILE_TYPE_FORMAT],
    });
  });

  it("refuses an entry given twice where it repeats, file types whatever their spelling", () => {
    expect(errorsOf({ folders: ["/srv/cache", "/tmp", "/srv/cache"], fileTypes: ["tmp", "*.TMP", ".iso"] })).toEqual({
      "folders.2": ["/srv/cache is excluded already."],
      "fileTypes.1": [".tmp is excluded already."],
    });
  });

  it("takes at most 100 of each", () => {
    const folders = Array.from({ length: MAX_EXCLUDED_FOLDERS + 1 }, (_, index) => `/srv/${index}`);
    const fileTypes = Array.from({ length: MAX_EXCLUDED_FILE_TYPES + 1 }, (_, index) => `.t${index}`);
    expect(errorsOf({ folders, fileTypes })).toEqual({
      folders: ["Exclude at most 100 folders."],
      fileTypes: ["Exclude at most 100 file types."],
    });
    expect(errorsOf({ folders: folders.slice(1), fileTypes: fileTypes.slice(1) })).toBeNull();
  });

  it("refuses what isn't two lists", () => {
    expect(errorsOf({ folders: "/srv/cache" })).toEqual({
      folders: ["Give the folders to exclude as a list."],
      fileTypes: ["Give the file types to exclude as a list."],
    });
  });
});

describe("exclusionsOf", () => {
  it("reads the stored setting", () => {
    expect(exclusionsOf({ folders: ["/srv/cache"], fileTypes: [".tmp", "iso"] })).toEqual({
      folders: ["/srv/cache"],
      fileTypes: [".tmp", ".iso"],
    });
  });

  it.each([null, undefined, "garbage", 42, [], {}, { folders: null, fileTypes: {} }])(
    "reads %j as no exclusions",
    (stored) => {
      expect(exclusionsOf(stored)).toEqual({ folders: [], fileTypes: [] });
    },
  );

  it("keeps a valid list beside a damaged one", () => {
    expect(exclusionsOf({ folders: ["relative/path"], fileTypes: [".tmp"] })).toEqual({
      folders: [],
      fileTypes: [".tmp"],
    });
  });
});

describe("describeExclusions", () => {
  it.each([
    [{ folders: [], fileTypes: [] }, "None"],
    [{ folders: ["/a", "/b"], fileTypes: [".tmp", ".iso", ".bak"] }, "2 folders, 3 file types"],
    [{ folders: ["/a"], fileTypes: [] }, "1 folder"],
    [{ folders: [], fileTypes: [".tmp"] }, "1 file type"],
  ])("describes %j as %j", (exclusions, description) => {
    expect(describeExclusions(exclusions)).toBe(description);
  });
});
