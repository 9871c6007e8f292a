// Takes a backup's data to the vault. Simulated for now: a real mover for files and folders comes later.
import type { JobError } from "@/lib/domain/jobs/errors";

export type TransferOutcome = "completed" | "cancelled" | { failed: JobError };

/** Which backup the mover works on: the item, and the instant the backup was scheduled or requested. */
export type BackupContext = { itemName: string; backupManagementType: "AzureIaasVM" | "MAB"; at: Date };

export type TransferRequest = {
  backup: BackupContext;
  bytes: number;
  onProgress: (bytesTransferred: number) => Promise<void>;
  /** Whether the job was cancelled meanwhile: the transfer stops early when it says so. */
  cancelled: () => Promise<boolean>;
};

export interface DataMover {
  /** Takes an Azure VM's snapshot; the error when it fails. */
  snapshot(backup: BackupContext): Promise<JobError | null>;
  transfer(request: TransferRequest): Promise<TransferOutcome>;
}

const snapshotSucceeds = async () => null;

/** Finishes at once: for tests and simulations under a virtual clock. */
export const instantMover: DataMover = {
  snapshot: snapshotSucceeds,
  async transfer({ bytes, onProgress }) {
    await onProgress(bytes);
    return "completed";
  },
};

/** Takes bytes ÷ throughput seconds in real time, reporting progress every `stepMs`. */
export function simulatedMover(bytesPerSecond: number, stepMs = 1000): DataMover {
  return {
    snapshot: snapshotSucceeds,
    async transfer({ bytes, onProgress, cancelled }) {
      let transferred = 0;
      while (transferred < bytes) {
        await new Promise((resolve) => setTimeout(resolve, stepMs));
        if (await cancelled()) return "cancelled";
        transferred = Math.min(bytes, transferred + (bytesPerSecond * stepMs) / 1000);
        await onProgress(transferred);
      }
      return "completed";
    },
  };
}
