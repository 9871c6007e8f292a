// Issue #13's proof on both databases: 60 virtual days of the real engine and services with a
// Change policy, a Stop and a Resume with another policy, and a modify of that policy's times;
// the recovery points left must be the domain's own simulation of the same timeline.
import { beforeAll, expect, it } from "vitest";
import { virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { defaultVmPolicy } from "@/lib/domain/policy/defaults";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { policyRulesOf, type PolicyRules, rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import {
  type PlannedRecoveryPoint,
  recoveryPointsAt,
  retagRecoveryPoint,
  scheduledRecoveryPoint,
} from "@/lib/domain/retention/recovery-points";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { systemActor } from "@/lib/server/auth/authorize";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { sqlServersPolicy } from "@/lib/server/seed/demo-policies";
import { createPolicyRow, switchItemPolicy, updatePolicy } from "@/lib/server/services/policies";
import { resumeBackup, stopBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const ACTOR = systemActor("tester@contoso.com");
const DAY = 86_400_000;
const START = new Date("2026-09-01T00:00:00Z");
const END = new Date(START.getTime() + 60 * DAY);
const at = (days: number, hours = 12) => new Date(START.getTime() + days * DAY + hours * 3_600_000);

/** A standard VM policy: daily at `time` UTC, dailies `days` days, Saturdays 4 weeks. */
function middayPolicy(time: string, days: number) {
  const draft = newPolicyDraft("AzureIaasVM", "V1");
  draft.times = [time];
  draft.daily.count = days;
  draft.weekly = { enabled: true, count: 4, days: ["Saturday"] };
  draft.monthly.enabled = false;
  draft.yearly.enabled = false;
  return draftToProperties(draft);
}

function imported(properties: unknown) {
  const result = importAzurePolicy(properties);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.policy;
}

const rulesOf = (properties: unknown): PolicyRules => {
  const policy = imported(properties);
  return policyRulesOf(policy.properties, policy.timeZone);
};

type Event = { at: Date; rules: PolicyRules | null; apply: () => Promise<{ ok: boolean }> };

/**
 * The domain's simulation of the timeline: each stretch's own slots make points; a change retags
 * the scheduled vault copies under the new rules; a sweep just before each change and at the end
 * (while protected) removes what expired, never the most recent point.
 */
function domainTimeline(first: PolicyRules, since: Date, events: Event[], end: Date): PlannedRecoveryPoint[] {
  let points: PlannedRecoveryPoint[] = [];
  let rules: PolicyRules | null = first;
  let from = since;
  for (const stop of [
    ...events.map((event) => ({ at: event.at, next: event.rules as PolicyRules | null, change: true })),
    { at: end, next: null, change: false },
  ]) {
    if (rules) {
      const current: PolicyRules = rules;
      points.push(
        ...scheduledSlots(current.schedule, current.timeZone, from, stop.at).map((slot) =>
          scheduledRecoveryPoint(current, slot)!,
        ),
      );
      points = recoveryPointsAt(points, new Date(stop.at.getTime() - 60_000));
    }
    if (!stop.change) break;
    rules = stop.next;
    from = stop.at;
    if (rules) {
      const next: PolicyRules = rules;
      points = points.map((point) =>
        point.onDemand || !point.tiers.includes("vault") ? point : { ...point, ...retagRecoveryPoint(next, point) },
      );
    }
  }
  return points;
}

const summary = (
  points: Array<{ time: Date; ruleName?: string | null; governingRule?: string | null; expiresAt: Date | null }>,
) =>
  points
    .map(
      (point) =>
        `${point.time.toISOString()} ${point.ruleName ?? point.governingRule ?? "snapshot"} ${point.expiresAt?.toISOString() ?? "-"}`,
    )
    .sort();

describeOnDatabases("policy changes over 60 days of the engine", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("Change policy, Stop, Resume with another policy and a modify of the times leave exactly the domain's points, and no Skipped job", async () => {
    const vault = await createVault(
      db,
      {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-switch",
        name: "vault-switch",
        location: "westeurope",
      },
      ACTOR,
    );
    if (!vault.ok) throw new Error(vault.message);
    const vaultId = vault.data.id;
    const row = (name: string, properties: unknown) => createPolicyRow(db, vaultId, name, imported(properties));
    const policyA = await row("DefaultDaily", defaultVmPolicy("2024-01-01T22:30:00Z").properties);
    const policyB = await row("SqlServers", sqlServersPolicy("UTC", "UTC").properties);
    const policyC = await row("Midday", middayPolicy("12:30", 10));
    const modifiedC = middayPolicy("06:00", 20);
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: "11111111-2222-4333-8444-555555555555",
        resourceGroup: "rg-switch",
        name: "web-02",
        location: "westeurope",
        osType: "Linux",
        sizeGb: 32,
        dailyChangeRatePercent: 2,
      },
    });
    const item = await db.protectedItem.create({
      data: {
        vaultId,
        backupManagementType: "AzureIaasVM",
        virtualMachineId: vm.id,
        friendlyName: vm.name,
        ...virtualMachineBackupNames("rg-switch", vm.name),
        policyId: policyA.id,
        createdAt: START,
      },
    });
    const ids = { vaultId, itemId: item.id };
    const events: Event[] = [
      {
        at: at(15),
        rules: rulesOfStoredPolicy(policyB),
        apply: () => switchItemPolicy(db, { ...ids, policyId: policyB.id, confirmRemoval: true }, ACTOR, at(15)),
      },
      { at: at(25), rules: null, apply: () => stopBackup(db, { ...ids, mode: "retain" }, ACTOR, at(25)) },
      {
        at: at(35),
        rules: rulesOfStoredPolicy(policyC),
        apply: () => resumeBackup(db, { ...ids, policyId: policyC.id, confirmRemoval: true }, ACTOR, at(35)),
      },
      {
        at: at(45),
        rules: rulesOf(modifiedC),
        apply: () =>
          updatePolicy(db, { vaultId, policyId: policyC.id, policy: modifiedC, confirmRemoval: true }, ACTOR, at(45)),
      },
    ];

    // The engine ticks 30 s after each slot of the policy in force, a minute before each change, and at the end.
    const clock = new VirtualClock(START);
    const engine = createEngine({
      db,
      clock,
      mover: instantMover,
      options: { onTimeMs: 90_000, graceMs: 3_600_000, concurrency: 2 },
    });
    const tickAt = async (instant: Date) => {
      clock.set(instant);
      await (
        await engine.tick()
      ).runs;
    };
    let rules: PolicyRules | null = rulesOfStoredPolicy(policyA);
    let from = START;
    for (const stop of [...events, { at: END, rules: null, apply: null }]) {
      if (rules)
        for (const slot of scheduledSlots(rules.schedule, rules.timeZone, from, stop.at))
          await tickAt(new Date(slot.at.getTime() + 30_000));
      await tickAt(new Date(stop.at.getTime() - 60_000));
      if (!stop.apply) break;
      expect(await stop.apply()).toMatchObject({ ok: true });
      if (stop === events[0]) {
        // SqlServers keeps the Sundays made at 22:30 under the old policy: 6 September (its first Sunday) and 13 September.
        const kept = await db.recoveryPoint.findMany({
          where: { protectedItemId: item.id, ruleName: { in: ["Weekly", "Monthly"] } },
          orderBy: { time: "asc" },
        });
        expect(kept.map((point) => `${point.time.toISOString().slice(0, 16)} ${point.ruleName}`)).toEqual([
          "2026-09-06T22:30 Monthly",
          "2026-09-13T22:30 Weekly",
        ]);
      }
      rules = stop.rules;
      from = stop.at;
    }

    const expected = domainTimeline(rulesOfStoredPolicy(policyA), START, events, END);
    const stored = await db.recoveryPoint.findMany({
      where: { protectedItemId: item.id },
      select: { time: true, ruleName: true, expiresAt: true },
    });
    expect(summary(stored)).toEqual(summary(expected));
    const jobs = await db.job.groupBy({
      by: ["status"],
      where: { protectedItemId: item.id, operation: "Backup" },
      _count: { _all: true },
    });
    expect(jobs.map((group) => group.status)).toEqual(["Completed"]);
  });
});
