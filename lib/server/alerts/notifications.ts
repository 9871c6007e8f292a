// Planning notifications into the outbox (Notification), at each engine tick and after a tick's
// backups: what each vault's settings ask for, once, whichever engine gets there first. Delivery
// is lib/server/alerts/delivery.ts.
//
// - Per alert: an alert not yet notified (Alert.notifiedAt null) is claimed by a conditional update
//   (null → now) in the transaction that writes its notifications, one per recipient, so two
//   engines never plan one alert twice. An alert fired inside a suppression window gets its rows
//   as Suppressed (in the delivery log, never sent).
// - Hourly digest: at an engine's first pass of each UTC hour, the alerts fired before it not yet
//   notified, claimed one by one in the digest's transaction, in one message per recipient.
// - Daily summary: at the first pass of each UTC hour, unless planned already that UTC day, the
//   previous day's Backup jobs by result.
//
// A vault without settings (or whose settings don't select an alert's severity) has its alerts
// claimed with nothing to send, so they don't pile up for settings made later.
import type { Prisma } from "@/generated/sqlite/client";
import type { AlertSeverity } from "@/lib/domain/alerts/alerts";
import {
  alertDedupeKey,
  alertWebhookPayload,
  type DailyCounts,
  digestDedupeKey,
  digestWebhookPayload,
  notifiesSeverity,
  type NotifiedAlert,
  type NotifiedVault,
  previousUtcDay,
  recipientKey,
  renderAlertEmail,
  renderDailySummaryEmail,
  renderDigestEmail,
  summaryDedupeKey,
  summaryWebhookPayload,
  suppressionWindowAt,
  utcHourStart,
} from "@/lib/domain/alerts/notifications";
import { type Db, isUniqueViolation } from "@/lib/server/db";

/** Alerts read per pass (oldest first); more wait for the next pass. */
const ALERTS_PER_PASS = 500;
/** Alerts in one digest at most; more go in the next hour's. */
const ALERTS_PER_DIGEST = 200;

export type PlanReport = {
  /** Alerts this pass claimed (notified, or marked with nothing to send). */
  alerts: number;
  /** Notification rows written (Suppressed ones included). */
  notifications: number;
};

const ALERT_FIELDS = {
  id: true,
  vaultId: true,
  alertType: true,
  severity: true,
  resourceName: true,
  errorCode: true,
  title: true,
  message: true,
  recommendations: true,
  occurrences: true,
  firedAt: true,
  latestJobId: true,
} satisfies Prisma.AlertSelect;

type AlertRow = Prisma.AlertGetPayload<{ select: typeof ALERT_FIELDS }>;

function notified(row: AlertRow): NotifiedAlert {
  return {
    ...row,
    recommendations: Array.isArray(row.recommendations) ? (row.recommendations as string[]) : [],
  };
}

type Recipients = {
  emails: string[];
  webhooks: Array<{ id: string; url: string }>;
};

type VaultSettings = {
  vault: NotifiedVault;
  frequency: "PerAlert" | "HourlyDigest";
  severities: string[];
  dailySummary: boolean;
  recipients: Recipients;
};

const SETTINGS_FIELDS = {
  vaultId: true,
  emailRecipients: true,
  frequency: true,
  severities: true,
  dailySummary: true,
  vault: {
    select: {
      id: true,
      name: true,
      subscriptionId: true,
      resourceGroup: true,
      webhooks: { select: { id: true, url: true }, orderBy: { createdAt: "asc" } },
    },
  },
} satisfies Prisma.NotificationSettingsSelect;

function settingsOf(row: Prisma.NotificationSettingsGetPayload<{ select: typeof SETTINGS_FIELDS }>): VaultSettings {
  const { webhooks, ...vault } = row.vault;
  return {
    vault,
    frequency: row.frequency,
    severities: Array.isArray(row.severities) ? (row.severities as string[]) : [],
    dailySummary: row.dailySummary,
    recipients: {
      emails: Array.isArray(row.emailRecipients) ? (row.emailRecipients as string[]) : [],
      webhooks,
    },
  };
}

/** One message for every recipient: the e-mail text to addresses, the JSON to webhooks. */
type Message = { email: { subject: string; body: string }; webhook: unknown };

function outboxRows(
  settings: VaultSettings,
  message: Message,
  kind: "Alert" | "Digest" | "DailySummary",
  alertIds: string[],
  dedupeKey: (recipient: string) => string,
  now: Date,
  suppressedBy: string | null,
): Prisma.NotificationCreateManyInput[] {
  const common = {
    vaultId: settings.vault.id,
    kind,
    alertIds,
    status: suppressedBy ? ("Suppressed" as const) : ("Pending" as const),
    lastError: suppressedBy,
    createdAt: now,
    nextAttemptAt: now,
  };
  const seen = new Set<string>();
  const emails = settings.recipients.emails.filter((email) => {
    const key = recipientKey({ email });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const webhookBody = JSON.stringify(message.webhook);
  return [
    ...emails.map((email) => ({
      ...common,
      dedupeKey: dedupeKey(recipientKey({ email })),
      channel: "Email" as const,
      recipient: email,
      subject: message.email.subject,
      body: message.email.body,
    })),
    ...settings.recipients.webhooks.map((webhook) => ({
      ...common,
      dedupeKey: dedupeKey(recipientKey({ webhookId: webhook.id })),
      channel: "Webhook" as const,
      recipient: webhook.url,
      webhookId: webhook.id,
      subject: message.email.subject,
      body: webhookBody,
    })),
  ];
}

export type NotificationPlanner = { plan(now: Date): Promise<PlanReport> };

/**
 * An engine's planner: per-alert notifications at every pass; digests and summaries at its first
 * pass of each UTC hour (a digest is due once an hour, a summary once a day), which spares the
 * engine's ticks their queries the rest of the hour.
 */
export function createNotificationPlanner(db: Db, portalUrl: string): NotificationPlanner {
  let scheduledHour: number | null = null;
  let digestVaults: string[] = [];
  return {
    async plan(now) {
      let report: PlanReport = { alerts: 0, notifications: 0 };
      const hour = utcHourStart(now).getTime();
      if (hour !== scheduledHour) {
        const scheduled = await planScheduledNotifications(db, now, portalUrl);
        digestVaults = scheduled.digestVaults;
        scheduledHour = hour;
        report = scheduled.report;
      }
      return sum(report, await planAlertNotifications(db, now, portalUrl, digestVaults));
    },
  };
}

function sum(a: PlanReport, b: PlanReport): PlanReport {
  return { alerts: a.alerts + b.alerts, notifications: a.notifications + b.notifications };
}

/** The hour's digests and the day's summaries; returns the digest vaults too. */
export async function planScheduledNotifications(
  db: Db,
  now: Date,
  portalUrl: string,
): Promise<{ report: PlanReport; digestVaults: string[] }> {
  const report: PlanReport = { alerts: 0, notifications: 0 };
  const rows = await db.notificationSettings.findMany({
    where: { OR: [{ frequency: "HourlyDigest" }, { dailySummary: true }] },
    select: SETTINGS_FIELDS,
  });
  for (const row of rows) {
    const settings = settingsOf(row);
    if (settings.frequency === "HourlyDigest") {
      const digest = await planDigest(db, settings, now, portalUrl);
      report.alerts += digest.alerts;
      report.notifications += digest.notifications;
    }
    if (settings.dailySummary) report.notifications += await planDailySummary(db, settings, now, portalUrl);
  }
  return { report, digestVaults: rows.filter((row) => row.frequency === "HourlyDigest").map((row) => row.vaultId) };
}

/**
 * The alerts not yet notified of vaults that notify per alert (the digest vaults' alerts wait for
 * their hour, out of the way), and of vaults without settings (claimed with nothing to send).
 */
export async function planAlertNotifications(
  db: Db,
  now: Date,
  portalUrl: string,
  digestVaults: string[],
): Promise<PlanReport> {
  const report: PlanReport = { alerts: 0, notifications: 0 };
  const pending = await db.alert.findMany({
    where: { notifiedAt: null, ...(digestVaults.length > 0 ? { vaultId: { notIn: digestVaults } } : {}) },
    orderBy: { firedAt: "asc" },
    take: ALERTS_PER_PASS,
    select: ALERT_FIELDS,
  });
  if (pending.length === 0) return report;
  const vaultIds = [...new Set(pending.map((alert) => alert.vaultId))];
  const settingsRows = await db.notificationSettings.findMany({
    where: { vaultId: { in: vaultIds } },
    select: SETTINGS_FIELDS,
  });
  const settingsByVault = new Map(settingsRows.map((row) => [row.vaultId, settingsOf(row)]));

  // Alerts of vaults nobody is notified of: claimed, nothing to send.
  const unheard = pending.filter((alert) => !settingsByVault.has(alert.vaultId)).map((alert) => alert.id);
  if (unheard.length > 0) {
    const marked = await db.alert.updateMany({
      where: { id: { in: unheard }, notifiedAt: null },
      data: { notifiedAt: now },
    });
    report.alerts += marked.count;
  }

  for (const settings of settingsByVault.values()) {
    // A vault switched to the hourly digest since the engine's last look: its alerts wait for the hour.
    if (settings.frequency !== "PerAlert") continue;
    const alerts = pending.filter((alert) => alert.vaultId === settings.vault.id);
    const windows = await suppressionWindows(db, settings.vault.id, alerts);
    for (const alert of alerts) {
      const written = await planAlert(db, settings, notified(alert), windows, now, portalUrl);
      if (written !== null) {
        report.alerts++;
        report.notifications += written;
      }
    }
  }
  return report;
}

async function suppressionWindows(db: Db, vaultId: string, alerts: Array<{ firedAt: Date }>) {
  if (alerts.length === 0) return [];
  const oldest = new Date(Math.min(...alerts.map((alert) => alert.firedAt.getTime())));
  return db.suppressionWindow.findMany({
    where: { vaultId, endsAt: { gt: oldest } },
    select: { name: true, startsAt: true, endsAt: true },
    orderBy: { startsAt: "asc" },
  });
}

function suppressionReason(windows: Array<{ name: string; startsAt: Date; endsAt: Date }>, at: Date): string | null {
  const window = suppressionWindowAt(windows, at);
  return window ? `Suppressed: fired during the suppression window '${window.name}'.` : null;
}

/**
 * Claims one alert and writes its notifications, in one transaction; null when another engine
 * claimed it first, else the number of rows written.
 */
async function planAlert(
  db: Db,
  settings: VaultSettings,
  alert: NotifiedAlert,
  windows: Array<{ name: string; startsAt: Date; endsAt: Date }>,
  now: Date,
  portalUrl: string,
): Promise<number | null> {
  const message: Message = {
    email: renderAlertEmail(alert, settings.vault, portalUrl),
    webhook: alertWebhookPayload(alert, settings.vault, portalUrl),
  };
  return db.$transaction(async (tx) => {
    const claimed = await tx.alert.updateMany({ where: { id: alert.id, notifiedAt: null }, data: { notifiedAt: now } });
    if (claimed.count === 0) return null;
    if (!notifiesSeverity(settings, alert.severity as AlertSeverity)) return 0;
    const rows = outboxRows(
      settings,
      message,
      "Alert",
      [alert.id],
      (recipient) => alertDedupeKey(alert.id, recipient),
      now,
      suppressionReason(windows, alert.firedAt),
    );
    if (rows.length > 0) await tx.notification.createMany({ data: rows });
    return rows.length;
  });
}

/**
 * The digest of the hour that began before `now`: the vault's alerts fired before it and not yet
 * notified, once per hour. Planned already this hour (by this engine or another): the alerts that
 * came in late wait for the next hour's.
 */
async function planDigest(db: Db, settings: VaultSettings, now: Date, portalUrl: string): Promise<PlanReport> {
  const vaultId = settings.vault.id;
  const hour = utcHourStart(now);
  const candidates = await db.alert.findMany({
    where: { vaultId, notifiedAt: null, firedAt: { lt: hour } },
    orderBy: { firedAt: "asc" },
    take: ALERTS_PER_DIGEST,
    select: ALERT_FIELDS,
  });
  if (candidates.length === 0) return { alerts: 0, notifications: 0 };
  const windows = await suppressionWindows(db, vaultId, candidates);
  try {
    return await db.$transaction(async (tx) => {
      const planned = await tx.notification.findFirst({
        where: { vaultId, kind: "Digest", createdAt: { gte: hour } },
        select: { id: true },
      });
      if (planned) return { alerts: 0, notifications: 0 };
      const claimed: NotifiedAlert[] = [];
      for (const alert of candidates) {
        const claim = await tx.alert.updateMany({
          where: { id: alert.id, notifiedAt: null },
          data: { notifiedAt: now },
        });
        if (claim.count === 1) claimed.push(notified(alert));
      }
      const included = claimed.filter(
        (alert) => notifiesSeverity(settings, alert.severity) && !suppressionReason(windows, alert.firedAt),
      );
      if (included.length === 0) return { alerts: claimed.length, notifications: 0 };
      const message: Message = {
        email: renderDigestEmail(included, settings.vault, hour, portalUrl),
        webhook: digestWebhookPayload(included, settings.vault, hour, portalUrl),
      };
      const rows = outboxRows(
        settings,
        message,
        "Digest",
        included.map((alert) => alert.id),
        (recipient) => digestDedupeKey(vaultId, hour, recipient),
        now,
        null,
      );
      if (rows.length > 0) await tx.notification.createMany({ data: rows });
      return { alerts: claimed.length, notifications: rows.length };
    });
  } catch (error) {
    // Another engine wrote this hour's digest meanwhile; its transaction took the alerts it saw.
    if (isUniqueViolation(error)) return { alerts: 0, notifications: 0 };
    throw error;
  }
}

/** The summary of the previous UTC day's Backup jobs, once a day per recipient. */
async function planDailySummary(db: Db, settings: VaultSettings, now: Date, portalUrl: string): Promise<number> {
  const vaultId = settings.vault.id;
  const { day, start, end } = previousUtcDay(now);
  const today = end;
  const plannedToday = (client: Pick<Db, "notification">) =>
    client.notification.findFirst({
      where: { vaultId, kind: "DailySummary", createdAt: { gte: today } },
      select: { id: true },
    });
  if (settings.recipients.emails.length + settings.recipients.webhooks.length === 0) return 0;
  if (await plannedToday(db)) return 0;
  const groups = await db.job.groupBy({
    by: ["status"],
    where: {
      vaultId,
      operation: "Backup",
      startTime: { gte: start, lt: end },
      status: { in: ["Completed", "CompletedWithWarnings", "Failed"] },
    },
    _count: { _all: true },
  });
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  const counts: DailyCounts = {
    completed: count("Completed"),
    completedWithWarnings: count("CompletedWithWarnings"),
    failed: count("Failed"),
  };
  const message: Message = {
    email: renderDailySummaryEmail(settings.vault, day, counts, portalUrl),
    webhook: summaryWebhookPayload(settings.vault, day, counts, portalUrl),
  };
  const rows = outboxRows(
    settings,
    message,
    "DailySummary",
    [],
    (recipient) => summaryDedupeKey(vaultId, day, recipient),
    now,
    null,
  );
  try {
    return await db.$transaction(async (tx) => {
      if (await plannedToday(tx)) return 0;
      await tx.notification.createMany({ data: rows });
      return rows.length;
    });
  } catch (error) {
    // Another engine planned it meanwhile (the dedupe key): theirs goes.
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
}
