import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, jobWindow } from "@/lib/domain/jobs/display";
import { itemActions, PROTECTION_STATES, schedulerRuns } from "@/lib/domain/protection/actions";
import { lastBackupStatusView } from "@/lib/domain/protection/display";
import {
  fileFolderBackupNames,
  RESOURCE_GROUP_PATTERN,
  VAULT_NAME_PATTERN,
  virtualMachineBackupNames,
} from "@/lib/domain/azure/resources";

const allowed = (state: (typeof PROTECTION_STATES)[number], softDeleted = false) =>
  Object.entries(itemActions({ protectionState: state, softDeleted }))
    .filter(([, verdict]) => verdict.allowed)
    .map(([action]) => action)
    .sort();

describe("protection lifecycle (semantics §6.4)", () => {
  it.each(["IRPending", "Protected", "ProtectionError"] as const)(
    "%s allows backup, restore, stop and policy change",
    (state) => {
      expect(allowed(state)).toEqual(["backupNow", "changePolicy", "restore", "stopBackup"]);
      expect(schedulerRuns({ protectionState: state, softDeleted: false })).toBe(true);
    },
  );
  it.each(["ProtectionStopped", "BackupsSuspended"] as const)(
    "%s allows restore, resume and delete data only",
    (state) => {
      expect(allowed(state)).toEqual(["deleteBackupData", "restore", "resumeBackup"]);
      expect(schedulerRuns({ protectionState: state, softDeleted: false })).toBe(false);
    },
  );
  it("a soft-deleted item allows only undelete, and says why the rest are off", () => {
    expect(allowed("ProtectionStopped", true)).toEqual(["undelete"]);
    expect(itemActions({ protectionState: "ProtectionStopped", softDeleted: true }).restore.reason).toMatch(
      /soft-deleted; undelete it first/,
    );
    expect(itemActions({ protectionState: "ProtectionStopped", softDeleted: true }).backupNow.reason).toMatch(
      /soft-deleted/,
    );
    expect(itemActions({ protectionState: "ProtectionStopped", softDeleted: false }).backupNow.reason).toMatch(
      /protection stopped/,
    );
  });
});

describe("last backup status as the portal shows it", () => {
  it.each([
    [
      { protectionState: "IRPending", lastBackupStatus: null, softDeleted: false },
      "warning",
      "Warning (Initial backup pending)",
    ],
    [{ protectionState: "Protected", lastBackupStatus: "Completed", softDeleted: false }, "success", "Success"],
    [{ protectionState: "ProtectionError", lastBackupStatus: "Failed", softDeleted: false }, "error", "Failed"],
    [
      { protectionState: "Protected", lastBackupStatus: "CompletedWithWarnings", softDeleted: false },
      "warning",
      "Warning",
    ],
    [
      { protectionState: "ProtectionStopped", lastBackupStatus: "Completed", softDeleted: true },
      "error",
      "Backups disabled (soft deleted)",
    ],
  ])("%o", (item, tone, label) => {
    expect(lastBackupStatusView(item)).toEqual({ tone, label });
  });
});

describe("job display", () => {
  it("formats durations the portal's way", () => {
    expect(formatDuration(9_800)).toBe("10 sec");
    expect(formatDuration(65_000)).toBe("1 min 5 sec");
    expect(formatDuration(3_723_000)).toBe("1 hr 2 min");
    expect(formatDuration(-5)).toBe("0 sec");
  });
  it("formats sizes in binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.50 KB");
    expect(formatBytes(686 * 1024 ** 3)).toBe("686 GB");
  });
  it("turns a range into a start-time window ending now", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    expect(jobWindow("24h", now).from.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(jobWindow("7d", now).from.toISOString()).toBe("2026-11-19T12:00:00.000Z");
  });
});

describe("Azure names", () => {
  it("validates vault and resource group names", () => {
    expect(VAULT_NAME_PATTERN.test("vault-prod-01")).toBe(true);
    expect(VAULT_NAME_PATTERN.test("1vault")).toBe(false);
    expect(VAULT_NAME_PATTERN.test("v")).toBe(false);
    expect(VAULT_NAME_PATTERN.test("vault_prod")).toBe(false);
    expect(VAULT_NAME_PATTERN.test("v".repeat(51))).toBe(false);
    expect(RESOURCE_GROUP_PATTERN.test("rg-backup.prod(1)")).toBe(true);
    expect(RESOURCE_GROUP_PATTERN.test("rg.")).toBe(false);
  });
  it("builds ARM container and item names", () => {
    expect(virtualMachineBackupNames("RG-Web", "Web-01")).toEqual({
      containerName: "iaasvmcontainer;iaasvmcontainerv2;rg-web;web-01",
      itemName: "vm;iaasvmcontainerv2;rg-web;web-01",
    });
    expect(fileFolderBackupNames("FS01.contoso.com", "D:\\Shares")).toEqual({
      containerName: "mabcontainer;fs01.contoso.com",
      itemName: "filefolder;fs01.contoso.com;d_shares",
    });
  });
});
