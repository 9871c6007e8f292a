import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alertsForJobEnd,
  DAILY_OVERDUE_MS,
  type EndedJob,
  offlineServerAlert,
  overdueAfterMs,
  overdueAlert,
  weakensSoftDelete,
} from "@/lib/domain/alerts/alerts";
import { JOB_ERRORS } from "@/lib/domain/jobs/errors";
import type { Schedule } from "@/lib/domain/policy/rules";

const HOUR = 3_600_000;
const NOW = new Date("2026-11-28T12:00:00Z");

const failedBackup: EndedJob = {
  id: "job-1",
  operation: "Backup",
  status: "Failed",
  protectedItemId: "item-1",
  entityFriendlyName: "legacy-app-01",
  backupManagementType: "AzureIaasVM",
  errorCode: JOB_ERRORS.vmNotFound.code,
  errorMessage: JOB_ERRORS.vmNotFound.message,
  recommendations: JOB_ERRORS.vmNotFound.recommendations,
  warnings: 0,
};

describe("alertsForJobEnd", () => {
  it("raises a Sev1 backup failure alert keyed by the item and error code, with Azure's message and actions", () => {
    const { fire, resolve } = alertsForJobEnd(failedBackup, true);
    expect(resolve).toEqual([]);
    expect(fire).toMatchObject({
      alertType: "BackupFailure",
      severity: "Sev1",
      scopeKey: "item:item-1",
      errorCode: "UserErrorVmNotFoundV2",
      message: JOB_ERRORS.vmNotFound.message,
      recommendations: JOB_ERRORS.vmNotFound.recommendations,
      jobId: "job-1",
      resourceName: "legacy-app-01",
    });
  });

  it("resolves the item's failure, warning and overdue alerts with a clean backup; a restore resolves restore failures only", () => {
    expect(alertsForJobEnd({ ...failedBackup, status: "Completed" }, true)).toEqual({
      fire: null,
      resolve: ["BackupFailure", "BackupWarning", "BackupOverdue"],
    });
    expect(alertsForJobEnd({ ...failedBackup, operation: "Restore", status: "Completed" }, true)).toEqual({
      fire: null,
      resolve: ["RestoreFailure"],
    });
    expect(alertsForJobEnd({ ...failedBackup, operation: "Restore" }, true).fire?.alertType).toBe("RestoreFailure");
  });

  it("raises a Warning for a Backup Agent backup with skipped files, which still resolves its failures", () => {
    const verdict = alertsForJobEnd(
      { ...failedBackup, status: "CompletedWithWarnings", backupManagementType: "MAB", warnings: 2 },
      true,
    );
    expect(verdict.resolve).toEqual(["BackupFailure", "BackupOverdue"]);
    expect(verdict.fire).toMatchObject({ alertType: "BackupWarning", severity: "Sev2" });
    expect(verdict.fire?.message).toBe("2 files or folders were not backed up.");
  });

  it("raises nothing for job failures when the vault's alertsForAllJobFailures is off, but still resolves", () => {
    expect(alertsForJobEnd(failedBackup, false)).toEqual({ fire: null, resolve: [] });
    expect(alertsForJobEnd({ ...failedBackup, status: "Completed" }, false).resolve).toContain("BackupFailure");
  });

  it("ignores jobs without an item and operations other than backup and restore", () => {
    expect(alertsForJobEnd({ ...failedBackup, protectedItemId: null }, true)).toEqual({ fire: null, resolve: [] });
    expect(alertsForJobEnd({ ...failedBackup, operation: "ConfigureBackup" }, true)).toEqual({
      fire: null,
      resolve: [],
    });
  });
});

describe("overdueAfterMs", () => {
  const at = { hour: 22, minute: 0 };
  it("gives a daily policy 36 hours", () => {
    expect(overdueAfterMs({ frequency: "Daily", times: [at] })).toBe(DAILY_OVERDUE_MS);
  });

  it("gives a weekly policy twice its longest gap between backup days", () => {
    expect(overdueAfterMs({ frequency: "Weekly", days: ["Sunday"], times: [at] })).toBe(14 * 24 * HOUR);
    // Monday and Thursday: gaps of 3 and 4 days.
    expect(overdueAfterMs({ frequency: "Weekly", days: ["Thursday", "Monday"], times: [at] })).toBe(8 * 24 * HOUR);
    const everyOtherWeek: Schedule = {
      frequency: "Weekly",
      days: ["Monday", "Friday"],
      times: [at],
      recurrence: { everyWeeks: 2, anchorMonday: { year: 2026, month: 11, day: 23 } },
    };
    expect(overdueAfterMs(everyOtherWeek)).toBe(28 * 24 * HOUR);
  });

  it("gives an hourly policy twice its longest gap, the night outside its window included", () => {
    const window = { frequency: "Hourly" as const, intervalHours: 4, windowStart: { hour: 8, minute: 0 } };
    expect(overdueAfterMs({ ...window, windowHours: 24 })).toBe(8 * HOUR);
    // 08:00–20:00 every 4 hours: the last at 16:00 (or 20:00), the next at 08:00.
    expect(overdueAfterMs({ ...window, windowHours: 12 })).toBe(32 * HOUR);
  });

  it("is never shorter than twice the interval (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(4, 6, 8, 12), fc.integer({ min: 4, max: 24 }), (intervalHours, windowHours) => {
        const allowed = overdueAfterMs({ frequency: "Hourly", intervalHours, windowStart: at, windowHours });
        expect(allowed).toBeGreaterThanOrEqual(2 * intervalHours * HOUR);
      }),
    );
  });
});

describe("overdue and offline alerts", () => {
  it("fires only after the allowed time has passed", () => {
    const item = { id: "item-1", friendlyName: "fs01" };
    expect(overdueAlert(item, new Date(NOW.getTime() - 36 * HOUR), DAILY_OVERDUE_MS, NOW)).toBeNull();
    const alert = overdueAlert(item, new Date(NOW.getTime() - 37 * HOUR), DAILY_OVERDUE_MS, NOW);
    expect(alert).toMatchObject({ alertType: "BackupOverdue", scopeKey: "item:item-1" });
    expect(alert?.title).toBe("No successful backup of fs01 for 37 hours");
  });

  it("calls a server offline after an hour without contact", () => {
    const server = { id: "srv-1", name: "fs01.contoso.com" };
    expect(offlineServerAlert(server, new Date(NOW.getTime() - HOUR), NOW)).toBeNull();
    expect(offlineServerAlert(server, new Date(NOW.getTime() - HOUR - 1), NOW)).toMatchObject({
      alertType: "ServerOffline",
      scopeKey: "server:srv-1",
      severity: "Sev2",
    });
  });
});

describe("weakensSoftDelete", () => {
  it("names disabling and shortening; enabling, lengthening and Always On are no weakening", () => {
    expect(weakensSoftDelete({ state: "Enabled", retentionDays: 14 }, { state: "Disabled", retentionDays: 14 })).toBe(
      "Soft delete was disabled.",
    );
    expect(weakensSoftDelete({ state: "Enabled", retentionDays: 30 }, { state: "Enabled", retentionDays: 14 })).toBe(
      "Soft delete retention was shortened from 30 to 14 days.",
    );
    expect(weakensSoftDelete({ state: "Disabled", retentionDays: 14 }, { state: "Enabled", retentionDays: 14 })).toBe(
      null,
    );
    expect(weakensSoftDelete({ state: "Enabled", retentionDays: 14 }, { state: "AlwaysON", retentionDays: 30 })).toBe(
      null,
    );
  });
});
