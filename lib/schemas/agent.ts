// What the Backup Agent (lib/agent) and the portal (lib/server/agents, app/api/agent) exchange.
import { z } from "zod";
import type { Throttling } from "@/lib/domain/agent/throttling";
import type { ConflictOption } from "@/lib/domain/restore/file-recovery";

/** Azure's vault credentials are valid for 10 days. */
export const VAULT_CREDENTIAL_VALID_DAYS = 10;
/** A passphrase shorter than this is refused (Azure's agent asks for 16 characters or more). */
export const MIN_PASSPHRASE_LENGTH = 16;
/** Top-level folders an agent reports, at most. */
export const MAX_REPORTED_FOLDERS = 500;
/** Other servers' passphrases an agent holds, at most. */
export const MAX_PASSPHRASES = 100;

export const VAULT_CREDENTIAL_PATTERN = /^vc_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
export const SERVER_SECRET_PATTERN = /^vps_[A-Za-z0-9_-]{43}$/;

/** An absolute path on a Linux server: no empty, `.` or `..` components, no control characters. */
export function isAbsolutePosixPath(path: string): boolean {
  if (!path.startsWith("/") || path.length > 4096 || /[\u0000-\u001f\u007f]/.test(path)) return false;
  if (path === "/") return true;
  return path
    .slice(1)
    .split("/")
    .every((name) => name !== "" && name !== "." && name !== ".." && name.length <= 255);
}

export const agentFolderPathSchema = z
  .string()
  .max(4096, { error: "At most 4,096 characters.", abort: true })
  .refine(isAbsolutePosixPath, "Enter an absolute path such as /srv/data.");

/** The file Properties → Backup credentials → Download gives: what `agent register` reads. */
export const vaultCredentialsFileSchema = z.object({
  portalUrl: z.url({ protocol: /^https?$/ }),
  vaultId: z.string().min(1),
  vaultName: z.string().min(1),
  secret: z.string().regex(VAULT_CREDENTIAL_PATTERN, "Not a vault credential."),
  expiresAt: z.iso.datetime(),
});
export type VaultCredentialsFile = z.infer<typeof vaultCredentialsFileSchema>;

/** A server's fully qualified name, as in the inventory. */
const serverNameSchema = z
  .string()
  .trim()
  .max(253, { error: "At most 253 characters.", abort: true })
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    "Use the server's host name, such as fs01.contoso.com.",
  );

export const registerRequestSchema = z.object({
  vaultCredential: z.string().max(100),
  name: serverNameSchema,
  osType: z.string().trim().min(1).max(60),
  agentVersion: z.string().trim().min(1).max(40),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;
export type RegisterResponse = { serverId: string; serverSecret: string; vaultName: string };

export const pollRequestSchema = z.object({
  /** The server's top-level folders, offered by Configure backup. */
  folders: z.array(agentFolderPathSchema).max(MAX_REPORTED_FOLDERS).optional(),
  /** The servers whose passphrase the agent holds (`agent add-passphrase`): it may recover their files. */
  passphrasesFor: z.array(serverNameSchema).max(MAX_PASSPHRASES).optional(),
  /** How long the portal may hold the request when there is no work (long poll). */
  waitSeconds: z.number().int().min(0).max(30).default(20),
});

export type AgentExclusions = { folders: string[]; fileTypes: string[] };

/** A job the agent claimed: back up an item's folder into the repository, or maintain the repository. */
export type AgentJob =
  | {
      jobId: string;
      operation: "Backup";
      itemId: string;
      itemName: string;
      paths: string[];
      exclusions: AgentExclusions;
      tags: string[];
      throttling: Throttling | null;
    }
  | {
      jobId: string;
      operation: "Restore";
      /** The recovery point's restic snapshot. */
      snapshotId: string;
      /** Another server's repository the point is in (this agent holds its passphrase); null: this server's. */
      sourceServer: { id: string; name: string } | null;
      /** Absolute paths in the snapshot to recover (the item's folder when the whole folder is recovered). */
      includes: string[];
      /** Null: the original location; else the folder the items are recovered below. */
      destination: string | null;
      conflict: ConflictOption;
      restoreAcls: boolean;
      /** ISO 8601: the point's time, which names the copies. */
      pointTime: string;
    }
  | { jobId: string; operation: "Prune" }
  | { jobId: string; operation: "IntegrityCheck"; readDataSubset: string };
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A question about a recovery point the portal puts to the agent (it alone can open the point). */
export type AgentQuestion =
  | { kind: "ListFolder"; snapshotId: string; folder: string }
  | { kind: "Search"; snapshotId: string; within: string; pattern: string }
  /** A file as it is, or a folder as a zip archive, uploaded to /api/agent/requests/<id>/content. */
  | { kind: "Dump"; snapshotId: string; path: string; archive: "zip" | null };
export type PollResponse = { job: AgentJob | null; requests?: Array<{ id: string; question: AgentQuestion }> };

/** Entries one answer lists, at most. */
export const MAX_LISTED_ENTRIES = 1000;
export const ENTRY_TYPES = ["file", "dir", "symlink", "other"] as const;

export const requestAnswerSchema = z.union([
  z.object({
    entries: z
      .array(
        z.object({
          name: z.string().max(255),
          path: z.string().max(4096),
          type: z.enum(ENTRY_TYPES),
          size: count,
          mtime: z.string().max(40).nullable(),
        }),
      )
      .max(MAX_LISTED_ENTRIES),
    truncated: z.boolean(),
  }),
  z.object({ error: z.string().max(1000) }),
]);
export type RequestAnswer = z.infer<typeof requestAnswerSchema>;

export const progressRequestSchema = z.object({
  filesDone: count,
  filesTotal: count,
  bytesDone: count,
  bytesTotal: count,
  currentFile: z.string().max(4096).nullable(),
});
export type ProgressRequest = z.infer<typeof progressRequestSchema>;
/** Whether the admin asked to cancel the job. */
export type ProgressResponse = { cancel: boolean };

export const AGENT_FAILURES = [
  "SourceNotFound",
  "WrongPassword",
  "DiskFull",
  "Locked",
  "Unreachable",
  "RepositoryNotFound",
  "IntegrityErrors",
  "Unknown",
] as const;

export const MAX_REPORTED_WARNINGS = 1000;

const failedResultSchema = z.object({
  outcome: z.literal("Failed"),
  failure: z.enum(AGENT_FAILURES),
  detail: z.string().max(4000),
});

export const resultRequestSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("Completed"),
    /** restic 0.14 reports the id's first 8 hex digits; the portal finds the snapshot in the server's storage. */
    snapshotId: z.string().regex(/^[0-9a-f]{8,64}$/, "A restic snapshot id."),
    summary: z.object({
      filesNew: count,
      filesChanged: count,
      filesUnmodified: count,
      dataAdded: count,
      totalFilesProcessed: count,
      totalBytesProcessed: count,
      durationSeconds: z.number().min(0),
    }),
    /** Files restic couldn't read (exit code 3): the point lacks them. */
    warnings: z
      .array(z.object({ item: z.string().max(4096), message: z.string().max(1000) }))
      .max(MAX_REPORTED_WARNINGS),
  }),
  failedResultSchema,
  z.object({ outcome: z.literal("Cancelled") }),
]);
export type ResultRequest = z.infer<typeof resultRequestSchema>;

/** The outcome of a Prune or IntegrityCheck: restic's last words either way. */
export const maintenanceResultSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("Completed"), detail: z.string().max(4000) }),
  failedResultSchema,
]);
export type MaintenanceResult = z.infer<typeof maintenanceResultSchema>;

/** The outcome of a Restore: what was recovered, copied, skipped, and each file that couldn't be. */
export const restoreResultSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("Completed"),
    filesRecovered: count,
    bytesRecovered: count,
    copiesCreated: count,
    filesSkipped: count,
    failures: z
      .array(z.object({ item: z.string().max(4096), message: z.string().max(1000) }))
      .max(MAX_REPORTED_WARNINGS),
  }),
  failedResultSchema,
  z.object({ outcome: z.literal("Cancelled") }),
]);
export type RestoreResult = z.infer<typeof restoreResultSchema>;
