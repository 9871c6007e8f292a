import { z } from "zod";
import { confirmRemoval } from "./policy-input";

const id = z.string().min(1);

/** The reasons Stop backup offers with Retain Backup Data. */
export const STOP_REASONS = [
  "Decommissioned",
  "Moving to another backup solution",
  "Not required any more",
  "Others",
] as const;

export const backupNowInputSchema = z.object({
  vaultId: id,
  itemId: id,
  /** Absent: the default (defaultRetainUntil). */
  retainUntil: z.coerce.date({ error: "Retain Backup Till must be a date-time." }).optional(),
});

export const stopBackupInputSchema = z.discriminatedUnion(
  "mode",
  [
    z.object({
      vaultId: id,
      itemId: id,
      mode: z.literal("retain"),
      reason: z.enum(STOP_REASONS, { error: "Choose one of the listed reasons." }).optional(),
      comment: z.string().trim().max(250, "A comment has at most 250 characters.").optional(),
    }),
    z.object({
      vaultId: id,
      itemId: id,
      mode: z.literal("delete"),
      confirmName: z.string({ error: "Type the backup item's name to confirm." }),
    }),
  ],
  { error: "Choose Retain Backup Data or Delete Backup Data." },
);
export type StopBackupInput = z.input<typeof stopBackupInputSchema>;

export const resumeBackupInputSchema = z.object({
  vaultId: id,
  itemId: id,
  policyId: z.string({ error: "Choose a policy." }).min(1, "Choose a policy."),
  confirmRemoval,
});
export const deleteBackupDataInputSchema = z.object({
  vaultId: id,
  itemId: id,
  confirmName: z.string({ error: "Type the backup item's name to confirm." }),
});
export const undeleteInputSchema = z.object({ vaultId: id, itemId: id });

export const configureBackupInputSchema = z.object({
  vaultId: id,
  backupManagementType: z.enum(["AzureIaasVM", "MAB"], {
    error: "Choose Azure Virtual Machine or Azure Backup Agent.",
  }),
  /** VM ids, or Backup Agent folder ids. */
  sourceIds: z.array(id).min(1, "Select at least one item to back up.").max(200, "Select at most 200 items at once."),
  policyId: z.string({ error: "Choose a policy." }).min(1, "Choose a policy."),
});
export type ConfigureBackupInput = z.input<typeof configureBackupInputSchema>;

export const cancelJobInputSchema = z.object({ vaultId: id, jobId: id });
