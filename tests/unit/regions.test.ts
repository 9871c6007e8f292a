import { describe, expect, it } from "vitest";
import { REGIONS, regionLabel, regionNamed } from "@/lib/domain/azure/resources";

describe("Azure regions", () => {
  it("are every region of the public cloud, West US and East Asia as much as West Europe", () => {
    expect(Object.keys(REGIONS).length).toBeGreaterThanOrEqual(59);
    expect(REGIONS).toMatchObject({
      westus: "West US",
      eastasia: "East Asia",
      brazilsouth: "Brazil South",
      westeurope: "West Europe",
      newzealandnorth: "New Zealand North",
      uaenorth: "UAE North",
    });
  });

  it("are named by their programmatic name or their display name, as ARM reads them", () => {
    for (const [name, display] of Object.entries(REGIONS)) {
      expect(regionNamed(name)).toBe(name);
      expect(regionNamed(display)).toBe(name);
      expect(regionNamed(display.toUpperCase())).toBe(name);
    }
    expect(["moon", "", "constructor", "usgovvirginia", "chinanorth"].map(regionNamed)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("read by their display name, and an unknown one as it is", () => {
    expect(regionLabel("westus")).toBe("West US");
    expect(regionLabel("southafricanorth")).toBe("South Africa North");
    expect(regionLabel("moon")).toBe("moon");
  });
});
