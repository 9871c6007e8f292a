// How the engine sends notifications (README, Configuration): SMTP_URL, MAIL_FROM, PORTAL_URL.
import { publicPortalUrl } from "@/lib/server/portal-url";

export type NotificationConfig = {
  /** The portal's address, for the links in messages. */
  portalUrl: string;
  /** nodemailer's SMTP URL (smtp://user:pass@host:587, smtps://…); null: e-mails fail with the reason. */
  smtpUrl: string | null;
  /** The From of the e-mails. */
  mailFrom: string;
  /** How long a webhook (or an SMTP exchange, each step) may take before the attempt fails. */
  timeoutMs: number;
  /** Notifications one delivery pass sends at most (the rest wait for the next pass). */
  perPass: number;
  /** Notifications sent at once. */
  concurrency: number;
};

export const DEFAULT_MAIL_FROM = "Vault Portal <vault-portal@localhost>";

export function notificationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  return {
    portalUrl: publicPortalUrl(env),
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    timeoutMs: 10_000,
    perPass: 100,
    concurrency: 4,
  };
}
