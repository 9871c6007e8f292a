import { describe, expect, it } from "vitest";
import {
  describeVmRestore,
  previousDiskCopiesOf,
  restoredDisksOf,
  restoreTier,
  VM_RESTORE_TYPES,
  vmRestoreRefusal,
  vmRestoreSubTasks,
} from "@/lib/domain/restore/vm-restore";

const NOW = new Date("2026-11-28T09:30:00Z");
const HOUR = 3_600_000;

describe("restoreTier", () => {
  it("reads the snapshot while it lasts (Instant restore), then the vault", () => {
    const point = { inSnapshotTier: true, inVaultTier: true };
    expect(restoreTier({ ...point, snapshotExpiresAt: new Date(NOW.getTime() + HOUR) }, NOW)).toBe("snapshot");
    expect(restoreTier({ ...point, snapshotExpiresAt: NOW }, NOW)).toBe("vault");
    expect(restoreTier({ ...point, snapshotExpiresAt: null }, NOW)).toBe("snapshot");
  });

  it("has nothing to read from a point whose snapshot expired before it reached the vault", () => {
    const point = { inSnapshotTier: true, inVaultTier: false, snapshotExpiresAt: new Date(NOW.getTime() - HOUR) };
    expect(restoreTier(point, NOW)).toBeNull();
  });
});

describe("vmRestoreRefusal", () => {
  it("asks to undelete a soft-deleted item first, whatever the restore type", () => {
    for (const type of VM_RESTORE_TYPES)
      expect(vmRestoreRefusal({ softDeleted: true, vmDeleted: false }, type)?.message).toContain("undelete it first");
  });

  it("refuses only Replace existing for a deleted VM: it can still be restored as a new one or as disks", () => {
    expect(vmRestoreRefusal({ softDeleted: false, vmDeleted: true }, "ReplaceDisks")?.code).toBe(
      "UserErrorVmNotFoundForReplaceDisks",
    );
    expect(vmRestoreRefusal({ softDeleted: false, vmDeleted: true }, "CreateVirtualMachine")).toBeNull();
    expect(vmRestoreRefusal({ softDeleted: false, vmDeleted: true }, "RestoreDisks")).toBeNull();
    expect(vmRestoreRefusal({ softDeleted: false, vmDeleted: false }, "ReplaceDisks")).toBeNull();
  });
});

describe("what a restore makes", () => {
  it("names disks after the VM and the restore's minute, and its sub-tasks after the type", () => {
    expect(restoredDisksOf("app-01", 128, NOW)).toEqual([
      { name: "app-01-osdisk-restored-20261128-0930", sizeGb: 128 },
    ]);
    expect(previousDiskCopiesOf("app-01", 128, NOW)).toEqual([
      { name: "app-01-osdisk-before-restore-20261128-0930", sizeGb: 128 },
    ]);
    expect(vmRestoreSubTasks("ReplaceDisks").map((task) => task.name)).toEqual(["Transfer data", "Replace disks"]);
  });

  it("describes a finished Create new for the job's details", () => {
    const rows = describeVmRestore({
      kind: "AzureIaasVM",
      recoveryPoint: { id: "p1", time: NOW.toISOString(), tier: "snapshot" },
      source: {
        vmName: "app-01",
        resourceGroup: "rg-app",
        subscriptionId: "s",
        location: "westeurope",
        osType: "Linux",
      },
      target: {
        type: "CreateVirtualMachine",
        vmName: "app-01b",
        resourceGroup: "rg-new",
        virtualNetwork: "vnet1",
        subnet: "default",
        stagingLocation: "staging01",
      },
      outcome: { restoredDisks: restoredDisksOf("app-01b", 64, NOW) },
    });
    expect(Object.fromEntries(rows.map((row) => [row.label, row.value]))).toEqual({
      "Restore type": "Create new virtual machine",
      "Restored from": "Snapshot (Instant restore)",
      "Source virtual machine": "app-01 (rg-app)",
      "Target virtual machine": "app-01b",
      "Target resource group": "rg-new",
      "Virtual network / subnet": "vnet1 / default",
      "Staging location": "staging01",
      "Restored disks": "app-01b-osdisk-restored-20261128-0930 (64 GB)",
    });
  });
});
