import { beforeAll, expect, it } from "vitest";
import { scheduledRecoveryPoint } from "@/lib/domain/retention/recovery-points";
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { jobFiltersSchema } from "@/lib/schemas/jobs";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { clearDatabase, DEMO_SETUP, databaseIsEmpty, pinDemoVault } from "@/lib/server/seed/demo-estate";
import { countItemsByType, getItemDashboard, ITEM_PAGE_SIZE, listItems } from "@/lib/server/services/items";
import { getJob, listJobs } from "@/lib/server/services/jobs";
import { getVaultOverview } from "@/lib/server/services/overview";
import { listPinnedVaults, listVaults } from "@/lib/server/services/vaults";
import { OWNER_ROLE } from "@/lib/server/auth/auth";
import { DEMO_USERS } from "@/lib/server/auth/users";
import { systemActor } from "@/lib/server/auth/authorize";
import { DEMO_SEEDED_AT as NOW, describeOnDatabases } from "./databases";

const filters = (query: Record<string, string>) => jobFiltersSchema.parse(query);

describeOnDatabases(
  "demo estate and the blades' services",
  (database) => {
    let prodId = "";
    beforeAll(async () => {
      const { db } = database();
      // The estate global-setup.ts seeded by running the real engine over four months of virtual time.
      expect(await databaseIsEmpty(db)).toBe(false);
      prodId = (await db.vault.findFirstOrThrow({ where: { name: "vault-prod-weu" } })).id;
    });

    it("has 3 vaults in 2 resource groups and 2 regions, one pinned on the Owner's and the demo users' dashboards", async () => {
      const { db } = database();
      const vaults = await listVaults(db, systemActor("owner@contoso.com"));
      expect(vaults.map((vault) => vault.name)).toEqual(["vault-dr-eus", "vault-files-weu", "vault-prod-weu"]);
      expect(new Set(vaults.map((vault) => vault.resourceGroup)).size).toBe(2);
      expect(new Set(vaults.map((vault) => vault.location)).size).toBe(2);
      const owner = await db.user.create({
        data: { id: "demo-owner", name: "Owner", email: "owner@contoso.com", role: OWNER_ROLE },
      });
      const reader = await db.user.create({
        data: {
          id: "demo-reader",
          name: "Reader",
          email: "reader@contoso.com",
          vaultRoles: { create: vaults.map((vault) => ({ vaultId: vault.id, role: "Reader" as const })) },
        },
      });
      const stranger = await db.user.create({
        data: { id: "demo-stranger", name: "Stranger", email: "stranger@contoso.com" },
      });
      await pinDemoVault(db);
      await pinDemoVault(db);
      const pinnedFor = (user: { id: string; email: string; name: string }, isOwner: boolean) =>
        listPinnedVaults(db, NOW, { userId: user.id, email: user.email, name: user.name, isOwner });
      expect(await pinnedFor(owner, true)).toEqual([expect.objectContaining({ name: "vault-prod-weu", itemCount: 8 })]);
      expect(await pinnedFor(reader, false)).toEqual([expect.objectContaining({ name: "vault-prod-weu" })]);
      expect(await db.dashboardPin.count({ where: { userId: stranger.id } })).toBe(0);
      expect(await db.virtualMachine.count()).toBe(12);
      expect(await db.backupAgentServer.count()).toBe(3);
    });

    it("keeps only recovery points its policy keeps, tagged as the policy says, and always the latest", async () => {
      const { db } = database();
      const items = await db.protectedItem.findMany({
        include: { policy: true, recoveryPoints: { orderBy: { time: "asc" } } },
      });
      // Stopping protection takes an item off its policy (Azure: policyId ""); its points stay as they were.
      expect(items.filter((item) => !item.policy).map((item) => item.protectionState)).toEqual(
        expect.arrayContaining(["ProtectionStopped"]),
      );
      expect(items.filter((item) => !item.policy).every((item) => item.protectionState === "ProtectionStopped")).toBe(
        true,
      );
      let checked = 0;
      for (const item of items.filter((candidate) => candidate.policy)) {
        const latest = item.recoveryPoints.at(-1);
        const rules = rulesOfStoredPolicy(item.policy!);
        for (const point of item.recoveryPoints) {
          if (point.isOnDemand) {
            // Backup now: kept until the date picked, whatever the policy says.
            const job = await db.job.findUniqueOrThrow({ where: { id: point.jobId! } });
            expect(point).toMatchObject({ ruleName: "OnDemand", expiresAt: job.retainUntil });
            continue;
          }
          const [slot] = scheduledSlots(rules.schedule, rules.timeZone, point.time, point.time, { includeFrom: true });
          const planned = scheduledRecoveryPoint(rules, slot)!;
          if (point.inVaultTier) {
            expect(point.ruleName).toBe(planned.governingRule);
            expect(point.retentionRules).toEqual(planned.rules);
            expect(point.expiresAt).toEqual(planned.expiresAt);
          } else {
            // The transfer failed: a snapshot only.
            expect(point).toMatchObject({
              ruleName: null,
              expiresAt: null,
              snapshotExpiresAt: planned.snapshotExpiresAt,
            });
          }
          // Pruning stops with protection, so only active items have nothing expired but their latest point.
          const active = item.protectionState !== "ProtectionStopped";
          if (active && point !== latest)
            expect(Math.max(point.expiresAt?.getTime() ?? 0, point.snapshotExpiresAt?.getTime() ?? 0)).toBeGreaterThan(
              NOW.getTime(),
            );
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
      expect(await db.recoveryPoint.count({ where: { isOnDemand: true } })).toBe(1);
    });

    it("has the alerts its history raised: legacy-app-01's failures on one open alert, earlier failures resolved", async () => {
      const { db } = database();
      const open = await db.alert.findMany({
        where: { vaultId: prodId, condition: "Fired", alertType: "BackupFailure" },
      });
      expect(open.map((alert) => [alert.resourceName, alert.errorCode])).toContainEqual([
        "legacy-app-01",
        "UserErrorVmNotFoundV2",
      ]);
      const legacy = open.find((alert) => alert.resourceName === "legacy-app-01")!;
      expect(legacy.occurrences).toBeGreaterThan(1);
      expect(
        await db.alert.count({ where: { vaultId: prodId, alertType: "BackupFailure", condition: "Resolved" } }),
      ).toBeGreaterThan(0);
    });

    it("shows the deleted-while-protected VM as a protection error with Critical pre-check", async () => {
      const { db } = database();
      const item = await db.protectedItem.findFirstOrThrow({
        where: { friendlyName: "legacy-app-01" },
        include: { virtualMachine: true },
      });
      expect(item).toMatchObject({
        protectionState: "ProtectionError",
        preCheckStatus: "Critical",
        lastBackupStatus: "Failed",
      });
      expect(item.virtualMachine?.deletedAt).not.toBeNull();
      const failures = await db.job.findMany({
        where: { protectedItemId: item.id, startTime: { gte: item.virtualMachine!.deletedAt! } },
      });
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((job) => job.status === "Failed" && job.errorCode === "UserErrorVmNotFoundV2")).toBe(true);
    });

    it("sums the vault overview's tiles", async () => {
      const { db } = database();
      const overview = await getVaultOverview(db, prodId, NOW, "Europe/Berlin");
      expect(overview.itemCounts).toEqual({ AzureIaasVM: 8, MAB: 0 });
      expect(overview.preCheck).toEqual({ Passed: 6, Warning: 1, Critical: 1 });
      expect(overview.jobsInProgress).toBe(0); // live jobs come from the engine
      expect(overview.policyCount).toBe(2);
      // The items' stored-bytes counters, kept by the engine's backups and sweeps, add up to their points.
      const points = await db.recoveryPoint.aggregate({
        where: { protectedItem: { vaultId: prodId } },
        _sum: { sizeBytes: true },
      });
      expect(overview.storageBytes).toBeGreaterThan(0);
      expect(overview.storageBytes).toBe(Number(points._sum.sizeBytes));
      for (const item of await db.protectedItem.findMany({
        select: { id: true, storedBytes: true, recoveryPoints: { select: { sizeBytes: true } } },
      })) {
        expect(item.storedBytes).toBe(item.recoveryPoints.reduce((sum, point) => sum + point.sizeBytes, 0n));
      }
      expect(overview.jobsPerDay).toHaveLength(7);
      const failed24h = await db.job.count({
        where: { vaultId: prodId, status: "Failed", startTime: { gte: new Date(NOW.getTime() - 86_400_000) } },
      });
      expect(overview.jobsFailed24h).toBe(failed24h);
      const lastDay = overview.jobsPerDay.at(-1)!;
      expect(lastDay.day).toBe("2026-11-26");
    });

    it("lists items per type with search and paging, and latest restore points without extra queries per row", async () => {
      const { db } = database();
      expect(await countItemsByType(db, prodId)).toEqual({ AzureIaasVM: 8, MAB: 0 });
      const all = await listItems(db, prodId, "AzureIaasVM", {});
      expect(all.rows.map((row) => row.friendlyName)).toEqual([
        "app-01",
        "app-02",
        "legacy-app-01",
        "sql-01",
        "sql-02",
        "web-01",
        "web-02",
        "web-03",
      ]);
      expect(all.rows.find((row) => row.friendlyName === "app-02")).toMatchObject({
        protectionState: "IRPending",
        latestRecoveryPoint: null,
      });
      expect(all.rows.find((row) => row.friendlyName === "sql-01")?.latestRecoveryPoint).toBeInstanceOf(Date);
      expect(
        (await listItems(db, prodId, "AzureIaasVM", { search: "SQL" })).rows.map((row) => row.friendlyName),
      ).toEqual(["sql-01", "sql-02"]);
      expect((await listItems(db, prodId, "AzureIaasVM", { search: "rg-web-prod" })).total).toBe(3);
      const outOfRange = await listItems(db, prodId, "AzureIaasVM", { page: 99 });
      expect(outOfRange.page).toBe(1);
      expect(ITEM_PAGE_SIZE).toBeGreaterThan(8);
    });

    it("gathers the item dashboard", async () => {
      const { db } = database();
      const item = await db.protectedItem.findFirstOrThrow({ where: { friendlyName: "sql-01" } });
      const dashboard = await getItemDashboard(db, prodId, item.id);
      expect(dashboard?.recoveryPointCount).toBeGreaterThan(14);
      expect(dashboard?.oldestRecoveryPoint!.getTime()).toBeLessThan(dashboard!.latestRecoveryPoint!.getTime());
      expect(dashboard?.recentJobs.length).toBeGreaterThan(0);
      expect(await getItemDashboard(db, "another-vault", item.id)).toBeNull();
    });

    it("filters jobs by time range, type, operation and status, newest first", async () => {
      const { db } = database();
      const last24h = await listJobs(db, prodId, filters({}), NOW, "UTC");
      expect(last24h.rows.every((job) => job.startTime.getTime() >= NOW.getTime() - 86_400_000)).toBe(true);
      const month = await listJobs(db, prodId, filters({ range: "30d" }), NOW, "UTC");
      expect(month.total).toBeGreaterThan(last24h.total);
      const times = month.rows.map((job) => job.startTime.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const failed = await listJobs(
        db,
        prodId,
        filters({ range: "30d", status: "Failed", operation: "Backup" }),
        NOW,
        "UTC",
      );
      expect(failed.total).toBeGreaterThan(0);
      expect(failed.rows.every((job) => job.status === "Failed" && job.operation === "Backup")).toBe(true);
      const agentJobs = await listJobs(db, prodId, filters({ range: "30d", type: "MAB" }), NOW, "UTC");
      expect(agentJobs.total).toBe(0);
      const custom = await listJobs(
        db,
        prodId,
        filters({ range: "custom", from: "2026-11-20T00:00", to: "2026-11-21T00:00" }),
        NOW,
        "Europe/Berlin",
      );
      expect(custom.window.from.toISOString()).toBe("2026-11-19T23:00:00.000Z");
      expect(custom.rows.every((job) => job.startTime >= custom.window.from && job.startTime <= custom.window.to)).toBe(
        true,
      );
    });

    it("returns job details with sub-tasks and error information", async () => {
      const { db } = database();
      const failed = await db.job.findFirstOrThrow({
        where: { vaultId: prodId, status: "Failed", operation: "Backup" },
      });
      const job = await getJob(db, prodId, failed.id);
      expect(job?.subTasks.map((task) => task.name)).toEqual(["Take Snapshot", "Transfer data to vault"]);
      expect(job?.errorCode).toMatch(/^UserError|^Extension/);
      expect(job?.recommendations.length).toBeGreaterThan(0);
      expect(await getJob(db, "another-vault", failed.id)).toBeNull();
    });

    it("dates its activity at or before the history it made: the vaults created by the demo set-up (creating one takes the Owner), the rest by the demo Contributor (a user the seed creates)", async () => {
      const { db } = database();
      const entries = await db.activityLogEntry.findMany({ orderBy: { at: "asc" } });
      expect(entries.length).toBeGreaterThan(0);
      const contributor = DEMO_USERS.find((user) => user.role === "Contributor")!.email;
      expect(new Set(entries.map((entry) => entry.actorEmail))).toEqual(new Set([DEMO_SETUP, contributor]));
      expect(entries.every((entry) => (entry.operation === "Create vault") === (entry.actorEmail === DEMO_SETUP))).toBe(
        true,
      );
      expect(entries.every((entry) => entry.result === "Succeeded" && entry.at <= NOW)).toBe(true);
      for (const vault of await db.vault.findMany()) {
        const created = entries.find((entry) => entry.operation === "Create vault" && entry.vaultId === vault.id)!;
        expect(created.at).toEqual(vault.createdAt);
        const firstJob = await db.job.findFirstOrThrow({ where: { vaultId: vault.id }, orderBy: { startTime: "asc" } });
        expect(created.at.getTime()).toBeLessThan(firstJob.startTime.getTime());
        // Its creation is the vault's first entry.
        expect(entries.find((entry) => entry.vaultId === vault.id)).toBe(created);
      }
      for (const configured of entries.filter((entry) => entry.operation === "Configure backup")) {
        const item = await db.protectedItem.findFirstOrThrow({
          where: { vaultId: configured.vaultId!, friendlyName: configured.resource },
        });
        const firstJob = await db.job.findFirst({ where: { protectedItemId: item.id }, orderBy: { startTime: "asc" } });
        if (firstJob) expect(configured.at.getTime()).toBeLessThanOrEqual(firstJob.startTime.getTime());
      }
    });

    it("can be cleared to an empty database (as db:reset-demo does before seeding again)", async () => {
      const { db } = database();
      await clearDatabase(db);
      expect(await databaseIsEmpty(db)).toBe(true);
    });
  },
  "demo",
);

it("rejects job filters that make no sense", () => {
  expect(jobFiltersSchema.safeParse({ range: "custom" }).success).toBe(false);
  expect(
    jobFiltersSchema.safeParse({ range: "custom", from: "2026-11-21T00:00", to: "2026-11-20T00:00" }).success,
  ).toBe(false);
  expect(jobFiltersSchema.safeParse({ status: "Exploded" }).success).toBe(false);
  expect(jobFiltersSchema.parse({ status: "all", page: "x" })).toMatchObject({
    status: undefined,
    page: 1,
    range: "24h",
  });
});
