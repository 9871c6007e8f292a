import { describe, expect, it } from "vitest";
import { changeFieldLabel, changeValueText } from "@/lib/domain/activity/changes";

const BERLIN = { timeZone: "Europe/Berlin", names: {} };

describe("the activity log's changes in words", () => {
  it("names fields in words, an id field by what it refers to", () => {
    expect(changeFieldLabel("softDeleteRetentionDays")).toBe("Soft delete retention days");
    expect(changeFieldLabel("protectionState")).toBe("Protection state");
    expect(changeFieldLabel("policyId")).toBe("Policy");
    expect(changeFieldLabel("retainUntil")).toBe("Retain backup till");
    expect(changeFieldLabel("location")).toBe("Region");
  });

  it("shows enums in Azure's display words and regions by their display names", () => {
    expect(changeValueText("protectionState", "ProtectionStopped", BERLIN)).toBe("Protection stopped");
    expect(changeValueText("protectionState", "IRPending", BERLIN)).toBe("Initial backup pending");
    expect(changeValueText("storageRedundancy", "GeoRedundant", BERLIN)).toBe("Geo-redundant (GRS)");
    expect(changeValueText("location", "westeurope", BERLIN)).toBe("West Europe");
    expect(changeValueText("status", "Cancelled", BERLIN)).toBe("Cancelled");
    expect(changeValueText("status", "Cancelling", BERLIN)).toBe("Cancelling");
    expect(changeValueText("role", "Contributor", BERLIN)).toBe("Backup Contributor");
    expect(changeValueText("severities", ["Sev0", "Sev1"], BERLIN)).toBe("Sev0 · Critical, Sev1 · Error");
    // A value no label map knows reads as recorded.
    expect(changeValueText("protectionState", "SomethingNew", BERLIN)).toBe("SomethingNew");
    expect(changeValueText("reason", "Decommissioned", BERLIN)).toBe("Decommissioned");
  });

  it("shows recorded instants in the viewer's zone, not as UTC ISO strings", () => {
    expect(changeValueText("retainUntil", "2026-11-26T17:30:00.000Z", BERLIN)).toBe("11/26/2026, 6:30 PM GMT+1");
    expect(changeValueText("retainUntil", "2026-11-26T17:30:00.000Z", { ...BERLIN, timeZone: "UTC" })).toBe(
      "11/26/2026, 5:30 PM UTC",
    );
  });

  it("shows ids by the names the log's reader resolved, and nothing, yes/no and objects in words", () => {
    const context = { timeZone: "UTC", names: { cm4policy000001: "EnhancedPolicy" } };
    expect(changeValueText("policyId", "cm4policy000001", context)).toBe("EnhancedPolicy");
    expect(changeValueText("policyId", "cm4deleted00001", context)).toBe("cm4deleted00001");
    expect(changeValueText("policyId", null, context)).toBe("—");
    expect(changeValueText("alertsForAllJobFailures", true, context)).toBe("Yes");
    expect(changeValueText("softDeleteRetentionDays", 14, context)).toBe("14");
    expect(
      changeValueText(
        "target",
        { type: "CreateVirtualMachine", location: "eastus", vmName: "web-01-restored" },
        context,
      ),
    ).toBe("Restore type: Create new virtual machine; Region: East US; Virtual machine name: web-01-restored");
    // An id-looking name an object's prototype has is not a name.
    expect(changeValueText("policyId", "constructor", context)).toBe("constructor");
  });
});
