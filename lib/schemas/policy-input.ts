import { z } from "zod";

/** Azure backup policy names: 3–150 characters, starting with a letter; letters, digits, hyphens and underscores. */
export const policyNameSchema = z
  .string()
  .trim()
  .min(3, "A policy name has 3 to 150 characters.")
  .max(150, "A policy name has 3 to 150 characters.")
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]*$/,
    "A policy name starts with a letter and contains only letters, digits, hyphens and underscores.",
  );

export const createPolicyInputSchema = z.object({
  vaultId: z.string().min(1),
  name: policyNameSchema,
  /** Azure `properties` (or a whole resource); validated by importAzurePolicy. */
  policy: z.unknown(),
  /** Backup Agent folders to protect with the new policy (the wizard's Select Items to Backup). */
  protectFolderIds: z.array(z.string().min(1)).default([]),
});
export type CreatePolicyInput = z.input<typeof createPolicyInputSchema>;

/** confirmRemoval: the user saw the points the change removes within the next day (the portal asks; the API doesn't). */
export const confirmRemoval = z.boolean({ error: "confirmRemoval must be true or false." }).default(false);
export const updatePolicyInputSchema = z.object({
  vaultId: z.string().min(1),
  policyId: z.string().min(1),
  policy: z.unknown(),
  confirmRemoval,
});
export const switchItemPolicyInputSchema = z.object({
  vaultId: z.string().min(1),
  itemId: z.string().min(1),
  policyId: z.string().min(1),
  confirmRemoval,
});
/** confirmName: the portal asks for the policy's name; the API doesn't. */
export const deletePolicyInputSchema = z.object({
  vaultId: z.string().min(1),
  policyId: z.string().min(1),
  confirmName: z.string().optional(),
});
