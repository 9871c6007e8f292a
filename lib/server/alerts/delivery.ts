// Delivering the outbox (Notification): the engines send what is due, each notification claimed
// by one engine with a lease (as jobs are, lib/server/engine/runner.ts), so several engines never
// send one at the same time and a notification whose engine died mid-delivery is taken again once
// its lease has run out: retried, never lost. Each attempt, with its answer, and the
// notification's new state are written in one transaction, only while the claim is still the
// engine's own. Delivery is at least once: an engine killed after sending but before writing
// that it did is followed by a second send; webhook receivers drop it by X-VaultPortal-Delivery.
//
// E-mail goes through SMTP (SMTP_URL, nodemailer); a webhook gets a POST of the JSON, signed:
//   X-VaultPortal-Signature: sha256=<hex HMAC-SHA256 of "<X-VaultPortal-Timestamp>.<body>" keyed with the secret>
// 2xx delivers; anything else, a timeout or a refused connection is retried with backoff
// (lib/domain/alerts/notifications.ts nextAttemptAt) until 24 hours after it was planned.
import { createHmac } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { nextAttemptAt, signedPayload } from "@/lib/domain/alerts/notifications";
import type { Db } from "@/lib/server/db";
import type { Clock } from "@/lib/server/engine/clock";
import type { Lease } from "@/lib/server/engine/runner";
import { logger } from "@/lib/server/logger";
import type { NotificationConfig } from "./notification-config";

/** The first characters of an answer the delivery log keeps. */
const RESPONSE_MAX_CHARS = 500;

export type DeliveryReport = {
  /** Attempts made (each written, or lost with the claim). */
  attempted: number;
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Given up: 24 hours passed, or the webhook was removed. */
  failed: number;
  /** Attempts whose result wasn't written: the claim had passed to another engine meanwhile. */
  claimLost: number;
  /** Notifications that couldn't be attempted (a database error; logged). */
  errors: number;
};

/** The signature header's value for a webhook body sent at `timestamp` (seconds since the epoch, as text). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(signedPayload(timestamp, body)).digest("hex")}`;
}

type Outcome = {
  succeeded: boolean;
  statusCode: number | null;
  response: string;
  /** No point trying again (the webhook was removed). */
  permanent?: boolean;
};

type Claimed = {
  id: string;
  channel: "Email" | "Webhook";
  recipient: string;
  webhookId: string | null;
  subject: string;
  body: string;
  createdAt: Date;
  attempts: number;
};

/** Due, and not claimed (or claimed by an engine whose lease ran out). */
function claimable(now: Date) {
  return {
    status: "Pending" as const,
    nextAttemptAt: { lte: now },
    OR: [{ claimedBy: null }, { leaseUntil: { lt: now } }],
  };
}

/** Claims one due notification for this engine; null when another engine has it (or it isn't due). */
export async function claimNotification(db: Db, id: string, clock: Clock, lease: Lease): Promise<Claimed | null> {
  const now = clock.now();
  const claim = await db.notification.updateMany({
    where: { id, ...claimable(now) },
    data: { claimedBy: lease.engineId, leaseUntil: new Date(now.getTime() + lease.leaseMs) },
  });
  if (claim.count === 0) return null;
  return db.notification.findUnique({
    where: { id },
    select: {
      id: true,
      channel: true,
      recipient: true,
      webhookId: true,
      subject: true,
      body: true,
      createdAt: true,
      attempts: true,
    },
  });
}

/** Sends up to `config.perPass` due notifications, `config.concurrency` at once. */
export async function deliverNotifications(
  db: Db,
  clock: Clock,
  lease: Lease,
  config: NotificationConfig,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0, claimLost: 0, errors: 0 };
  const due = await db.notification.findMany({
    where: claimable(clock.now()),
    orderBy: { nextAttemptAt: "asc" },
    take: config.perPass,
    select: { id: true },
  });
  if (due.length === 0) return report;
  let transport: Transporter | null = null;
  const mailer = () => {
    transport ??= nodemailer.createTransport({
      url: config.smtpUrl!,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });
    return transport;
  };
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const { id } = due[next++]!;
      try {
        const notification = await claimNotification(db, id, clock, lease);
        if (!notification) continue;
        report.attempted++;
        const started = performance.now();
        const outcome = await send(db, notification, clock, config, mailer);
        const durationMs = Math.round(performance.now() - started);
        const verdict = await recordAttempt(db, notification, lease, outcome, clock.now(), durationMs);
        report[verdict]++;
      } catch (error) {
        report.errors++;
        logger.error({ event: "notification", notificationId: id, err: error }, "delivering a notification failed");
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, config.concurrency) }, worker));
  } finally {
    (transport as Transporter | null)?.close();
  }
  if (report.attempted > 0) logger.info({ event: "notifications", ...report }, "notifications delivered");
  return report;
}

async function send(
  db: Db,
  notification: Claimed,
  clock: Clock,
  config: NotificationConfig,
  mailer: () => Transporter,
): Promise<Outcome> {
  if (notification.channel === "Email") return sendEmail(notification, config, mailer);
  const webhook = notification.webhookId
    ? await db.webhook.findUnique({ where: { id: notification.webhookId }, select: { url: true, secret: true } })
    : null;
  if (!webhook) {
    return {
      succeeded: false,
      statusCode: null,
      response: "The webhook was removed from the vault's notification settings.",
      permanent: true,
    };
  }
  return postWebhook(notification, webhook, clock, config);
}

async function sendEmail(
  notification: Claimed,
  config: NotificationConfig,
  mailer: () => Transporter,
): Promise<Outcome> {
  if (!config.smtpUrl) {
    return {
      succeeded: false,
      statusCode: null,
      response: "SMTP_URL is not set: set it (smtp://user:password@host:587) on every engine's process to send e-mail.",
    };
  }
  try {
    const info = await mailer().sendMail({
      from: config.mailFrom,
      to: notification.recipient,
      subject: notification.subject,
      text: notification.body,
      headers: { "X-VaultPortal-Delivery": notification.id },
    });
    return { succeeded: true, statusCode: null, response: bounded(String(info.response ?? "accepted")) };
  } catch (error) {
    return { succeeded: false, statusCode: null, response: bounded(errorText(error)) };
  }
}

async function postWebhook(
  notification: Claimed,
  webhook: { url: string; secret: string },
  clock: Clock,
  config: NotificationConfig,
): Promise<Outcome> {
  const timestamp = String(Math.floor(clock.now().getTime() / 1000));
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "VaultPortal-Webhook/1.0",
        "X-VaultPortal-Delivery": notification.id,
        "X-VaultPortal-Timestamp": timestamp,
        "X-VaultPortal-Signature": webhookSignature(webhook.secret, timestamp, notification.body),
      },
      body: notification.body,
      // A redirect is an answer, not followed: the receiver's URL is the one configured.
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await firstCharacters(response);
    const succeeded = response.status >= 200 && response.status < 300;
    return {
      succeeded,
      statusCode: response.status,
      response: text || `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return {
      succeeded: false,
      statusCode: null,
      response: bounded(timedOut ? `No answer within ${config.timeoutMs / 1000} s.` : errorText(error)),
    };
  }
}

/** The answer's first characters, reading no more of a large body than that. */
async function firstCharacters(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < RESPONSE_MAX_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return bounded(text);
}

/** At most RESPONSE_MAX_CHARS, without NUL (which PostgreSQL's text refuses). */
function bounded(text: string): string {
  return (text.length > RESPONSE_MAX_CHARS ? text.slice(0, RESPONSE_MAX_CHARS) : text).replace(/\u0000/g, " ");
}

function errorText(error: unknown): string {
  const err = error as { message?: string; cause?: { message?: string; code?: string } };
  const cause = err.cause?.message ?? err.cause?.code;
  return [err.message ?? String(error), cause].filter(Boolean).join(": ");
}

class ClaimLost extends Error {}

/**
 * Writes an attempt and the notification's new state (Delivered; or the next attempt's time; or
 * Failed), releasing the claim, in one transaction, only while the claim is this engine's.
 */
export async function recordAttempt(
  db: Db,
  notification: Pick<Claimed, "id" | "createdAt" | "attempts">,
  lease: Lease,
  outcome: Outcome,
  now: Date,
  durationMs: number,
): Promise<"delivered" | "retrying" | "failed" | "claimLost"> {
  const attempts = notification.attempts + 1;
  const retryAt = outcome.succeeded || outcome.permanent ? null : nextAttemptAt(notification.createdAt, attempts, now);
  const verdict = outcome.succeeded ? "delivered" : retryAt ? "retrying" : "failed";
  const released = { claimedBy: null, leaseUntil: null, attempts };
  const data =
    verdict === "delivered"
      ? { ...released, status: "Delivered" as const, deliveredAt: now, lastError: null }
      : verdict === "retrying"
        ? { ...released, nextAttemptAt: retryAt!, lastError: outcome.response }
        : { ...released, status: "Failed" as const, lastError: outcome.response };
  try {
    await db.$transaction(async (tx) => {
      const updated = await tx.notification.updateMany({
        where: { id: notification.id, claimedBy: lease.engineId, status: "Pending" },
        data,
      });
      if (updated.count === 0) throw new ClaimLost();
      await tx.notificationAttempt.create({
        data: {
          notificationId: notification.id,
          at: now,
          succeeded: outcome.succeeded,
          statusCode: outcome.statusCode,
          response: outcome.response,
          durationMs,
        },
      });
    });
    return verdict;
  } catch (error) {
    if (error instanceof ClaimLost) return "claimLost";
    throw error;
  }
}
