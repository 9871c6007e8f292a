// A vault's notification settings (vault → Alerts → Notifications): e-mail recipients, webhooks,
// Per alert or Hourly digest, the severities sent, the daily summary, suppression windows, and the
// delivery log. Changes need Backup Contributor ("notificationSettings"); reading, a role on the
// vault. Each change is in the activity log, written in its transaction; bad input changes nothing.
import { randomBytes } from "node:crypto";
import { allows } from "@/lib/domain/access/permissions";
import type { AlertSeverity } from "@/lib/domain/alerts/alerts";
import type { NotificationFrequency } from "@/lib/domain/alerts/notifications";
import {
  addWebhookSchema,
  MAX_WEBHOOKS,
  notificationSettingsSchema,
  type AddWebhookInput,
  type NotificationSettingsInput,
  removeSuppressionWindowSchema,
  removeWebhookSchema,
  suppressionWindowSchema,
  type SuppressionWindowInput,
} from "@/lib/schemas/alerts";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Actor, authorize, grantOn } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { fail, inTransaction, invalid, ok, type ServiceResult } from "@/lib/server/result";

/** Settings of a vault that has none yet: nobody is notified; these are the form's starting values. */
export const DEFAULT_NOTIFICATION_SETTINGS = {
  emailRecipients: [] as string[],
  frequency: "PerAlert" as NotificationFrequency,
  severities: ["Sev0", "Sev1"] as AlertSeverity[],
  dailySummary: false,
};

export type NotificationSettingsView = {
  vaultId: string;
  /** False until the settings are first saved (nobody is notified). */
  saved: boolean;
  emailRecipients: string[];
  frequency: NotificationFrequency;
  severities: AlertSeverity[];
  dailySummary: boolean;
  updatedAt: Date | null;
  /** The URL in full only for those who may change the settings (a webhook URL often holds a token). */
  webhooks: Array<{ id: string; url: string; createdBy: string; createdAt: Date }>;
  suppressionWindows: Array<{ id: string; name: string; startsAt: Date; endsAt: Date; createdBy: string }>;
};

/** A URL as shown to those who may not change it, and in the activity log: its origin only. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === "/" && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return "…";
  }
}

async function readDenied(db: Db, actor: Actor, vaultId: string) {
  const denied = await authorize(db, actor, vaultId, "viewVault");
  if (denied) return denied;
  const vault = await db.vault.findUnique({ where: { id: vaultId }, select: { id: true } });
  return vault ? null : fail("ResourceNotFound", "The vault was not found.");
}

async function mayChange(db: Db, actor: Actor, vaultId: string): Promise<boolean> {
  return allows(await grantOn(db, actor, vaultId), "notificationSettings");
}

export async function getNotificationSettings(
  db: Db,
  vaultId: string,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<NotificationSettingsView>> {
  const denied = await readDenied(db, actor, vaultId);
  if (denied) return denied;
  const [settings, webhooks, windows, full] = await Promise.all([
    db.notificationSettings.findUnique({ where: { vaultId } }),
    db.webhook.findMany({
      where: { vaultId },
      orderBy: { createdAt: "asc" },
      select: { id: true, url: true, createdBy: true, createdAt: true },
    }),
    db.suppressionWindow.findMany({
      where: { vaultId, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: { id: true, name: true, startsAt: true, endsAt: true, createdBy: true },
    }),
    mayChange(db, actor, vaultId),
  ]);
  return ok({
    vaultId,
    saved: settings !== null,
    emailRecipients: settings ? (settings.emailRecipients as string[]) : DEFAULT_NOTIFICATION_SETTINGS.emailRecipients,
    frequency: settings?.frequency ?? DEFAULT_NOTIFICATION_SETTINGS.frequency,
    severities: settings ? (settings.severities as AlertSeverity[]) : DEFAULT_NOTIFICATION_SETTINGS.severities,
    dailySummary: settings?.dailySummary ?? DEFAULT_NOTIFICATION_SETTINGS.dailySummary,
    updatedAt: settings?.updatedAt ?? null,
    webhooks: webhooks.map((webhook) => ({ ...webhook, url: full ? webhook.url : maskedUrl(webhook.url) })),
    suppressionWindows: windows,
  });
}

export async function updateNotificationSettings(
  db: Db,
  input: NotificationSettingsInput,
  actor: Actor,
): Promise<ServiceResult<Omit<NotificationSettingsView, "webhooks" | "suppressionWindows" | "updatedAt">>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Change notification settings",
    permission: "notificationSettings",
  } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = notificationSettingsSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, emailRecipients, frequency, severities, dailySummary } = parsed.data;
    return inTransaction(db, async (tx) => {
      const vault = await tx.vault.findUnique({ where: { id: vaultId }, select: { id: true, name: true } });
      if (!vault) return fail("ResourceNotFound", "The vault was not found.");
      const before = await tx.notificationSettings.findUnique({ where: { vaultId } });
      const after = { emailRecipients, frequency, severities, dailySummary };
      await tx.notificationSettings.upsert({ where: { vaultId }, create: { vaultId, ...after }, update: after });
      await recordActivity(
        tx,
        scope,
        vault.name,
        changed(
          before
            ? {
                emailRecipients: before.emailRecipients,
                frequency: before.frequency,
                severities: before.severities,
                dailySummary: before.dailySummary,
              }
            : {},
          after,
        ),
      );
      return ok({ vaultId, saved: true, ...after });
    });
  });
}

/** Adds a webhook; its signing secret is in the answer, this once (it is not shown again). */
export async function addWebhook(
  db: Db,
  input: AddWebhookInput,
  actor: Actor,
): Promise<ServiceResult<{ id: string; url: string; secret: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Add webhook",
    permission: "notificationSettings",
  } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = addWebhookSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, url } = parsed.data;
    return inTransaction(db, async (tx) => {
      const vault = await tx.vault.findUnique({ where: { id: vaultId }, select: { id: true, name: true } });
      if (!vault) return fail("ResourceNotFound", "The vault was not found.");
      if ((await tx.webhook.count({ where: { vaultId } })) >= MAX_WEBHOOKS) {
        const message = `A vault has at most ${MAX_WEBHOOKS} webhooks; remove one first.`;
        return fail("BadRequest", message, { url: [message] });
      }
      const secret = `whsec_${randomBytes(32).toString("base64url")}`;
      const webhook = await tx.webhook.create({
        data: { vaultId, url, secret, createdBy: actor.email },
        select: { id: true },
      });
      await recordActivity(tx, scope, `${vault.name}/webhooks/${webhook.id}`, { url: [null, maskedUrl(url)] });
      return ok({ id: webhook.id, url, secret });
    });
  });
}

export async function removeWebhook(
  db: Db,
  input: { vaultId: string; webhookId: string },
  actor: Actor,
): Promise<ServiceResult<{ id: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Remove webhook",
    permission: "notificationSettings",
  } as const;
  return withActivity(db, scope, String(input?.webhookId ?? ""), async () => {
    const parsed = removeWebhookSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, webhookId } = parsed.data;
    return inTransaction(db, async (tx) => {
      const webhook = await tx.webhook.findFirst({
        where: { id: webhookId, vaultId },
        select: { id: true, url: true, vault: { select: { name: true } } },
      });
      if (!webhook) return fail("ResourceNotFound", "The webhook was not found.");
      await tx.webhook.delete({ where: { id: webhook.id } });
      // Its notifications not sent yet are given up with the reason, for the delivery log.
      await tx.notification.updateMany({
        where: { webhookId: webhook.id, status: "Pending" },
        data: { status: "Failed", lastError: "The webhook was removed from the vault's notification settings." },
      });
      await recordActivity(tx, scope, `${webhook.vault.name}/webhooks/${webhook.id}`, {
        url: [maskedUrl(webhook.url), null],
      });
      return ok({ id: webhook.id });
    });
  });
}

export async function addSuppressionWindow(
  db: Db,
  input: SuppressionWindowInput,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ id: string; name: string; startsAt: Date; endsAt: Date }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Add suppression window",
    permission: "notificationSettings",
  } as const;
  return withActivity(db, scope, String(input?.vaultId ?? ""), async () => {
    const parsed = suppressionWindowSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, name, startsAt, endsAt } = parsed.data;
    if (endsAt.getTime() <= now.getTime()) {
      const message = "The window has already ended.";
      return fail("BadRequest", message, { endsAt: [message] });
    }
    return inTransaction(db, async (tx) => {
      const vault = await tx.vault.findUnique({ where: { id: vaultId }, select: { id: true, name: true } });
      if (!vault) return fail("ResourceNotFound", "The vault was not found.");
      const window = await tx.suppressionWindow.create({
        data: { vaultId, name, startsAt, endsAt, createdBy: actor.email },
        select: { id: true, name: true, startsAt: true, endsAt: true },
      });
      await recordActivity(tx, scope, `${vault.name}/suppressionWindows/${name}`, {
        startsAt: [null, startsAt.toISOString()],
        endsAt: [null, endsAt.toISOString()],
      });
      return ok(window);
    });
  });
}

export async function removeSuppressionWindow(
  db: Db,
  input: { vaultId: string; windowId: string },
  actor: Actor,
): Promise<ServiceResult<{ id: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Remove suppression window",
    permission: "notificationSettings",
  } as const;
  return withActivity(db, scope, String(input?.windowId ?? ""), async () => {
    const parsed = removeSuppressionWindowSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, windowId } = parsed.data;
    return inTransaction(db, async (tx) => {
      const window = await tx.suppressionWindow.findFirst({
        where: { id: windowId, vaultId },
        select: { id: true, name: true, startsAt: true, endsAt: true, vault: { select: { name: true } } },
      });
      if (!window) return fail("ResourceNotFound", "The suppression window was not found.");
      await tx.suppressionWindow.delete({ where: { id: window.id } });
      await recordActivity(tx, scope, `${window.vault.name}/suppressionWindows/${window.name}`, {
        startsAt: [window.startsAt.toISOString(), null],
        endsAt: [window.endsAt.toISOString(), null],
      });
      return ok({ id: window.id });
    });
  });
}

export type DeliveryLogEntry = {
  id: string;
  kind: "Alert" | "Digest" | "DailySummary";
  channel: "Email" | "Webhook";
  recipient: string;
  subject: string;
  alertIds: string[];
  status: "Pending" | "Delivered" | "Failed" | "Suppressed";
  createdAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  deliveredAt: Date | null;
  lastError: string | null;
  attemptLog: Array<{
    id: string;
    at: Date;
    succeeded: boolean;
    statusCode: number | null;
    response: string;
    durationMs: number;
  }>;
};

/** The vault's notifications, newest first, each with its attempts (newest first). */
export async function listDeliveries(
  db: Db,
  vaultId: string,
  actor: Actor,
  { take = 50 }: { take?: number } = {},
): Promise<ServiceResult<DeliveryLogEntry[]>> {
  const denied = await readDenied(db, actor, vaultId);
  if (denied) return denied;
  const full = await mayChange(db, actor, vaultId);
  const rows = await db.notification.findMany({
    where: { vaultId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: Math.min(Math.max(1, Math.floor(take) || 50), 500),
    select: {
      id: true,
      kind: true,
      channel: true,
      recipient: true,
      subject: true,
      alertIds: true,
      status: true,
      createdAt: true,
      nextAttemptAt: true,
      attempts: true,
      deliveredAt: true,
      lastError: true,
      attemptLog: {
        orderBy: { at: "desc" },
        take: 50,
        select: { id: true, at: true, succeeded: true, statusCode: true, response: true, durationMs: true },
      },
    },
  });
  return ok(
    rows.map((row) => ({
      ...row,
      recipient: row.channel === "Webhook" && !full ? maskedUrl(row.recipient) : row.recipient,
      alertIds: Array.isArray(row.alertIds) ? (row.alertIds as string[]) : [],
    })),
  );
}
