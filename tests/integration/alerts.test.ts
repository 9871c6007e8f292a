// Alerts raised by the events themselves, on both databases: failed backups consolidate into one
// alert per item and error code and resolve with the next success; security events; overdue
// backups and offline servers under a virtual clock; one open alert per key under concurrency.
import { beforeAll, expect, it } from "vitest";
import { securityAlert, vaultScope } from "@/lib/domain/alerts/alerts";
import { createVaultCredential, revokeVaultCredential } from "@/lib/server/agents/credentials";
import { checkBackupHealth } from "@/lib/server/alerts/health";
import { raiseAlert } from "@/lib/server/alerts/raise";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { backupNow, configureBackup, deleteBackupData, stopBackup } from "@/lib/server/services/protection";
import { createVault, updateSoftDeleteSettings } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const ACTOR = systemActor("contributor@contoso.com");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPTIONS = { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 2 };
let sequence = 0;

async function protectedVm(db: Db, start: Date) {
  const vault = await createVault(
    db,
    {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-alerts",
      name: `vault-alerts-${++sequence}`,
      location: "westeurope",
    },
    ACTOR,
  );
  if (!vault.ok) throw new Error(vault.message);
  const vaultId = vault.data.id;
  const vm = await db.virtualMachine.create({
    data: {
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      resourceGroup: "rg-alerts",
      name: `legacy-app-${sequence}`,
      location: "westeurope",
      osType: "Linux",
      sizeGb: 20,
      dailyChangeRatePercent: 2,
    },
  });
  const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId, backupManagementType: "AzureIaasVM" } });
  const configured = await configureBackup(
    db,
    { vaultId, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
    ACTOR,
    start,
  );
  if (!configured.ok) throw new Error(configured.message);
  return { vaultId, vm, itemId: configured.data.itemIds[0]! };
}

describeOnDatabases("alerts", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  /** Backup now on the item and waits for it; returns the job's status. */
  async function backUp(vaultId: string, itemId: string, clock: VirtualClock) {
    const engine = createEngine({ db, clock, mover: instantMover, options: OPTIONS });
    const requested = await backupNow(
      db,
      { vaultId, itemId, retainUntil: new Date(clock.now().getTime() + 30 * DAY) },
      ACTOR,
      clock.now(),
    );
    if (!requested.ok) throw new Error(requested.message);
    await engine.runPending();
    return (await db.job.findUniqueOrThrow({ where: { id: requested.data.jobId } })).status;
  }

  it("a failing VM raises one alert whose occurrences grow with each failure, resolved by the next good backup", async () => {
    const clock = new VirtualClock(new Date("2026-05-04T09:00:00Z"));
    const { vaultId, vm, itemId } = await protectedVm(db, clock.now());
    await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: clock.now() } });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await backUp(vaultId, itemId, clock)).toBe("Failed");
      clock.advance(DAY);
    }
    const [alert, ...others] = await db.alert.findMany({ where: { vaultId }, include: { occurrenceLog: true } });
    expect(others).toEqual([]);
    const failedJobs = await db.job.findMany({
      where: { protectedItemId: itemId, operation: "Backup" },
      orderBy: { startTime: "asc" },
    });
    expect(alert).toMatchObject({
      alertType: "BackupFailure",
      severity: "Sev1",
      errorCode: "UserErrorVmNotFoundV2",
      resourceName: vm.name,
      occurrences: 3,
      condition: "Fired",
      state: "New",
      latestJobId: failedJobs[2]!.id,
    });
    expect(alert!.occurrenceLog.map((occurrence) => occurrence.jobId).sort()).toEqual(
      failedJobs.map((job) => job.id).sort(),
    );

    // The VM is back: the next backup succeeds and resolves the alert.
    await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: null } });
    expect(await backUp(vaultId, itemId, clock)).toBe("Completed");
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({
      condition: "Resolved",
      resolvedAt: clock.now(),
      occurrences: 3,
    });

    // A later failure opens a new alert; the resolved one keeps its history.
    await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: clock.now() } });
    clock.advance(DAY);
    expect(await backUp(vaultId, itemId, clock)).toBe("Failed");
    const alerts = await db.alert.findMany({ where: { vaultId }, orderBy: { firedAt: "asc" } });
    expect(alerts.map((entry) => [entry.condition, entry.occurrences])).toEqual([
      ["Resolved", 3],
      ["Fired", 1],
    ]);
  });

  it("raises no job failure alerts when the vault's alertsForAllJobFailures is off", async () => {
    const clock = new VirtualClock(new Date("2026-05-04T09:00:00Z"));
    const { vaultId, vm, itemId } = await protectedVm(db, clock.now());
    await db.vault.update({ where: { id: vaultId }, data: { alertsForAllJobFailures: false } });
    await db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: clock.now() } });
    expect(await backUp(vaultId, itemId, clock)).toBe("Failed");
    expect(await db.alert.count({ where: { vaultId } })).toBe(0);
  });

  it("raises Sev0 security alerts when backup data is deleted, soft delete weakened and credentials revoked", async () => {
    const clock = new VirtualClock(new Date("2026-05-04T09:00:00Z"));
    const { vaultId, vm, itemId } = await protectedVm(db, clock.now());
    const deleted = await deleteBackupData(db, { vaultId, itemId, confirmName: vm.name }, ACTOR, clock.now());
    expect(deleted.ok).toBe(false); // Protection must be stopped first: nothing raised.
    expect(await db.alert.count({ where: { vaultId } })).toBe(0);

    const stopped = await stopBackup(db, { vaultId, itemId, mode: "delete", confirmName: vm.name }, ACTOR, clock.now());
    expect(stopped.ok).toBe(true);
    const vault = await db.vault.findUniqueOrThrow({ where: { id: vaultId } });
    // Lengthening is no weakening; shortening and disabling are.
    for (const change of [
      { softDeleteState: "Enabled" as const, softDeleteRetentionDays: 30 },
      { softDeleteState: "Enabled" as const, softDeleteRetentionDays: 20, confirmName: vault.name },
      { softDeleteState: "Disabled" as const, softDeleteRetentionDays: 20, confirmName: vault.name },
    ]) {
      expect((await updateSoftDeleteSettings(db, { vaultId, ...change }, ACTOR)).ok).toBe(true);
    }
    const created = await createVaultCredential(db, { vaultId }, ACTOR, "http://127.0.0.1:3000", clock.now());
    if (!created.ok) throw new Error(created.message);
    const credential = await db.vaultCredential.findFirstOrThrow({ where: { vaultId } });
    const revoked = await revokeVaultCredential(db, { vaultId, credentialId: credential.id }, ACTOR, clock.now());
    expect(revoked.ok).toBe(true);

    const alerts = await db.alert.findMany({ where: { vaultId }, orderBy: { firedAt: "asc" } });
    expect(alerts.map((alert) => [alert.alertType, alert.severity, alert.occurrences])).toEqual(
      expect.arrayContaining([
        ["DeleteBackupData", "Sev0", 1],
        ["SoftDeleteWeakened", "Sev0", 2],
        ["CredentialsDeleted", "Sev0", 1],
      ]),
    );
    expect(alerts).toHaveLength(3);
    const weakened = alerts.find((alert) => alert.alertType === "SoftDeleteWeakened")!;
    expect(weakened.message).toBe(`Soft delete was disabled. By ${ACTOR.email}.`);
    const deletion = alerts.find((alert) => alert.alertType === "DeleteBackupData")!;
    expect(deletion).toMatchObject({ protectedItemId: itemId, resourceName: vm.name });
  });

  it("an item without a successful backup for 36 hours (daily policy) is overdue once, until its next success", async () => {
    const start = new Date();
    const clock = new VirtualClock(new Date(start.getTime() + 37 * HOUR));
    const { vaultId, itemId } = await protectedVm(db, start);
    await checkBackupHealth(db, new Date(start.getTime() + 30 * HOUR));
    expect(await db.alert.count({ where: { vaultId } })).toBe(0);
    await checkBackupHealth(db, clock.now());
    await checkBackupHealth(db, clock.now());
    const [overdue, ...others] = await db.alert.findMany({ where: { vaultId } });
    expect(others).toEqual([]);
    expect(overdue).toMatchObject({ alertType: "BackupOverdue", occurrences: 1, condition: "Fired" });

    expect(await backUp(vaultId, itemId, clock)).toBe("Completed");
    expect(await db.alert.findUniqueOrThrow({ where: { id: overdue!.id } })).toMatchObject({ condition: "Resolved" });
    await checkBackupHealth(db, clock.now());
    expect(await db.alert.count({ where: { vaultId, condition: "Fired" } })).toBe(0);

    // Overdue again; stopping protection ends the expectation, and the alert with it.
    clock.advance(40 * HOUR);
    await checkBackupHealth(db, clock.now());
    expect(await db.alert.count({ where: { vaultId, condition: "Fired" } })).toBe(1);
    const stopped = await stopBackup(db, { vaultId, itemId, mode: "retain" }, ACTOR, clock.now());
    expect(stopped.ok).toBe(true);
    await checkBackupHealth(db, clock.now());
    expect(await db.alert.count({ where: { vaultId, condition: "Fired" } })).toBe(0);
  });

  it("a registered Backup Agent server silent for over an hour is offline until it polls again", async () => {
    const { vaultId } = await protectedVm(db, new Date());
    const now = new Date();
    const server = await db.backupAgentServer.create({
      data: {
        name: `fs-alerts-${sequence}.contoso.com`,
        osType: "Linux",
        vaultId,
        registeredAt: new Date(now.getTime() - 3 * HOUR),
        credentialHash: "hash",
        lastContactAt: new Date(now.getTime() - 2 * HOUR),
      },
    });
    await checkBackupHealth(db, now);
    expect(await db.alert.findFirst({ where: { vaultId, alertType: "ServerOffline" } })).toMatchObject({
      scopeKey: `server:${server.id}`,
      condition: "Fired",
    });
    await db.backupAgentServer.update({ where: { id: server.id }, data: { lastContactAt: now } });
    await checkBackupHealth(db, now);
    expect(await db.alert.findFirst({ where: { vaultId, alertType: "ServerOffline" } })).toMatchObject({
      condition: "Resolved",
    });
  });

  it("holds one open alert per key however many transactions raise it at once", async () => {
    const { vaultId } = await protectedVm(db, new Date());
    const spec = securityAlert(
      "SoftDeleteWeakened",
      { scopeKey: vaultScope(vaultId), resourceName: "race" },
      { message: "Raced.", actor: "someone" },
    );
    const at = new Date();
    await Promise.all(
      Array.from({ length: 8 }, () => db.$transaction((tx) => raiseAlert(tx, vaultId, spec, at), { timeout: 30_000 })),
    );
    const alerts = await db.alert.findMany({ where: { vaultId }, include: { occurrenceLog: true } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ occurrences: 8 });
    expect(alerts[0]!.occurrenceLog).toHaveLength(8);
    // A closed alert frees its key: the next occurrence opens a new alert.
    await db.alert.update({ where: { id: alerts[0]!.id }, data: { state: "Closed" } });
    await db.$transaction((tx) => raiseAlert(tx, vaultId, spec, at));
    expect(await db.alert.count({ where: { vaultId } })).toBe(2);
  });
});
