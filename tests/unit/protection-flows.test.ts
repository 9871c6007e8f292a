import { describe, expect, it } from "vitest";
import { jobsCsv } from "@/lib/domain/jobs/csv";
import { actionRefusal } from "@/lib/domain/protection/actions";
import { recoveryPointKeep } from "@/lib/domain/protection/display";
import { retainTillBounds, retainTillIssue, retainUntilOf } from "@/lib/domain/protection/retain-till";

describe("Retain Backup Till", () => {
  const now = new Date("2026-11-26T23:30:00Z"); // already the 27th in Berlin, still the 26th in New York

  it("defaults to 30 days ahead, from tomorrow to 99 years ahead, in the viewer's zone", () => {
    expect(retainTillBounds(now, "Europe/Berlin")).toEqual({
      today: "2026-11-27",
      earliest: "2026-11-28",
      defaultDate: "2026-12-27",
      latest: "2125-11-27",
    });
    expect(retainTillBounds(now, "America/New_York")).toEqual({
      today: "2026-11-26",
      earliest: "2026-11-27",
      defaultDate: "2026-12-26",
      latest: "2125-11-26",
    });
  });

  it("refuses today, impossible dates, and dates beyond 99 years", () => {
    expect(retainTillIssue("2026-11-27", now, "Europe/Berlin")).toBe("Retain Backup Till must be tomorrow or later.");
    expect(retainTillIssue("2026-11-27", now, "America/New_York")).toBeNull();
    expect(retainTillIssue("2027-02-30", now, "UTC")).toBe("Pick a date that exists.");
    expect(retainTillIssue("27.12.2026", now, "UTC")).toBe("Pick a date.");
    expect(retainTillIssue("2125-11-28", now, "Europe/Berlin")).toBe(
      "Retain Backup Till can be at most 99 years ahead.",
    );
    expect(retainTillIssue("2125-11-27", now, "Europe/Berlin")).toBeNull();
  });

  it("keeps the point to the last second of the picked day in the zone, across daylight-saving changes", () => {
    expect(retainUntilOf("2026-12-15", "Europe/Berlin").toISOString()).toBe("2026-12-15T22:59:59.000Z");
    expect(retainUntilOf("2027-07-15", "Europe/Berlin").toISOString()).toBe("2027-07-15T21:59:59.000Z");
    // The spring-forward day in New York has 23 hours; its end is still midnight local.
    expect(retainUntilOf("2027-03-14", "America/New_York").toISOString()).toBe("2027-03-15T03:59:59.000Z");
    expect(retainUntilOf("2027-01-01", "UTC").toISOString()).toBe("2027-01-01T23:59:59.000Z");
  });
});

describe("refusals name the state and what is allowed", () => {
  it("explains a refused action", () => {
    expect(actionRefusal({ protectionState: "ProtectionStopped", softDeleted: false }, "stopBackup")).toBe(
      "Stop backup isn't possible: The item is protection stopped; this needs active protection. Allowed now: Restore, Resume backup, Delete backup data.",
    );
    expect(actionRefusal({ protectionState: "ProtectionStopped", softDeleted: true }, "resumeBackup")).toMatch(
      /soft-deleted.*Allowed now: Undelete\.$/,
    );
    expect(actionRefusal({ protectionState: "Protected", softDeleted: false }, "backupNow")).toBeNull();
  });
});

describe("restore points: expiry or why a point is kept", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const past = new Date("2026-11-20T00:00:00Z");
  const future = new Date("2026-12-20T00:00:00Z");
  const older = new Date("2026-11-01T00:00:00Z");
  const newest = new Date("2026-11-13T00:00:00Z");
  const context = {
    now,
    protectionState: "Protected",
    softDeleted: false,
    purgeAt: null,
    latestTime: newest,
    latestVaultTime: newest,
  };
  const point = (time: Date, expiresAt: Date, snapshotExpiresAt: Date | null = null) => ({
    time,
    inVaultTier: true,
    expiresAt,
    snapshotExpiresAt,
  });

  it("shows the later of the copies' expiries", () => {
    expect(recoveryPointKeep(point(older, future, past), context)).toEqual({
      expiresAt: future,
      keptBecause: null,
    });
  });

  it("keeps the most recent point and vault copy past their expiry while protected", () => {
    expect(recoveryPointKeep(point(newest, past), context).keptBecause).toBe("Kept as most recent");
    expect(
      recoveryPointKeep(point(older, past), { ...context, latestTime: newest, latestVaultTime: older }).keptBecause,
    ).toBe("Kept as most recent vault copy");
    expect(recoveryPointKeep(point(newest, future), context).keptBecause).toBeNull();
    expect(recoveryPointKeep(point(older, past), context)).toEqual({ expiresAt: past, keptBecause: null });
  });

  it("keeps everything while protection is stopped or the item soft-deleted", () => {
    expect(
      recoveryPointKeep(point(older, past), { ...context, protectionState: "ProtectionStopped" }).keptBecause,
    ).toBe("Kept while protection is stopped");
    expect(
      recoveryPointKeep(point(older, past), { ...context, protectionState: "ProtectionStopped", softDeleted: true })
        .keptBecause,
    ).toBe("Kept while soft-deleted");
  });
});

describe("jobs CSV", () => {
  const job = {
    id: "5a1c",
    entityFriendlyName: 'D:\\Shares\\Finance, "Q4"',
    operation: "Backup" as const,
    status: "Failed" as const,
    backupManagementType: "MAB" as const,
    startTime: new Date("2026-11-26T01:00:00Z"),
    endTime: new Date("2026-11-26T01:03:30Z"),
    errorCode: "SalChecksumStoreInitializationFailed",
    initiatedBy: '=HYPERLINK("x")',
  };

  it("quotes what needs quoting, neutralises formulas, and shows local times", () => {
    const lines = jobsCsv([job], "Europe/Berlin", new Date("2026-11-26T02:00:00Z")).split("\r\n");
    expect(lines[0]).toBe(
      "Workload name,Operation,Status,Type,Start time (Europe/Berlin),End time (Europe/Berlin),Duration,Error code,Started by,Job ID",
    );
    expect(lines[1]).toBe(
      `"D:\\Shares\\Finance, ""Q4""",Backup,Failed,Files and folders,2026-11-26 02:00:00,2026-11-26 02:03:30,3 min 30 sec,SalChecksumStoreInitializationFailed,"'=HYPERLINK(""x"")",5a1c`,
    );
    expect(lines[2]).toBe("");
  });
});
