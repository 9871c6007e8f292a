// Recover Data for files and folders, as Azure's agent wizard offers it (docs/azure-backup-semantics.md
// §2b): items of a recovery point go back to their original location or below another folder, and
// an item that exists there is kept beside the recovered one, overwritten, or left alone. The agent
// restores into a staging folder first (restic 0.14 always overwrites) and applies the choice when
// it moves each file into place; this module decides, the agent does.
import { counted } from "@/lib/domain/format/count";

export const CONFLICT_OPTIONS = ["CreateCopies", "Overwrite", "Skip"] as const;
export type ConflictOption = (typeof CONFLICT_OPTIONS)[number];

export const CONFLICT_OPTION_LABELS: Record<ConflictOption, string> = {
  CreateCopies: "Create copies so that you have both versions",
  Overwrite: "Overwrite existing versions with recovered versions",
  Skip: "Do not recover the items that already exist on the recovery destination",
};

/** What the recovery wrote, skipped and couldn't recover. */
export type FileRecoveryOutcome = {
  filesRecovered: number;
  bytesRecovered: number;
  copiesCreated: number;
  filesSkipped: number;
  failures: Array<{ item: string; message: string }>;
};

/** Job.restoreDetails of a files-and-folders recovery. */
export type FileRecoveryDetails = {
  kind: "MAB";
  recoveryPoint: { id: string; time: string; snapshotId: string };
  source: { serverName: string; path: string };
  /** Another server the files are recovered to (its agent holds the source server's passphrase); null: the item's server. */
  targetServer: string | null;
  /** Absolute paths of the recovered files and folders, at or below the item's folder. */
  items: string[];
  /** Null: the original location; else the folder the items are recovered below. */
  destination: string | null;
  conflict: ConflictOption;
  restoreAcls: boolean;
  outcome?: FileRecoveryOutcome;
};

/** Where a backed-up path is recovered: where it was, or the same path below the other location. */
export function recoveredPath(originalPath: string, destination: string | null): string {
  // Both are absolute POSIX paths (validated where they enter).
  return destination === null ? originalPath : `${destination.replace(/\/+$/, "")}${originalPath}`;
}

/** Whether `item` is the folder `root` or inside it. */
export function isWithin(item: string, root: string): boolean {
  return item === root || item.startsWith(root.endsWith("/") ? root : `${root}/`);
}

const pad = (value: number) => String(value).padStart(2, "0");

/** "2026-11-28 09-30 Copy of report.txt": the recovered version beside the existing one, named after the point's time (UTC). */
export function copyNameOf(name: string, pointTime: Date): string {
  const day = `${pointTime.getUTCFullYear()}-${pad(pointTime.getUTCMonth() + 1)}-${pad(pointTime.getUTCDate())}`;
  return `${day} ${pad(pointTime.getUTCHours())}-${pad(pointTime.getUTCMinutes())} Copy of ${name}`;
}

/** What happens to a recovered file, by whether an item of its name exists at the destination. */
export function placementOf(exists: boolean, conflict: ConflictOption): "write" | "copy" | "skip" {
  if (!exists || conflict === "Overwrite") return "write";
  return conflict === "CreateCopies" ? "copy" : "skip";
}

/** The recovery's facts for the job's details, as label and value rows. */
export function describeFileRecovery(details: FileRecoveryDetails): Array<{ label: string; value: string }> {
  const rows = [
    { label: "Server", value: details.source.serverName },
    { label: "Recover to", value: details.targetServer ?? `This server (${details.source.serverName})` },
    {
      label: "Items recovered",
      value: details.items.length === 0 ? `All of ${details.source.path}` : details.items.join(", "),
    },
    {
      label: "Recovery destination",
      value: details.destination === null ? "Original location" : `Another location: ${details.destination}`,
    },
    { label: "When an item exists", value: CONFLICT_OPTION_LABELS[details.conflict] },
    { label: "Restore the ACLs", value: details.restoreAcls ? "Yes" : "No" },
  ];
  const outcome = details.outcome;
  if (outcome)
    rows.push({
      label: "Result",
      value: `${counted(outcome.filesRecovered, "file")} recovered, ${outcome.copiesCreated.toLocaleString("en-US")} as copies, ${outcome.filesSkipped.toLocaleString("en-US")} skipped, ${outcome.failures.length.toLocaleString("en-US")} failed`,
    });
  return rows;
}
