// Issue #14: invariants the database holds when requests arrive at once, not a check before the
// write. On PostgreSQL, READ COMMITTED lets every request pass a check made before another's
// commit; SQLite serializes writers. Each scenario runs on both.
import { beforeAll, expect, it } from "vitest";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import { virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import type { ArmRequest } from "@/lib/server/arm/http";
import { putPolicy } from "@/lib/server/arm/policies";
import { putItem } from "@/lib/server/arm/protected-items";
import { putVault } from "@/lib/server/arm/vaults";
import { authSecret, createAuth, OWNER_ROLE } from "@/lib/server/auth/auth";
import { type Actor, systemActor } from "@/lib/server/auth/authorize";
import { createOwnerWithSetupToken, ensureOwner } from "@/lib/server/auth/users";
import type { Db } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { cancelJob } from "@/lib/server/services/jobs";
import { backupNow, configureBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { describeOnDatabases } from "./databases";

const ACTOR = systemActor("operator@contoso.com");
const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";
const OPTIONS = { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 4 };
let sequence = 0;

async function protectedVm(db: Db, now: Date) {
  const name = `vault-race-${++sequence}`;
  const vault = await createVault(
    db,
    { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-race", name, location: "westeurope" },
    ACTOR,
  );
  if (!vault.ok) throw new Error(vault.message);
  const vm = await db.virtualMachine.create({
    data: {
      subscriptionId: SUBSCRIPTION,
      resourceGroup: "rg-race",
      name: `vm-race-${sequence}`,
      location: "westeurope",
      osType: "Linux",
      sizeGb: 8,
      dailyChangeRatePercent: 1,
    },
  });
  const policy = await db.backupPolicy.findFirstOrThrow({ where: { vaultId: vault.data.id } });
  const configured = await configureBackup(
    db,
    { vaultId: vault.data.id, backupManagementType: "AzureIaasVM", sourceIds: [vm.id], policyId: policy.id },
    ACTOR,
    now,
  );
  if (!configured.ok) throw new Error(configured.message);
  return { vaultId: vault.data.id, itemId: configured.data.itemIds[0] };
}

/** What the REST API's router hands a handler; a handler that throws is the API's 500. */
function armRequest(db: Db, actor: Actor, params: Record<string, string>, body: unknown): ArmRequest {
  return {
    db,
    actor,
    method: "PUT",
    segments: [],
    params: { subscriptionId: SUBSCRIPTION, resourceGroupName: "rg-race", ...params },
    query: new URLSearchParams(),
    apiVersion: "2024-04-01",
    base: "http://127.0.0.1/api/arm",
    body,
  };
}

async function statusOf(answer: Promise<Response>): Promise<number> {
  try {
    return (await answer).status;
  } catch {
    return 500;
  }
}

const armVault = (db: Db, vaultId: string) => db.vault.findUniqueOrThrow({ where: { id: vaultId } });

describeOnDatabases("concurrent requests", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("20 parallel Backup now on one item: exactly one accepted, one job, one recovery point", async () => {
    const now = new Date("2026-09-01T06:00:00Z");
    const { vaultId, itemId } = await protectedVm(db, now);
    const retainUntil = new Date("2026-10-01T00:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, now)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(new Set(results.filter((result) => !result.ok).map((result) => !result.ok && result.code))).toEqual(
      new Set(["UserErrorBackupOperationInProgress"]),
    );
    expect(await db.job.count({ where: { protectedItemId: itemId, operation: "Backup" } })).toBe(1);
    expect(
      await createEngine({ db, clock: new VirtualClock(now), mover: instantMover, options: OPTIONS }).runPending(),
    ).toEqual(["Completed"]);
    expect(await db.recoveryPoint.count({ where: { protectedItemId: itemId } })).toBe(1);
  });

  it("the daily limit holds under parallel requests: 8 today, then 5 at once, only one more", async () => {
    const now = new Date("2026-09-01T06:00:00Z");
    const { vaultId, itemId } = await protectedVm(db, now);
    const retainUntil = new Date("2026-10-01T00:00:00Z");
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const requested = await backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, at(attempt));
      if (!requested.ok) throw new Error(requested.message);
      await cancelJob(db, { vaultId, jobId: requested.data.jobId }, ACTOR);
    }
    const results = await Promise.all(
      Array.from({ length: 5 }, () => backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, at(10))),
    );
    const accepted = results.filter((result) => result.ok);
    expect(accepted).toHaveLength(1);
    expect(
      results.every(
        (result) =>
          result.ok ||
          ["UserErrorBackupOperationInProgress", "UserErrorOnDemandBackupLimitReached"].includes(result.code),
      ),
    ).toBe(true);
    if (accepted[0].ok) await cancelJob(db, { vaultId, jobId: accepted[0].data.jobId }, ACTOR);
    const tenths = await Promise.all(
      Array.from({ length: 5 }, () => backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, at(20))),
    );
    expect(tenths.map((result) => !result.ok && result.code)).toEqual(
      Array(5).fill("UserErrorOnDemandBackupLimitReached"),
    );
    expect(
      await db.job.count({ where: { protectedItemId: itemId, operation: "Backup", retainUntil: { not: null } } }),
    ).toBe(9);
    expect((await backupNow(db, { vaultId, itemId, retainUntil }, ACTOR, new Date("2026-09-02T00:00:01Z"))).ok).toBe(
      true,
    );
  });

  it("10 parallel PUTs creating one policy: one policy, 200 for the same body, 409 for another, never 500", async () => {
    const { vaultId } = await protectedVm(db, new Date());
    const vault = await armVault(db, vaultId);
    const body = { properties: draftToProperties(newPolicyDraft("AzureIaasVM")) };
    const put = (name: string, policyBody: unknown) =>
      statusOf(putPolicy(armRequest(db, ACTOR, { vaultName: vault.name, policyName: name }, policyBody), vault));
    expect(await Promise.all(Array.from({ length: 10 }, () => put("Daily-race", body)))).toEqual(Array(10).fill(200));
    expect(await db.backupPolicy.count({ where: { vaultId, nameKey: "daily-race" } })).toBe(1);
    expect(
      await db.activityLogEntry.count({
        where: { vaultId, operation: "Create policy", resource: "Daily-race", result: "Succeeded" },
      }),
    ).toBe(1);

    // Another body: a PUT that raced the creation is a conflict (409); one that came after it changes the policy (200).
    const longer = newPolicyDraft("AzureIaasVM");
    longer.daily.count = 60;
    const bodies = Array.from({ length: 10 }, (_, index) =>
      index % 2 === 0 ? body : { properties: draftToProperties(longer) },
    );
    const statuses = await Promise.all(bodies.map((policyBody) => put("Other-race", policyBody)));
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(await db.backupPolicy.count({ where: { vaultId, nameKey: "other-race" } })).toBe(1);
    expect(
      await db.activityLogEntry.count({
        where: { vaultId, operation: "Create policy", resource: "Other-race", result: "Succeeded" },
      }),
    ).toBe(1);
  });

  it("10 parallel PUTs creating one vault: one vault, 201 then 200 for the same body, 409 for another, never 500", async () => {
    const params = { vaultName: `vault-put-race-${++sequence}` };
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => statusOf(putVault(armRequest(db, ACTOR, params, { location: "westeurope" })))),
    );
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await db.vault.count({ where: { nameKey: params.vaultName } })).toBe(1);

    // Another location: a PUT that raced the creation is a conflict (409); one that came after it, 400 (a vault can't move).
    const other = { vaultName: `vault-put-race-${++sequence}` };
    const bodies = Array.from({ length: 10 }, (_, index) => ({ location: index % 2 === 0 ? "westeurope" : "eastus" }));
    const answers = await Promise.all(bodies.map((body) => statusOf(putVault(armRequest(db, ACTOR, other, body)))));
    const created = await db.vault.findFirstOrThrow({ where: { nameKey: other.vaultName } });
    expect(answers.filter((status) => status === 201)).toHaveLength(1);
    bodies.forEach((body, index) =>
      expect(body.location === created.location ? [200, 201] : [400, 409]).toContain(answers[index]),
    );
  });

  it("10 parallel PUTs protecting one VM: one item, one ConfigureBackup job, never 500", async () => {
    const { vaultId } = await protectedVm(db, new Date());
    const vault = await armVault(db, vaultId);
    const vmName = `vm-put-race-${++sequence}`;
    const names = virtualMachineBackupNames("rg-race", vmName);
    const policyId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-race/providers/Microsoft.RecoveryServices/vaults/${vault.name}/backupPolicies/DefaultPolicy`;
    const body = { properties: { protectedItemType: "Microsoft.Compute/virtualMachines", policyId } };
    const params = {
      vaultName: vault.name,
      fabricName: "Azure",
      containerName: names.containerName,
      protectedItemName: names.itemName,
    };
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => statusOf(putItem(armRequest(db, ACTOR, params, body), vault))),
    );
    expect(statuses).toEqual(Array(10).fill(202));
    const items = await db.protectedItem.findMany({
      where: { vaultId, itemName: names.itemName.toLowerCase() },
      include: { jobs: true },
    });
    expect(items).toHaveLength(1);
    expect(items[0].jobs.map((job) => job.operation)).toEqual(["ConfigureBackup"]);
    expect(await db.virtualMachine.count({ where: { name: vmName } })).toBe(1);
  });

  it("6 parallel submissions of the set-up link: one Owner, the others refused", async () => {
    const auth = createAuth(db, await authSecret(db, {}), database().url);
    const pending = await ensureOwner(auth, db, {});
    if (!pending || !("setupToken" in pending)) throw new Error("expected a set-up token");
    // A submission that can't create the Owner (the email is taken) leaves the link working.
    await db.user.create({ data: { id: "user-taken", name: "Taken", email: "taken@race.test" } });
    expect(
      await createOwnerWithSetupToken(auth, db, {
        token: pending.setupToken,
        name: "Taken",
        email: "taken@race.test",
        password: "a-long-passphrase",
      }),
    ).toMatchObject({ ok: false, code: "BadRequest" });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        createOwnerWithSetupToken(auth, db, {
          token: pending.setupToken,
          name: `Owner ${index}`,
          email: `owner${index}@race.test`,
          password: "a-long-passphrase",
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(
      results.filter((result) => !result.ok).every((result) => !result.ok && /not valid any more/.test(result.message)),
    ).toBe(true);
    expect(await db.user.count({ where: { role: OWNER_ROLE } })).toBe(1);
    expect(
      await createOwnerWithSetupToken(auth, db, {
        token: pending.setupToken,
        name: "Late",
        email: "late@race.test",
        password: "a-long-passphrase",
      }),
    ).toMatchObject({ ok: false });
  });
});
