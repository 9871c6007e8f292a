import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password has at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(128, "A password has at most 128 characters.");

export const setupOwnerSchema = z
  .object({
    token: z.string().min(1, "The set-up link is incomplete."),
    name: z.string().trim().min(1, "Enter your name.").max(100, "At most 100 characters."),
    email: z.email("Enter an email address.").trim().toLowerCase(),
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });
