import { describe, expect, it } from "vitest";
import {
  alertWebhookPayload,
  digestWebhookPayload,
  inSuppressionWindow,
  nextAttemptAt,
  type NotifiedAlert,
  notifiesSeverity,
  previousUtcDay,
  renderAlertEmail,
  renderDailySummaryEmail,
  renderDigestEmail,
  summaryWebhookPayload,
  utcHourStart,
} from "@/lib/domain/alerts/notifications";

const vault = { id: "v1", name: "vault-prod-weu", subscriptionId: "sub-1", resourceGroup: "rg-prod" };
const alert: NotifiedAlert = {
  id: "a1",
  alertType: "BackupFailure",
  severity: "Sev1",
  resourceName: "legacy-app-01",
  errorCode: "UserErrorVmNotFoundV2",
  title: "Backup failed for legacy-app-01",
  message: "The virtual machine doesn't exist.",
  recommendations: ["Stop protection of the deleted VM."],
  occurrences: 1,
  firedAt: new Date("2026-11-28T10:15:00Z"),
  latestJobId: "j1",
};
const at = (iso: string) => new Date(iso);

describe("who is notified", () => {
  it("by severity", () => {
    expect(notifiesSeverity({ severities: ["Sev0", "Sev1"] }, "Sev1")).toBe(true);
    expect(notifiesSeverity({ severities: ["Sev0"] }, "Sev2")).toBe(false);
    expect(notifiesSeverity({ severities: [] }, "Sev0")).toBe(false);
  });

  it("not inside a suppression window: its start counts, its end doesn't", () => {
    const windows = [{ startsAt: at("2026-11-28T10:00:00Z"), endsAt: at("2026-11-28T12:00:00Z") }];
    expect(inSuppressionWindow(windows, at("2026-11-28T09:59:59Z"))).toBe(false);
    expect(inSuppressionWindow(windows, at("2026-11-28T10:00:00Z"))).toBe(true);
    expect(inSuppressionWindow(windows, at("2026-11-28T11:59:59Z"))).toBe(true);
    expect(inSuppressionWindow(windows, at("2026-11-28T12:00:00Z"))).toBe(false);
    expect(inSuppressionWindow([], at("2026-11-28T11:00:00Z"))).toBe(false);
  });
});

describe("retries", () => {
  const created = at("2026-11-28T00:00:00Z");
  const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

  it("wait 30 s, then twice as long each time, at most an hour", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 20].map(
      (attempts) => nextAttemptAt(created, attempts, created)!.getTime() - created.getTime(),
    );
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600].map((seconds) => seconds * 1000));
  });

  it("end 24 hours after the notification was planned: the last attempt at 24 h, then none", () => {
    expect(nextAttemptAt(created, 30, plus(created, 23.5 * 3_600_000))).toEqual(plus(created, 24 * 3_600_000));
    expect(nextAttemptAt(created, 31, plus(created, 24 * 3_600_000))).toBeNull();
    expect(nextAttemptAt(created, 2, plus(created, 25 * 3_600_000))).toBeNull();
  });

  it("the schedule of a receiver that never answers: about 30 attempts in 24 hours", () => {
    let now = created;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(created, attempts, now);
      if (!next) break;
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      now = next;
    }
    expect(attempts).toBeGreaterThan(25);
    expect(attempts).toBeLessThan(35);
    expect(now).toEqual(plus(created, 24 * 3_600_000));
  });
});

describe("times", () => {
  it("the UTC hour and the previous UTC day", () => {
    expect(utcHourStart(at("2026-11-28T10:59:59.999Z"))).toEqual(at("2026-11-28T10:00:00Z"));
    expect(previousUtcDay(at("2026-11-28T00:00:30Z"))).toEqual({
      day: "2026-11-27",
      start: at("2026-11-27T00:00:00Z"),
      end: at("2026-11-28T00:00:00Z"),
    });
  });
});

describe("messages", () => {
  const portal = "https://backup.contoso.com/";

  it("one alert's e-mail names the severity, type, item and vault, with the error, actions and links", () => {
    const mail = renderAlertEmail(alert, vault, portal);
    expect(mail.subject).toBe("[Vault Portal] Sev1 Backup failure: legacy-app-01 in vault vault-prod-weu");
    expect(mail.body).toContain("Vault: vault-prod-weu");
    expect(mail.body).toContain("Item: legacy-app-01");
    expect(mail.body).toContain("Error code: UserErrorVmNotFoundV2");
    expect(mail.body).toContain("Message: The virtual machine doesn't exist.");
    expect(mail.body).toContain("  - Stop protection of the deleted VM.");
    expect(mail.body).toContain("Fired: 11/28/2026, 10:15 AM UTC");
    expect(mail.body).toContain("https://backup.contoso.com/vaults/v1/alerts/a1");
    expect(mail.body).toContain("https://backup.contoso.com/vaults/v1/jobs/j1");
  });

  it("a subject stays one line whatever the names hold", () => {
    const mail = renderAlertEmail({ ...alert, resourceName: "evil\r\nBcc: x@y.z" }, vault, portal);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("an hourly digest lists every alert, most severe first", () => {
    const security = { ...alert, id: "a2", alertType: "DeleteBackupData" as const, severity: "Sev0" as const };
    const digest = renderDigestEmail([alert, security], vault, at("2026-11-28T11:00:00Z"), portal);
    expect(digest.subject).toBe(
      "[Vault Portal] 2 alerts in vault vault-prod-weu before 11/28/2026, 11:00 AM UTC (worst Sev0)",
    );
    expect(digest.body.indexOf("1. Sev0 Delete backup data")).toBeGreaterThan(0);
    expect(digest.body.indexOf("2. Sev1 Backup failure")).toBeGreaterThan(digest.body.indexOf("1. Sev0"));
    const payload = digestWebhookPayload([alert, security], vault, at("2026-11-28T11:00:00Z"), portal);
    expect(payload.schemaId).toBe("vaultPortalDigest");
    expect(payload.data.alerts.map((entry) => entry.alertId)).toEqual(["a2", "a1"]);
  });

  it("the daily summary counts the day's Backup jobs", () => {
    const counts = { completed: 10, completedWithWarnings: 1, failed: 2 };
    const mail = renderDailySummaryEmail(vault, "2026-11-27", counts, portal);
    expect(mail.subject).toBe(
      "[Vault Portal] Daily backup summary for vault vault-prod-weu, 2026-11-27: 10 completed, 1 with warnings, 2 failed",
    );
    expect(mail.body).toContain("Total: 13");
    expect(summaryWebhookPayload(vault, "2026-11-27", counts, portal)).toMatchObject({
      schemaId: "vaultPortalDailySummary",
      data: { day: "2026-11-27", backupJobs: { completed: 10, failed: 2, total: 13 } },
    });
  });

  it("one alert's webhook is Azure Monitor's common alert schema", () => {
    const payload = alertWebhookPayload(alert, vault, portal);
    expect(payload).toEqual({
      schemaId: "azureMonitorCommonAlertSchema",
      data: {
        essentials: {
          alertId: "/subscriptions/sub-1/providers/Microsoft.AlertsManagement/alerts/a1",
          alertRule: "Backup failure",
          severity: "Sev1",
          signalType: "Log",
          monitorCondition: "Fired",
          monitoringService: "Azure Backup",
          alertTargetIDs: [
            "/subscriptions/sub-1/resourceGroups/rg-prod/providers/Microsoft.RecoveryServices/vaults/vault-prod-weu",
          ],
          firedDateTime: "2026-11-28T10:15:00.000Z",
          description: "Backup failed for legacy-app-01: The virtual machine doesn't exist.",
          essentialsVersion: "1.0",
          alertContextVersion: "1.0",
        },
        alertContext: expect.objectContaining({
          item: "legacy-app-01",
          errorCode: "UserErrorVmNotFoundV2",
          recommendations: ["Stop protection of the deleted VM."],
          links: {
            alert: "https://backup.contoso.com/vaults/v1/alerts/a1",
            job: "https://backup.contoso.com/vaults/v1/jobs/j1",
          },
        }),
      },
    });
  });
});
