import { z } from "zod";
import { VAULT_ROLES } from "@/lib/domain/access/permissions";
import { passwordSchema } from "./auth";

export const assignRoleSchema = z.object({
  vaultId: z.string().min(1),
  userId: z.string({ error: "Choose a user." }).min(1, "Choose a user."),
  role: z.enum(VAULT_ROLES, { error: "Choose Backup Reader, Backup Operator or Backup Contributor." }),
});

export const removeRoleSchema = z.object({ vaultId: z.string().min(1), assignmentId: z.string().min(1) });

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter the user's name.").max(100, "At most 100 characters."),
  email: z.email("Enter an email address.").trim().toLowerCase(),
  password: passwordSchema,
});

export const userIdSchema = z.object({ userId: z.string().min(1) });
export const setUserDisabledSchema = z.object({
  userId: z.string().min(1),
  disabled: z.boolean({ error: "disabled must be true or false." }),
});
export const resetPasswordSchema = z.object({ userId: z.string().min(1), password: passwordSchema });
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (what uses it).").max(100, "At most 100 characters."),
  expiresInDays: z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? undefined : value),
    z.coerce
      .number({ error: "Enter a number of days." })
      .int("Whole days.")
      .min(1, "1 to 3650 days, or none.")
      .max(3650, "1 to 3650 days, or none.")
      .optional(),
  ),
});
export const revokeTokenSchema = z.object({ tokenId: z.string().min(1) });
