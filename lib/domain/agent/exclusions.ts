// Exclusion settings of a Backup Agent server, as Azure's MARS agent has them (Schedule Backup Wizard
// → Select Items to Backup → Exclusion Settings): folders excluded with their subfolders (the
// agent's default), and file types excluded by extension in every folder. The agent hands them to
// restic: `--exclude <folder>` and `--iexclude *.<extension>` (lib/agent/restic.ts).
import { z } from "zod";
import { agentFolderPathSchema } from "@/lib/schemas/agent";
import { counted } from "@/lib/domain/format/count";

export const MAX_EXCLUDED_FOLDERS = 100;
export const MAX_EXCLUDED_FILE_TYPES = 100;

/** ".tmp", "tmp" or "*.tmp": 1 to 20 letters, digits, `_` or `-` after the optional `*.` or `.`. */
const FILE_TYPE_PATTERN = /^(\*?\.)?[A-Za-z0-9_-]{1,20}$/;
const FILE_TYPE_FORMAT = "Enter an extension such as .tmp: 1 to 20 letters, digits, _ or -.";

export const excludedFolderSchema = agentFolderPathSchema.refine(
  (path) => path !== "/",
  "Excluding / leaves nothing to back up: choose a folder under it.",
);

/** An extension as stored: ".tmp". Lower case, as restic matches it ignoring case (`--iexclude`). */
export const excludedFileTypeSchema = z
  .string({ error: FILE_TYPE_FORMAT })
  .trim()
  .regex(FILE_TYPE_PATTERN, FILE_TYPE_FORMAT)
  .transform((fileType) => `.${fileType.replace(/^\*?\./, "").toLowerCase()}`);

/** A list of at most `max` entries, each once; a repeated entry is refused where it repeats. */
function listOf(
  entry: z.ZodType<string>,
  max: number,
  messages: { notAList: string; tooMany: string; repeated: (value: string) => string },
) {
  return z
    .array(entry, { error: messages.notAList })
    .max(max, { error: messages.tooMany, abort: true })
    .superRefine((values, context) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (seen.has(value)) context.addIssue({ code: "custom", path: [index], message: messages.repeated(value) });
        seen.add(value);
      });
    });
}

export const exclusionsSchema = z.object({
  folders: listOf(excludedFolderSchema, MAX_EXCLUDED_FOLDERS, {
    notAList: "Give the folders to exclude as a list.",
    tooMany: `Exclude at most ${MAX_EXCLUDED_FOLDERS} folders.`,
    repeated: (folder) => `${folder} is excluded already.`,
  }),
  fileTypes: listOf(excludedFileTypeSchema, MAX_EXCLUDED_FILE_TYPES, {
    notAList: "Give the file types to exclude as a list.",
    tooMany: `Exclude at most ${MAX_EXCLUDED_FILE_TYPES} file types.`,
    repeated: (fileType) => `${fileType} is excluded already.`,
  }),
});

export type Exclusions = z.output<typeof exclusionsSchema>;

export const NO_EXCLUSIONS: Exclusions = { folders: [], fileTypes: [] };

/**
 * The stored setting (a JSON column): each list as stored when it is valid, else empty, so that a
 * server without settings, or with a damaged one, is backed up whole rather than not at all.
 */
export function exclusionsOf(stored: unknown): Exclusions {
  const value = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const { folders, fileTypes } = exclusionsSchema.shape;
  const parsedFolders = folders.safeParse(value.folders);
  const parsedFileTypes = fileTypes.safeParse(value.fileTypes);
  return {
    folders: parsedFolders.success ? parsedFolders.data : [],
    fileTypes: parsedFileTypes.success ? parsedFileTypes.data : [],
  };
}

/** The setting in a few words: "2 folders, 3 file types", "1 file type", "None". */
export function describeExclusions({ folders, fileTypes }: Exclusions): string {
  const parts = [
    folders.length > 0 ? counted(folders.length, "folder") : null,
    fileTypes.length > 0 ? counted(fileTypes.length, "file type") : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(", ") : "None";
}
