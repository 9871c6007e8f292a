import { z } from "zod";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/alerts";
import { NOTIFICATION_FREQUENCIES } from "@/lib/domain/alerts/notifications";
import { hasControlCharacter } from "@/lib/domain/input-limits";

/** E-mail recipients, webhooks per vault at most. */
export const MAX_NOTIFICATION_RECIPIENTS = 20;
export const MAX_WEBHOOKS = 20;
/** The longest suppression window. */
export const MAX_SUPPRESSION_DAYS = 90;
const DAY_MS = 86_400_000;

const emailAddress = z
  .string({ error: "Enter an e-mail address." })
  .trim()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Enter a valid e-mail address (name@example.com)."));

export const notificationSettingsSchema = z.object({
  vaultId: z.string().min(1),
  emailRecipients: z
    .array(emailAddress, { error: "Enter the e-mail recipients." })
    .max(MAX_NOTIFICATION_RECIPIENTS, `At most ${MAX_NOTIFICATION_RECIPIENTS} e-mail recipients.`)
    .refine(
      (emails) => new Set(emails.map((email) => email.toLowerCase())).size === emails.length,
      "Each address once.",
    ),
  frequency: z.enum(NOTIFICATION_FREQUENCIES, { error: "Choose Per alert or Hourly digest." }),
  severities: z
    .array(z.enum(ALERT_SEVERITIES, { error: "Choose Sev0, Sev1 or Sev2." }), { error: "Choose the severities." })
    .max(ALERT_SEVERITIES.length)
    .transform((severities) => ALERT_SEVERITIES.filter((severity) => severities.includes(severity))),
  dailySummary: z.boolean({ error: "dailySummary must be true or false." }),
});
export type NotificationSettingsInput = z.input<typeof notificationSettingsSchema>;

export const addWebhookSchema = z.object({
  vaultId: z.string().min(1),
  url: z
    .string({ error: "Enter the webhook's URL." })
    .trim()
    .min(1, "Enter the webhook's URL.")
    .max(2048, "A URL has at most 2,048 characters.")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." })),
});
export type AddWebhookInput = z.input<typeof addWebhookSchema>;

export const removeWebhookSchema = z.object({ vaultId: z.string().min(1), webhookId: z.string().min(1) });

export const suppressionWindowSchema = z
  .object({
    vaultId: z.string().min(1),
    name: z
      .string({ error: "Name the window." })
      .trim()
      .min(1, "Name the window (what the maintenance is).")
      .max(100, "At most 100 characters.")
      .refine((name) => !hasControlCharacter(name), "Use letters, digits, spaces and punctuation."),
    startsAt: z.coerce.date({ error: "Enter when the window starts." }),
    endsAt: z.coerce.date({ error: "Enter when the window ends." }),
  })
  .superRefine((window, context) => {
    const span = window.endsAt.getTime() - window.startsAt.getTime();
    if (span <= 0) context.addIssue({ code: "custom", path: ["endsAt"], message: "The window ends after it starts." });
    else if (span > MAX_SUPPRESSION_DAYS * DAY_MS)
      context.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: `A window lasts at most ${MAX_SUPPRESSION_DAYS} days.`,
      });
  });
export type SuppressionWindowInput = z.input<typeof suppressionWindowSchema>;

export const removeSuppressionWindowSchema = z.object({ vaultId: z.string().min(1), windowId: z.string().min(1) });
