// The Alerts blades' services: listing with filters across the vaults a user can see, details
// with occurrences and jobs, state changes by Operators (recorded, refused for others), the
// overview's counts and the bell's new alerts; a Closed alert lets the next failure open a new one.
import { beforeAll, expect, it } from "vitest";
import { virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { alertFiltersSchema } from "@/lib/schemas/alert-state";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { runBackupJob } from "@/lib/server/engine/runner";
import { assignRole } from "@/lib/server/services/access";
import {
  alertCountsBySeverity,
  alertDetails,
  changeAlertState,
  listAlerts,
  newAlertsForUser,
} from "@/lib/server/services/alerts";
import { backupNow } from "@/lib/server/services/protection";
import { createVault, updateSoftDeleteSettings } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const OWNER = systemActor("owner@contoso.com");
const filters = (query: Record<string, string> = {}) => alertFiltersSchema.parse({ range: "all", ...query });

describeOnDatabases("the Alerts blades' services", (database) => {
  let db: Db;
  let vaultId = "";
  let otherVaultId = "";
  let itemId = "";
  let reader: Actor;
  let operator: Actor;
  let stranger: Actor;
  const clock = new VirtualClock(new Date("2026-11-20T10:00:00Z"));

  async function user(id: string): Promise<Actor> {
    const row = await db.user.create({ data: { id, name: id, email: `${id}@alerts.test` } });
    return { userId: row.id, email: row.email, name: row.name, isOwner: false };
  }

  /** A Backup now of the deleted VM: it fails (UserErrorVmNotFoundV2) and raises or counts the alert. */
  async function failBackup(): Promise<string> {
    clock.advance(3_600_000);
    const started = await backupNow(db, { vaultId, itemId }, OWNER, clock.now());
    if (!started.ok) throw new Error(started.message);
    expect(await runBackupJob(db, started.data.jobId, clock, instantMover)).toBe("Failed");
    return started.data.jobId;
  }

  const failureAlerts = () =>
    db.alert.findMany({ where: { vaultId, alertType: "BackupFailure" }, orderBy: { firedAt: "asc" } });

  beforeAll(async () => {
    db = database().db;
    const created = await Promise.all(
      ["vault-alerts", "vault-alerts-other"].map((name) =>
        createVault(
          db,
          {
            subscriptionId: "11111111-2222-4333-8444-555555555555",
            resourceGroup: "rg-alerts",
            name,
            location: "westeurope",
          },
          OWNER,
        ),
      ),
    );
    if (!created[0].ok || !created[1].ok) throw new Error("vaults");
    vaultId = created[0].data.id;
    otherVaultId = created[1].data.id;
    reader = await user("alerts-reader");
    operator = await user("alerts-operator");
    stranger = await user("alerts-stranger");
    await assignRole(db, { vaultId, userId: reader.userId, role: "Reader" }, OWNER);
    await assignRole(db, { vaultId, userId: operator.userId, role: "Operator" }, OWNER);
    await assignRole(db, { vaultId: otherVaultId, userId: stranger.userId, role: "Operator" }, OWNER);
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-alerts",
        name: "vm-alerts",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 8,
        dailyChangeRatePercent: 1,
        deletedAt: clock.now(),
      },
    });
    const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId } });
    const item = await db.protectedItem.create({
      data: {
        vaultId,
        backupManagementType: "AzureIaasVM",
        virtualMachineId: vm.id,
        friendlyName: vm.name,
        ...virtualMachineBackupNames("rg-alerts", vm.name),
        policyId: policy.id,
        createdAt: clock.now(),
      },
    });
    itemId = item.id;
    // A security alert in the other vault: soft delete disabled.
    const weakened = await updateSoftDeleteSettings(
      db,
      {
        vaultId: otherVaultId,
        softDeleteState: "Disabled",
        softDeleteRetentionDays: 14,
        confirmName: "vault-alerts-other",
      },
      OWNER,
    );
    if (!weakened.ok) throw new Error(weakened.message);
  });

  it("lists a vault's alerts with each filter, totals per severity, and every visible vault's for the portal-wide page", async () => {
    const first = await failBackup();
    const second = await failBackup();
    const [alert] = await failureAlerts();
    expect(alert).toMatchObject({ occurrences: 2, condition: "Fired", state: "New", latestJobId: second });

    const list = (query: Record<string, string>, actor: Actor = OWNER, vault: string | null = vaultId) =>
      listAlerts(db, actor, { ...filters(query), vaultId: vault }, clock.now());
    const all = (await list({}))!;
    expect(all.rows).toHaveLength(1);
    expect(all.rows[0]).toMatchObject({
      id: alert!.id,
      severity: "Sev1",
      resourceName: "vm-alerts",
      vaultName: "vault-alerts",
      occurrences: 2,
      resourceHref: `/vaults/${vaultId}/items/AzureIaasVM/${itemId}`,
    });
    expect(all.bySeverity).toEqual({ Sev0: 0, Sev1: 1, Sev2: 0 });
    expect((await list({ severity: "Sev1" }))!.total).toBe(1);
    const sev0 = (await list({ severity: "Sev0" }))!;
    expect(sev0.total).toBe(0);
    // The summary keeps the other severities' totals: it narrows the table only.
    expect(sev0.bySeverity.Sev1).toBe(1);
    expect((await list({ state: "New" }))!.total).toBe(1);
    expect((await list({ state: "open" }))!.total).toBe(1);
    expect((await list({ state: "Closed" }))!.total).toBe(0);
    expect((await list({ condition: "Fired" }))!.total).toBe(1);
    expect((await list({ condition: "Resolved" }))!.total).toBe(0);
    expect((await list({ alertType: "BackupFailure" }))!.total).toBe(1);
    expect((await list({ alertType: "RestoreFailure" }))!.total).toBe(0);
    // The time range is on the last occurrence: a day later, the past hour holds nothing.
    const later = new Date(clock.now().getTime() + 86_400_000);
    expect((await listAlerts(db, OWNER, { ...filters({ range: "1h" }), vaultId }, later))!.total).toBe(0);
    expect((await listAlerts(db, OWNER, { ...filters({ range: "7d" }), vaultId }, later))!.total).toBe(1);
    // The default range is Azure's: the past 24 hours.
    expect(alertFiltersSchema.parse({}).range).toBe("24h");

    // Every vault the actor sees: both for the Owner, only the Reader's vault for the Reader.
    const everywhere = (await list({}, OWNER, null))!;
    expect(everywhere.rows.map((row) => [row.vaultName, row.alertType]).sort()).toEqual([
      ["vault-alerts", "BackupFailure"],
      ["vault-alerts-other", "SoftDeleteWeakened"],
    ]);
    expect(everywhere.bySeverity).toEqual({ Sev0: 1, Sev1: 1, Sev2: 0 });
    expect((await list({}, reader, null))!.rows.map((row) => row.vaultName)).toEqual(["vault-alerts"]);
    expect((await list({}, stranger, null))!.rows.map((row) => row.vaultName)).toEqual(["vault-alerts-other"]);
    // A vault the actor has no role on is no list at all.
    expect(await list({}, stranger, vaultId)).toBeNull();

    // The details: occurrences newest first, each with its job; who may change the state.
    const details = (await alertDetails(db, reader, vaultId, alert!.id))!;
    expect(details.occurrenceLog.map((occurrence) => occurrence.job?.id)).toEqual([second, first]);
    expect(details.occurrenceLog[0]!.job).toMatchObject({ operation: "Backup", status: "Failed" });
    expect(details.occurrenceCount).toBe(2);
    expect(details.errorCode).toBe("UserErrorVmNotFoundV2");
    expect(details.stateDenied).toBe(
      "You have the Backup Reader role: it takes Backup Operator or higher to acknowledge and close alerts.",
    );
    expect((await alertDetails(db, operator, vaultId, alert!.id))!.stateDenied).toBeNull();
    expect(await alertDetails(db, stranger, vaultId, alert!.id)).toBeNull();
    expect(await alertDetails(db, OWNER, otherVaultId, alert!.id)).toBeNull();
  });

  it("refuses a state change by a Reader, by a user of another vault and with bad input, changing nothing", async () => {
    const [alert] = await failureAlerts();
    const before = await db.alert.findUniqueOrThrow({ where: { id: alert!.id } });
    const denied = await changeAlertState(
      db,
      { vaultId, alertId: alert!.id, state: "Closed", comment: "not mine to close" },
      reader,
    );
    expect(denied).toMatchObject({ ok: false, code: "AuthorizationFailed" });
    if (denied.ok) return;
    expect(denied.message).toBe(
      "You have the Backup Reader role: it takes Backup Operator or higher to acknowledge and close alerts.",
    );
    expect(await changeAlertState(db, { vaultId, alertId: alert!.id, state: "Acknowledged" }, stranger)).toMatchObject({
      ok: false,
      code: "AuthorizationFailed",
    });
    const tooLong = await changeAlertState(
      db,
      { vaultId, alertId: alert!.id, state: "Acknowledged", comment: "x".repeat(1001) },
      operator,
    );
    expect(tooLong).toMatchObject({ ok: false, code: "BadRequest" });
    expect(!tooLong.ok && tooLong.fieldErrors?.comment).toEqual(["A comment has at most 1000 characters."]);
    const badState = await changeAlertState(
      db,
      { vaultId, alertId: alert!.id, state: "Resolved" as "Closed" },
      operator,
    );
    expect(!badState.ok && badState.fieldErrors?.state).toEqual(["Choose New, Acknowledged or Closed."]);
    // An alert of another vault, named under this one: not found.
    const elsewhere = await db.alert.findFirstOrThrow({ where: { vaultId: otherVaultId } });
    expect(await changeAlertState(db, { vaultId, alertId: elsewhere.id, state: "Closed" }, operator)).toMatchObject({
      ok: false,
      code: "ResourceNotFound",
    });
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).toEqual(before);
    const refusals = await db.activityLogEntry.findMany({
      where: { operation: "Change alert state", result: { not: "Succeeded" } },
      select: { actorEmail: true, result: true },
    });
    expect(refusals).toEqual(
      expect.arrayContaining([
        { actorEmail: reader.email, result: "Denied" },
        { actorEmail: stranger.email, result: "Denied" },
        { actorEmail: operator.email, result: "Failed" },
      ]),
    );
  });

  it("acknowledges with a comment (in the activity log), closes, and the next failure opens a new alert", async () => {
    const [alert] = await failureAlerts();
    expect((await newAlertsForUser(db, reader)).alerts.map((entry) => entry.id)).toEqual([alert!.id]);
    expect((await newAlertsForUser(db, OWNER)).count).toBe(2);
    expect((await newAlertsForUser(db, stranger)).alerts.map((entry) => entry.alertType)).toEqual([
      "SoftDeleteWeakened",
    ]);

    const at = clock.now();
    const acknowledged = await changeAlertState(
      db,
      { vaultId, alertId: alert!.id, state: "Acknowledged", comment: "  Restoring the VM from its last point.  " },
      operator,
      at,
    );
    expect(acknowledged).toEqual({ ok: true, data: { state: "Acknowledged" } });
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({
      state: "Acknowledged",
      condition: "Fired",
      comment: "Restoring the VM from its last point.",
      stateChangedBy: operator.email,
      stateChangedAt: at,
    });
    const entry = await db.activityLogEntry.findFirstOrThrow({
      where: { operation: "Change alert state", result: "Succeeded" },
    });
    expect(entry).toMatchObject({
      actorEmail: operator.email,
      vaultId,
      resource: "Backup failed for vm-alerts",
      changes: { state: ["New", "Acknowledged"], comment: [null, "Restoring the VM from its last point."] },
    });
    // Acknowledged is still open (the tile counts it), but no longer new (the bell doesn't).
    expect(await alertCountsBySeverity(db, vaultId)).toEqual({ Sev0: 0, Sev1: 1, Sev2: 0 });
    expect((await newAlertsForUser(db, reader)).count).toBe(0);
    // The same state again, with no new comment, is no change.
    const again = await changeAlertState(db, { vaultId, alertId: alert!.id, state: "Acknowledged" }, operator);
    expect(again).toMatchObject({ ok: false, code: "BadRequest" });

    // Closed: the user's state; the condition stays the system's.
    expect((await changeAlertState(db, { vaultId, alertId: alert!.id, state: "Closed" }, operator)).ok).toBe(true);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({
      state: "Closed",
      condition: "Fired",
      comment: "Restoring the VM from its last point.",
      occurrences: 2,
    });
    expect(await alertCountsBySeverity(db, vaultId)).toEqual({ Sev0: 0, Sev1: 0, Sev2: 0 });

    // The next failure doesn't count on the closed alert: it opens a new one.
    const third = await failBackup();
    const alerts = await failureAlerts();
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({ id: alert!.id, state: "Closed", occurrences: 2 });
    expect(alerts[1]).toMatchObject({ state: "New", condition: "Fired", occurrences: 1, latestJobId: third });
    expect(await alertCountsBySeverity(db, vaultId)).toEqual({ Sev0: 0, Sev1: 1, Sev2: 0 });
    expect((await newAlertsForUser(db, reader)).alerts.map((entry) => entry.id)).toEqual([alerts[1]!.id]);

    // Reopening the closed one would make two open alerts of one key: refused, nothing changed.
    const reopened = await changeAlertState(db, { vaultId, alertId: alert!.id, state: "New" }, operator);
    expect(reopened).toMatchObject({ ok: false, code: "Conflict" });
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).state).toBe("Closed");
    // The filters see both: the closed and the new.
    const list = (query: Record<string, string>) =>
      listAlerts(db, OWNER, { ...filters(query), vaultId }, clock.now()).then((result) => result!.total);
    expect(await list({ state: "Closed" })).toBe(1);
    expect(await list({ state: "open" })).toBe(1);
    expect(await list({})).toBe(2);
  });
});
