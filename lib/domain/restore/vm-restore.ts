// Restore VM, as Azure's portal offers it (docs/azure-backup-semantics.md §2a): from a
// recovery point, Create new (a new virtual machine, or only its disks) or Replace existing (the
// VM's disks, its current ones kept as copies). VMs are simulated: what a restore makes is recorded
// (a VM in the inventory, disk names), and its duration follows the simulated throughput, faster
// from the snapshot tier ("Instant restore") than from the vault.
import type { SubTask } from "@/lib/domain/jobs/display";

export const VM_RESTORE_TYPES = ["CreateVirtualMachine", "RestoreDisks", "ReplaceDisks"] as const;
export type VmRestoreType = (typeof VM_RESTORE_TYPES)[number];

export const VM_RESTORE_TYPE_LABELS: Record<VmRestoreType, string> = {
  CreateVirtualMachine: "Create new virtual machine",
  RestoreDisks: "Restore disks",
  ReplaceDisks: "Replace disk/s",
};

/** Azure's IaasVMRestoreRequest.recoveryType of each restore type. */
export const AZURE_RECOVERY_TYPES: Record<VmRestoreType, "AlternateLocation" | "RestoreDisks" | "OriginalLocation"> = {
  CreateVirtualMachine: "AlternateLocation",
  RestoreDisks: "RestoreDisks",
  ReplaceDisks: "OriginalLocation",
};

/** Where a restore goes: the portal's "Restore Configuration" fields of each type. */
export type VmRestoreTarget =
  | {
      type: "CreateVirtualMachine";
      vmName: string;
      resourceGroup: string;
      virtualNetwork: string;
      subnet: string;
      stagingLocation: string;
    }
  | { type: "RestoreDisks"; resourceGroup: string; stagingLocation: string }
  | { type: "ReplaceDisks"; stagingLocation: string };

export type RestoreTier = "snapshot" | "vault";

export type RestoredDisk = { name: string; sizeGb: number };

/** What a finished restore made. */
export type VmRestoreOutcome = {
  /** Create new virtual machine: the VM added to the inventory. */
  createdVirtualMachine?: { id: string; name: string; resourceGroup: string };
  /** Create new virtual machine and Restore disks: the disks made from the point. */
  restoredDisks?: RestoredDisk[];
  /** Replace disk/s: the VM's disks before the restore, kept as copies. */
  previousDiskCopies?: RestoredDisk[];
};

/** Job.restoreDetails of a VM restore: the request as it was made, and its outcome once done. */
export type VmRestoreDetails = {
  kind: "AzureIaasVM";
  recoveryPoint: { id: string; time: string; tier: RestoreTier };
  source: { vmName: string; resourceGroup: string; subscriptionId: string; location: string; osType: string };
  target: VmRestoreTarget;
  outcome?: VmRestoreOutcome;
};

/**
 * The tier a restore reads: the snapshot tier while the point still has its snapshot (Instant
 * restore), else the vault.
 */
export function restoreTier(
  point: { inSnapshotTier: boolean; snapshotExpiresAt: Date | null; inVaultTier: boolean },
  now: Date,
): RestoreTier | null {
  if (point.inSnapshotTier && (point.snapshotExpiresAt === null || point.snapshotExpiresAt > now)) return "snapshot";
  return point.inVaultTier ? "vault" : null;
}

/** Reading a snapshot next to the disks takes a fraction of a transfer from the vault. */
export const SNAPSHOT_TIER_SPEEDUP = 4;

/** Why the restore can't be made from this item, or null: Azure's rules of the restore blade. */
export function vmRestoreRefusal(
  item: { softDeleted: boolean; vmDeleted: boolean },
  type: VmRestoreType,
): { code: string; message: string } | null {
  if (item.softDeleted)
    return {
      code: "UserErrorInvalidProtectionState",
      message: "The item is soft-deleted; undelete it first, then restore from its recovery points.",
    };
  if (type === "ReplaceDisks" && item.vmDeleted)
    return {
      code: "UserErrorVmNotFoundForReplaceDisks",
      message:
        "Replace existing needs the original virtual machine, and it doesn't exist anymore. Restore to a new virtual machine (Create new) or restore its disks instead.",
    };
  return null;
}

export function vmRestoreSubTasks(type: VmRestoreType): SubTask[] {
  const last = {
    CreateVirtualMachine: "Create virtual machine",
    RestoreDisks: "Create disks",
    ReplaceDisks: "Replace disks",
  };
  return [
    { name: "Transfer data", status: "NotStarted", progressPercent: 0 },
    { name: last[type], status: "NotStarted", progressPercent: 0 },
  ];
}

/** "20261128-0930": the restore's instant in disk names, as Azure stamps restored disks. */
function stamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 16).replace(":", "")}`;
}

/** The disks a restore of `vmName` makes at `at` (the simulated VM has one OS disk of its size). */
export function restoredDisksOf(vmName: string, sizeGb: number, at: Date): RestoredDisk[] {
  return [{ name: `${vmName}-osdisk-restored-${stamp(at)}`, sizeGb }];
}

/** The copies Replace disk/s keeps of the disks it replaces. */
export function previousDiskCopiesOf(vmName: string, sizeGb: number, at: Date): RestoredDisk[] {
  return [{ name: `${vmName}-osdisk-before-restore-${stamp(at)}`, sizeGb }];
}

/** The restore's facts for the job's details, as label and value rows. */
export function describeVmRestore(details: VmRestoreDetails): Array<{ label: string; value: string }> {
  const { target, outcome } = details;
  const rows = [
    { label: "Restore type", value: VM_RESTORE_TYPE_LABELS[target.type] },
    {
      label: "Restored from",
      value: details.recoveryPoint.tier === "snapshot" ? "Snapshot (Instant restore)" : "Vault",
    },
    { label: "Source virtual machine", value: `${details.source.vmName} (${details.source.resourceGroup})` },
  ];
  if (target.type === "CreateVirtualMachine")
    rows.push(
      { label: "Target virtual machine", value: target.vmName },
      { label: "Target resource group", value: target.resourceGroup },
      { label: "Virtual network / subnet", value: `${target.virtualNetwork} / ${target.subnet}` },
    );
  if (target.type === "RestoreDisks") rows.push({ label: "Target resource group", value: target.resourceGroup });
  rows.push({ label: "Staging location", value: target.stagingLocation });
  const disks = (list: RestoredDisk[]) => list.map((disk) => `${disk.name} (${disk.sizeGb} GB)`).join(", ");
  if (outcome?.restoredDisks) rows.push({ label: "Restored disks", value: disks(outcome.restoredDisks) });
  if (outcome?.previousDiskCopies)
    rows.push({ label: "Copies of the replaced disks", value: disks(outcome.previousDiskCopies) });
  return rows;
}
