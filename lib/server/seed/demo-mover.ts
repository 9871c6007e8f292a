// The data mover behind the demo's history: it takes virtual time (by size and throughput) and
// fails now and then the way Azure backups do. Outcomes depend only on the item and the backup's
// instant, so the demo estate is the same every time it is seeded.
import { createHash } from "node:crypto";
import { JOB_ERRORS } from "@/lib/domain/jobs/errors";
import type { VirtualClock } from "@/lib/server/engine/clock";
import type { BackupContext, DataMover } from "@/lib/server/engine/data-mover";

const MINUTE = 60_000;

/** A number in [0, 1) fixed by the backup and a salt. */
function roll(backup: BackupContext, salt: string): number {
  return (
    createHash("sha1").update(`${backup.itemName}|${backup.at.toISOString()}|${salt}`).digest().readUInt32BE(0) /
    2 ** 32
  );
}

export function demoMover(clock: VirtualClock, bytesPerSecond = 200 * 1024 * 1024): DataMover {
  return {
    async snapshot(backup) {
      clock.advance(MINUTE + Math.floor(roll(backup, "snapshot-time") * 2 * MINUTE));
      const failure = roll(backup, "failure");
      if (failure < 0.025) return JOB_ERRORS.vmAgentUnavailable;
      if (failure < 0.05) return JOB_ERRORS.snapshotNoNetwork;
      return null;
    },
    async transfer({ backup, bytes, onProgress }) {
      const failure = roll(backup, "failure");
      if (backup.backupManagementType === "MAB" && failure < 0.05) {
        clock.advance(2 * MINUTE);
        return { failed: JOB_ERRORS.marsScratch };
      }
      clock.advance(Math.round((bytes / bytesPerSecond) * 1000) + Math.floor(roll(backup, "transfer-time") * MINUTE));
      if (backup.backupManagementType === "AzureIaasVM" && failure > 0.97)
        return { failed: JOB_ERRORS.transferTimedOut };
      await onProgress(bytes);
      return "completed";
    },
  };
}
