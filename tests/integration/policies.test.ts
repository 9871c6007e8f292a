import { beforeAll, expect, it } from "vitest";
import { draftToProperties, newPolicyDraft } from "@/lib/domain/policy/draft";
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listUnprotectedFolders,
  previewPolicyChange,
  switchItemPolicy,
  updatePolicy,
} from "@/lib/server/services/policies";
import { systemActor } from "@/lib/server/auth/authorize";
import { DEMO_SEEDED_AT as NOW, describeOnDatabases } from "./databases";

const ACTOR = systemActor("tester@contoso.com");

describeOnDatabases(
  "policy services",
  (database) => {
    let filesVaultId = "";
    let prodVaultId = "";
    beforeAll(async () => {
      const { db } = database();
      filesVaultId = (await db.vault.findFirstOrThrow({ where: { name: "vault-files-weu" } })).id;
      prodVaultId = (await db.vault.findFirstOrThrow({ where: { name: "vault-prod-weu" } })).id;
    });

    it("creates a Backup Agent policy and protects the chosen folders with it, in one transaction", async () => {
      const { db } = database();
      const folders = await listUnprotectedFolders(db, filesVaultId);
      expect(folders.map((folder) => `${folder.server.name} ${folder.path}`)).toEqual([
        "fs01.contoso.com D:\\Shares\\Engineering",
        "fs02.contoso.com E:\\Archive",
      ]);
      const result = await createPolicy(
        db,
        {
          vaultId: filesVaultId,
          name: "Engineering-Daily",
          policy: draftToProperties(newPolicyDraft("MAB")),
          protectFolderIds: [folders[0].id],
        },
        ACTOR,
      );
      expect(result).toMatchObject({ ok: true, data: { name: "Engineering-Daily", protectedItems: 1 } });
      const item = await db.protectedItem.findFirstOrThrow({
        where: { fileFolderSourceId: folders[0].id },
        include: { jobs: true },
      });
      expect(item).toMatchObject({
        protectionState: "IRPending",
        itemName: "filefolder;fs01.contoso.com;d_shares_engineering",
      });
      expect(item.jobs.map((job) => [job.operation, job.initiatedBy])).toEqual([["ConfigureBackup", ACTOR.email]]);
      expect((await listUnprotectedFolders(db, filesVaultId)).map((folder) => folder.path)).toEqual(["E:\\Archive"]);
    });

    it("refuses an invalid policy with the offending field's path and saves nothing", async () => {
      const { db } = database();
      const before = await db.backupPolicy.count();
      const draft = newPolicyDraft("MAB");
      draft.times = ["00:00", "06:00", "12:00", "18:00"];
      draft.weekly.count = 6000;
      const result = await createPolicy(
        db,
        { vaultId: filesVaultId, name: "Too-Many", policy: draftToProperties(draft) },
        ACTOR,
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe("BMSUserErrorInvalidPolicyInput");
      expect(Object.keys(result.fieldErrors ?? {})).toEqual([
        "policy.schedulePolicy.scheduleRunTimes",
        "policy.retentionPolicy.weeklySchedule.retentionDuration.count",
      ]);
      expect(
        await createPolicy(
          db,
          { vaultId: filesVaultId, name: "9lives", policy: draftToProperties(newPolicyDraft("MAB")) },
          ACTOR,
        ),
      ).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining("starts with a letter")] } });
      expect(
        await createPolicy(
          db,
          { vaultId: filesVaultId, name: "filesdailypolicy", policy: draftToProperties(newPolicyDraft("MAB")) },
          ACTOR,
        ),
      ).toMatchObject({ ok: false, code: "Conflict" });
      expect(await db.backupPolicy.count()).toBe(before);
    });

    it("previews and applies a retention change retroactively, leaving on-demand points alone", async () => {
      const { db } = database();
      const policy = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId: filesVaultId, name: "FilesDailyPolicy" },
      });
      const item = await db.protectedItem.findFirstOrThrow({ where: { policyId: policy.id, deletedAt: null } });
      const onDemand = await db.recoveryPoint.create({
        data: {
          protectedItemId: item.id,
          time: new Date("2026-11-20T12:00:00Z"),
          type: "Incremental",
          inSnapshotTier: false,
          inVaultTier: true,
          retentionRules: [],
          ruleName: "OnDemand",
          expiresAt: new Date("2026-12-20T00:00:00Z"),
          isOnDemand: true,
          sizeBytes: 1n,
        },
      });
      const draft = newPolicyDraft("MAB");
      draft.windowsTimeZone = "W. Europe Standard Time";
      draft.daily.count = 30;
      draft.weekly.enabled = false;
      draft.monthly.enabled = false;
      draft.yearly.enabled = false;
      const change = { vaultId: filesVaultId, policyId: policy.id, policy: draftToProperties(draft) };
      const preview = await previewPolicyChange(db, change, ACTOR, NOW);
      expect(preview.ok).toBe(true);
      if (!preview.ok) return;
      // The policy's items; the one stopped in the demo (retaining its data) left the policy then.
      expect(preview.data.itemCount).toBe(2);
      expect(preview.data.expireSooner).toBeGreaterThan(0); // weekly and longer points now kept 30 days only
      expect(preview.data.liveLonger).toBeGreaterThan(0); // daily points kept 30 days instead of 7
      expect(preview.data.removedWithinDay).toEqual([]);
      const saturdayPoint = await db.recoveryPoint.findFirstOrThrow({
        where: { protectedItemId: item.id, ruleName: "Weekly" },
      });
      expect(await updatePolicy(db, change, ACTOR, NOW)).toEqual(preview);
      const retagged = await db.recoveryPoint.findUniqueOrThrow({ where: { id: saturdayPoint.id } });
      expect(retagged).toMatchObject({
        ruleName: "Daily",
        retentionRules: ["Daily"],
        expiresAt: new Date(saturdayPoint.time.getTime() + 30 * 86_400_000),
      });
      expect(await db.recoveryPoint.findUniqueOrThrow({ where: { id: onDemand.id } })).toMatchObject({
        ruleName: "OnDemand",
        expiresAt: onDemand.expiresAt,
      });
      const stored = await getPolicy(db, filesVaultId, policy.id);
      expect(stored?.properties).toMatchObject({
        retentionPolicy: { dailySchedule: { retentionDuration: { count: 30 } } },
      });
    });

    it("asks before a change removes points within the next day; refused, it changes nothing", async () => {
      const { db } = database();
      // An hour after the previous test's change, so that this change's activity entry is the latest.
      const now = new Date(NOW.getTime() + 3_600_000);
      const policy = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId: filesVaultId, name: "FilesDailyPolicy" },
      });
      const itemIds = (await db.protectedItem.findMany({ where: { policyId: policy.id }, select: { id: true } })).map(
        (item) => item.id,
      );
      const draft = newPolicyDraft("MAB");
      draft.windowsTimeZone = "W. Europe Standard Time";
      draft.daily.count = 2;
      Object.assign(draft, {
        weekly: { ...draft.weekly, enabled: false },
        monthly: { ...draft.monthly, enabled: false },
        yearly: { ...draft.yearly, enabled: false },
      });
      const change = { vaultId: filesVaultId, policyId: policy.id, policy: draftToProperties(draft) };
      const preview = await previewPolicyChange(db, change, ACTOR, now);
      if (!preview.ok) throw new Error(preview.message);
      const removed = preview.data.removedWithinDay;
      expect(removed.length).toBeGreaterThan(0);
      expect(
        removed.every(
          (point) => point.expiresAt.getTime() <= now.getTime() + 86_400_000 && point.time < point.expiresAt,
        ),
      ).toBe(true);
      expect(removed.every((point) => point.expired === point.expiresAt.getTime() <= now.getTime())).toBe(true);
      const pointsBefore = await db.recoveryPoint.findMany({
        where: { protectedItemId: { in: itemIds } },
        orderBy: { id: "asc" },
      });
      const refused = await updatePolicy(db, change, ACTOR, now);
      expect(refused).toMatchObject({
        ok: false,
        code: "UserErrorConfirmationRequired",
        fieldErrors: {
          confirmRemoval: [
            expect.stringContaining(`${removed.length} recovery points would be removed within the next day`),
          ],
        },
      });
      expect(
        await db.recoveryPoint.findMany({ where: { protectedItemId: { in: itemIds } }, orderBy: { id: "asc" } }),
      ).toEqual(pointsBefore);
      expect((await db.backupPolicy.findUniqueOrThrow({ where: { id: policy.id } })).properties).toEqual(
        policy.properties,
      );
      expect(await updatePolicy(db, { ...change, confirmRemoval: true }, ACTOR, now)).toEqual(preview);
      const entry = await db.activityLogEntry.findFirstOrThrow({
        where: { operation: "Modify policy", result: "Succeeded" },
        orderBy: { at: "desc" },
      });
      expect((entry.changes as Record<string, unknown>).recoveryPoints).toEqual([
        null,
        expect.stringContaining(`${removed.length} removed within a day`),
      ]);
    });

    it("won't turn an agent policy into a VM policy", async () => {
      const { db } = database();
      const policy = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId: filesVaultId, name: "FilesDailyPolicy" },
      });
      expect(
        await updatePolicy(
          db,
          { vaultId: filesVaultId, policyId: policy.id, policy: draftToProperties(newPolicyDraft("AzureIaasVM")) },
          ACTOR,
        ),
      ).toMatchObject({ ok: false, code: "BMSUserErrorPolicyMismatch" });
    });

    it("switches an item's policy at once and records the change as a job; refuses other workloads and stopped items", async () => {
      const { db } = database();
      const sqlPolicy = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId: prodVaultId, name: "SqlServersPolicy" },
      });
      const web01 = await db.protectedItem.findFirstOrThrow({ where: { friendlyName: "web-01" } });
      const change = { vaultId: prodVaultId, itemId: web01.id, policyId: sqlPolicy.id };
      // DefaultPolicy keeps 30 days, SqlServersPolicy 14: the older weekday points go, so it asks first.
      expect(await switchItemPolicy(db, change, ACTOR, NOW)).toMatchObject({
        ok: false,
        code: "UserErrorConfirmationRequired",
      });
      expect((await db.protectedItem.findUniqueOrThrow({ where: { id: web01.id } })).policyId).toBe(web01.policyId);
      const result = await switchItemPolicy(db, { ...change, confirmRemoval: true }, ACTOR, NOW);
      expect(result).toMatchObject({ ok: true, data: { policyName: "SqlServersPolicy" } });
      expect((await db.protectedItem.findUniqueOrThrow({ where: { id: web01.id } })).policyId).toBe(sqlPolicy.id);
      expect(
        await db.job.count({
          where: { protectedItemId: web01.id, operation: "ConfigureBackup", initiatedBy: ACTOR.email },
        }),
      ).toBe(1);

      const agentPolicy = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId: filesVaultId, name: "FilesDailyPolicy" },
      });
      expect(
        await switchItemPolicy(db, { vaultId: prodVaultId, itemId: web01.id, policyId: agentPolicy.id }, ACTOR),
      ).toMatchObject({ ok: false, code: "BMSUserErrorPolicyNotFound" });
      const web03 = await db.protectedItem.findFirstOrThrow({ where: { friendlyName: "web-03" } });
      const stopped = await switchItemPolicy(
        db,
        { vaultId: prodVaultId, itemId: web03.id, policyId: sqlPolicy.id },
        ACTOR,
      );
      expect(stopped).toMatchObject({
        ok: false,
        code: "UserErrorInvalidProtectionState",
        message: expect.stringContaining("protection stopped"),
      });
    });

    it("deletes a policy only when no item uses it", async () => {
      const { db } = database();
      const inUse = await db.backupPolicy.findFirstOrThrow({
        where: { vaultId: prodVaultId, name: "SqlServersPolicy" },
      });
      const refused = await deletePolicy(db, { vaultId: prodVaultId, policyId: inUse.id }, ACTOR);
      expect(refused).toMatchObject({
        ok: false,
        code: "PolicyInUse",
        message: expect.stringContaining("while it is the policy of 3 backup items"),
      });
      const created = await createPolicy(
        db,
        { vaultId: prodVaultId, name: "Unused", policy: draftToProperties(newPolicyDraft("AzureIaasVM", "V2")) },
        ACTOR,
      );
      if (!created.ok) throw new Error(created.message);
      expect(await deletePolicy(db, { vaultId: prodVaultId, policyId: created.data.id }, ACTOR)).toEqual({
        ok: true,
        data: { name: "Unused" },
      });
      expect(await getPolicy(db, prodVaultId, created.data.id)).toBeNull();
    });
  },
  "demo",
);
