import { describe, expect, it } from "vitest";
import { counted, plural } from "@/lib/domain/format/count";

describe("counted nouns", () => {
  it("say one for exactly one, and the regular plural otherwise", () => {
    expect(counted(1, "entry")).toBe("1 entry");
    expect(counted(8, "entry")).toBe("8 entries");
    expect(counted(0, "item")).toBe("0 items");
    expect(counted(2, "day")).toBe("2 days");
    expect(counted(1188, "month")).toBe("1,188 months");
    expect(counted(3, "backup item")).toBe("3 backup items");
  });

  it("pluralize a noun's last word by English's regular rules", () => {
    expect(["entry", "key", "day", "box", "match", "bus", "restore point"].map(plural)).toEqual([
      "entries",
      "keys",
      "days",
      "boxes",
      "matches",
      "buses",
      "restore points",
    ]);
  });
});
