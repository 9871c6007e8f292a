// Notifications of alerts: who hears of which alert and when (severities, suppression windows), how
// long a delivery is retried, and what is sent: the e-mails (one alert, an hourly digest, a daily
// summary) and the webhooks' JSON (Azure Monitor's common alert schema for one alert, our own shape
// for a digest or a summary). Pure: the time and the portal's address are arguments.
import { ALERT_CATEGORIES, ALERT_TYPE_LABELS, type AlertSeverity, type AlertType } from "./alerts";
import { formatDateTime } from "@/lib/domain/format/time";

export const NOTIFICATION_FREQUENCIES = ["PerAlert", "HourlyDigest"] as const;
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];

export const NOTIFICATION_FREQUENCY_LABELS: Record<NotificationFrequency, string> = {
  PerAlert: "Per alert",
  HourlyDigest: "Hourly digest",
};

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The first retry waits this long; each later one twice as long as the one before. */
export const FIRST_RETRY_MS = 30 * SECOND_MS;
/** No wait between two attempts is longer. */
export const MAX_RETRY_MS = HOUR_MS;
/** A notification not delivered this long after it was planned is given up (Failed). */
export const GIVE_UP_AFTER_MS = 24 * HOUR_MS;

/** Whether the vault's settings notify alerts of this severity. */
export function notifiesSeverity(settings: { severities: readonly string[] }, severity: AlertSeverity): boolean {
  return settings.severities.includes(severity);
}

export type SuppressionWindowSpan = { startsAt: Date; endsAt: Date };

/** The first of the windows `at` falls in (from startsAt, inclusive, until endsAt, exclusive), or null. */
export function suppressionWindowAt<W extends SuppressionWindowSpan>(windows: readonly W[], at: Date): W | null {
  const time = at.getTime();
  return windows.find((window) => window.startsAt.getTime() <= time && time < window.endsAt.getTime()) ?? null;
}

/** Whether `at` falls in one of the windows. */
export function inSuppressionWindow(windows: readonly SuppressionWindowSpan[], at: Date): boolean {
  return suppressionWindowAt(windows, at) !== null;
}

/**
 * When to try a notification again after its `attempts`-th failed attempt (at `now`): 30 s after
 * the first, doubling, at most an hour apart; the last attempt is at 24 hours after it was
 * planned, and after that null (give up).
 */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const deadline = createdAt.getTime() + GIVE_UP_AFTER_MS;
  if (now.getTime() >= deadline) return null;
  const exponent = Math.max(0, attempts - 1);
  // 2^7 × 30 s is past the hour: no need to compute larger powers.
  const delay = exponent >= 7 ? MAX_RETRY_MS : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
  return new Date(Math.min(now.getTime() + delay, deadline));
}

/** The start of the UTC hour of `at`. */
export function utcHourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The UTC day before `at`'s, as YYYY-MM-DD, with its start and end. */
export function previousUtcDay(at: Date): { day: string; start: Date; end: Date } {
  const end = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  const start = new Date(end.getTime() - DAY_MS);
  return { day: start.toISOString().slice(0, 10), start, end };
}

// Dedupe keys of the outbox (Notification.dedupeKey): one notification per recipient and alert,
// digest hour or summary day. A recipient is an e-mail address or "webhook:<webhook id>".
export const recipientKey = (recipient: { email: string } | { webhookId: string }) =>
  "email" in recipient ? recipient.email.toLowerCase() : `webhook:${recipient.webhookId}`;
export const alertDedupeKey = (alertId: string, recipient: string) => `alert:${alertId}:${recipient}`;
export const digestDedupeKey = (vaultId: string, hourStart: Date, recipient: string) =>
  `digest:${vaultId}:${hourStart.toISOString()}:${recipient}`;
export const summaryDedupeKey = (vaultId: string, day: string, recipient: string) =>
  `summary:${vaultId}:${day}:${recipient}`;

// What the messages tell.

export type NotifiedVault = { id: string; name: string; subscriptionId: string; resourceGroup: string };

export type NotifiedAlert = {
  id: string;
  alertType: AlertType;
  severity: AlertSeverity;
  resourceName: string;
  errorCode: string;
  title: string;
  message: string;
  recommendations: string[];
  occurrences: number;
  firedAt: Date;
  latestJobId: string | null;
};

export type DailyCounts = { completed: number; completedWithWarnings: number; failed: number };

export type RenderedMessage = { subject: string; body: string };

const SUBJECT_PREFIX = "[Vault Portal]";

function trimmed(portalUrl: string): string {
  return portalUrl.replace(/\/+$/, "");
}

export function alertUrl(portalUrl: string, vaultId: string, alertId: string): string {
  return `${trimmed(portalUrl)}/vaults/${encodeURIComponent(vaultId)}/alerts/${encodeURIComponent(alertId)}`;
}

export function jobUrl(portalUrl: string, vaultId: string, jobId: string): string {
  return `${trimmed(portalUrl)}/vaults/${encodeURIComponent(vaultId)}/jobs/${encodeURIComponent(jobId)}`;
}

export function alertsUrl(portalUrl: string, vaultId: string): string {
  return `${trimmed(portalUrl)}/vaults/${encodeURIComponent(vaultId)}/alerts`;
}

export function jobsUrl(portalUrl: string, vaultId: string): string {
  return `${trimmed(portalUrl)}/vaults/${encodeURIComponent(vaultId)}/jobs`;
}

/** The vault's Azure resource ID (what Azure Monitor lists in alertTargetIDs). */
export function vaultResourceId(vault: NotifiedVault): string {
  return `/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}`;
}

/** Subjects are one line: a name can't inject a header. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

function alertSubject(alert: NotifiedAlert, vault: NotifiedVault): string {
  return oneLine(
    `${SUBJECT_PREFIX} ${alert.severity} ${ALERT_TYPE_LABELS[alert.alertType]}: ${alert.resourceName} in vault ${vault.name}`,
  );
}

function alertLines(alert: NotifiedAlert, vault: NotifiedVault, portalUrl: string): string[] {
  const lines = [
    `Alert: ${alert.title}`,
    `Severity: ${alert.severity}`,
    `Category: ${ALERT_CATEGORIES[alert.alertType]}`,
    `Vault: ${vault.name} (resource group ${vault.resourceGroup})`,
    `Item: ${alert.resourceName}`,
    `Error code: ${alert.errorCode || "none"}`,
    `Message: ${alert.message}`,
    `Fired: ${formatDateTime(alert.firedAt, "UTC")}`,
  ];
  if (alert.occurrences > 1) lines.push(`Occurrences: ${alert.occurrences}`);
  if (alert.recommendations.length > 0) {
    lines.push("Recommended actions:", ...alert.recommendations.map((action) => `  - ${action}`));
  }
  lines.push(`Alert: ${alertUrl(portalUrl, vault.id, alert.id)}`);
  if (alert.latestJobId) lines.push(`Job: ${jobUrl(portalUrl, vault.id, alert.latestJobId)}`);
  return lines;
}

const FOOTER = [
  "",
  "--",
  "You receive this because your address is in the vault's notification settings (vault → Alerts → Notifications).",
];

/** The e-mail of one alert. */
export function renderAlertEmail(alert: NotifiedAlert, vault: NotifiedVault, portalUrl: string): RenderedMessage {
  return {
    subject: alertSubject(alert, vault),
    body: [...alertLines(alert, vault, portalUrl), ...FOOTER].join("\n") + "\n",
  };
}

function digestSubject(alerts: readonly NotifiedAlert[], vault: NotifiedVault, hourStart: Date): string {
  const worst = [...alerts.map((alert) => alert.severity)].sort()[0] ?? "Sev2";
  return oneLine(
    `${SUBJECT_PREFIX} ${alerts.length} ${alerts.length === 1 ? "alert" : "alerts"} in vault ${vault.name} before ${formatDateTime(hourStart, "UTC")} (worst ${worst})`,
  );
}

/** The hourly digest's e-mail: the alerts fired before `hourStart` not notified yet, most severe first. */
export function renderDigestEmail(
  alerts: readonly NotifiedAlert[],
  vault: NotifiedVault,
  hourStart: Date,
  portalUrl: string,
): RenderedMessage {
  const ordered = orderedForDigest(alerts);
  const sections = ordered.flatMap((alert, index) => [
    `${index + 1}. ${alert.severity} ${ALERT_TYPE_LABELS[alert.alertType]}: ${alert.resourceName}`,
    ...alertLines(alert, vault, portalUrl).map((line) => `   ${line}`),
    "",
  ]);
  return {
    subject: digestSubject(alerts, vault, hourStart),
    body:
      [
        `${ordered.length} ${ordered.length === 1 ? "alert" : "alerts"} fired in vault ${vault.name} before ${formatDateTime(hourStart, "UTC")}.`,
        `All alerts of the vault: ${alertsUrl(portalUrl, vault.id)}`,
        "",
        ...sections,
        ...FOOTER.slice(1),
      ].join("\n") + "\n",
  };
}

function orderedForDigest(alerts: readonly NotifiedAlert[]): NotifiedAlert[] {
  return [...alerts].sort(
    (a, b) =>
      a.severity.localeCompare(b.severity) || a.firedAt.getTime() - b.firedAt.getTime() || a.id.localeCompare(b.id),
  );
}

/** The daily summary's e-mail: the vault's Backup jobs of the previous UTC day, by result. */
export function renderDailySummaryEmail(
  vault: NotifiedVault,
  day: string,
  counts: DailyCounts,
  portalUrl: string,
): RenderedMessage {
  const total = counts.completed + counts.completedWithWarnings + counts.failed;
  return {
    subject: oneLine(
      `${SUBJECT_PREFIX} Daily backup summary for vault ${vault.name}, ${day}: ${counts.completed} completed, ${counts.completedWithWarnings} with warnings, ${counts.failed} failed`,
    ),
    body:
      [
        `Backup jobs of vault ${vault.name} started on ${day} (UTC):`,
        `  Completed: ${counts.completed}`,
        `  Completed with warnings: ${counts.completedWithWarnings}`,
        `  Failed: ${counts.failed}`,
        `  Total: ${total}`,
        "",
        `Backup jobs: ${jobsUrl(portalUrl, vault.id)}`,
        `Alerts: ${alertsUrl(portalUrl, vault.id)}`,
        ...FOOTER,
      ].join("\n") + "\n",
  };
}

// Webhooks.

/** Azure Monitor's ID of an alert (…/providers/Microsoft.AlertsManagement/alerts/<id>). */
function azureAlertId(alert: NotifiedAlert, vault: NotifiedVault): string {
  return `/subscriptions/${vault.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${alert.id}`;
}

function alertContext(alert: NotifiedAlert, vault: NotifiedVault, portalUrl: string) {
  return {
    vault: { id: vault.id, name: vault.name, resourceId: vaultResourceId(vault) },
    alertType: alert.alertType,
    category: ALERT_CATEGORIES[alert.alertType],
    item: alert.resourceName,
    title: alert.title,
    errorCode: alert.errorCode || null,
    message: alert.message,
    recommendations: alert.recommendations,
    occurrences: alert.occurrences,
    jobId: alert.latestJobId,
    links: {
      alert: alertUrl(portalUrl, vault.id, alert.id),
      job: alert.latestJobId ? jobUrl(portalUrl, vault.id, alert.latestJobId) : null,
    },
  };
}

/** One alert's webhook payload in Azure Monitor's common alert schema (our fields in alertContext). */
export function alertWebhookPayload(alert: NotifiedAlert, vault: NotifiedVault, portalUrl: string) {
  return {
    schemaId: "azureMonitorCommonAlertSchema",
    data: {
      essentials: {
        alertId: azureAlertId(alert, vault),
        alertRule: ALERT_TYPE_LABELS[alert.alertType],
        severity: alert.severity,
        signalType: "Log",
        monitorCondition: "Fired",
        monitoringService: "Azure Backup",
        alertTargetIDs: [vaultResourceId(vault)],
        firedDateTime: alert.firedAt.toISOString(),
        description: `${alert.title}: ${alert.message}`,
        essentialsVersion: "1.0",
        alertContextVersion: "1.0",
      },
      alertContext: alertContext(alert, vault, portalUrl),
    },
  };
}

/** The hourly digest's webhook payload (our own shape). */
export function digestWebhookPayload(
  alerts: readonly NotifiedAlert[],
  vault: NotifiedVault,
  hourStart: Date,
  portalUrl: string,
) {
  return {
    schemaId: "vaultPortalDigest",
    data: {
      vault: { id: vault.id, name: vault.name, resourceId: vaultResourceId(vault) },
      firedBefore: hourStart.toISOString(),
      count: alerts.length,
      alerts: orderedForDigest(alerts).map((alert) => ({
        alertId: alert.id,
        severity: alert.severity,
        firedDateTime: alert.firedAt.toISOString(),
        ...alertContext(alert, vault, portalUrl),
      })),
      links: { alerts: alertsUrl(portalUrl, vault.id) },
    },
  };
}

/** The daily summary's webhook payload (our own shape). */
export function summaryWebhookPayload(vault: NotifiedVault, day: string, counts: DailyCounts, portalUrl: string) {
  return {
    schemaId: "vaultPortalDailySummary",
    data: {
      vault: { id: vault.id, name: vault.name, resourceId: vaultResourceId(vault) },
      day,
      backupJobs: { ...counts, total: counts.completed + counts.completedWithWarnings + counts.failed },
      links: { jobs: jobsUrl(portalUrl, vault.id), alerts: alertsUrl(portalUrl, vault.id) },
    },
  };
}

/** The text a webhook's HMAC signs: "<timestamp>.<body>" (as Stripe's webhooks). */
export function signedPayload(timestamp: string, body: string): string {
  return `${timestamp}.${body}`;
}
