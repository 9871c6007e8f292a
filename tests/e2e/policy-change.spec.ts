// The walk of issue #13: Change policy on web-02 must keep every point the new policy's rules
// select by date, show the impact first, and the next engine tick must leave exactly those.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import { recoveryPointsAt, retagRecoveryPoint } from "@/lib/domain/retention/recovery-points";
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import { createDb } from "@/lib/server/db";
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { DATABASE_URL } from "../../playwright.config";
import { openVault, table } from "./helpers";

const databaseUrl = resolveDatabaseUrl({ ...process.env, DATABASE_URL });

test("Change policy on web-02 keeps what SqlServersPolicy selects by date, shows the impact first, and the next tick keeps exactly that", async ({
  page,
}) => {
  const db = createDb(databaseUrl);
  try {
    const web02 = await db.protectedItem.findFirstOrThrow({ where: { friendlyName: "web-02" } });
    const sqlPolicy = await db.backupPolicy.findFirstOrThrow({
      where: { vaultId: web02.vaultId, name: "SqlServersPolicy" },
    });
    const before = await db.recoveryPoint.findMany({ where: { protectedItemId: web02.id }, orderBy: { time: "asc" } });
    expect(before.length).toBeGreaterThanOrEqual(28);

    await openVault(page, "vault-prod-weu");
    await page
      .getByRole("navigation", { name: "vault-prod-weu menu" })
      .getByRole("link", { name: "Backup items" })
      .click();
    await page.getByRole("link", { name: "Azure Virtual Machine" }).click();
    await page.getByRole("link", { name: "web-02", exact: true }).click();
    await expect(page.getByRole("link", { name: `View all restore points (${before.length})` })).toBeVisible();
    await page
      .getByRole("toolbar", { name: "Backup item commands" })
      .getByRole("button", { name: "Change policy" })
      .click();
    const dialog = page.getByRole("dialog", { name: "Change backup policy" });
    await dialog.getByLabel("Backup policy").selectOption({ label: "SqlServersPolicy" });
    await expect(dialog.getByRole("status", { name: "Impact on recovery points" })).toContainText(
      `${before.length} existing points:`,
    );
    const removal = dialog.getByRole("alert", { name: "Recovery points removed by the change" });
    await expect(removal).toBeVisible();
    await removal.getByRole("checkbox", { name: /I understand/ }).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status", { name: "Change backup policy (web-02)" })).toContainText(
      "The item now uses SqlServersPolicy.",
    );

    // The domain's verdict: each point retagged under SqlServersPolicy, alive at the tick.
    const tickAt = new Date();
    const rules = policyRulesOf(sqlPolicy.properties as AzurePolicyProperties, sqlPolicy.timeZone);
    const retagged = before.map((point) => ({
      time: point.time,
      tiers: [
        ...(point.inSnapshotTier ? (["snapshot"] as const) : []),
        ...(point.inVaultTier ? (["vault"] as const) : []),
      ],
      snapshotExpiresAt: point.snapshotExpiresAt,
      expiresAt: point.isOnDemand || !point.inVaultTier ? point.expiresAt : retagRecoveryPoint(rules, point).expiresAt,
    }));
    const expected = recoveryPointsAt(retagged, tickAt);
    // The dailies of the last 13 days at least (after 22:30 UTC the 14th has expired, and today's
    // slot doesn't run: the engine doesn't tick during e2e) and the Sundays of the last 8 weeks:
    // far more than the 2 the bug left.
    expect(expected.length).toBeGreaterThanOrEqual(14);

    execFileSync("npx", ["tsx", "scripts/engine-tick.ts", "--at", tickAt.toISOString()], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    });
    const after = await db.recoveryPoint.findMany({ where: { protectedItemId: web02.id }, orderBy: { time: "asc" } });
    expect(after.map((point) => point.time.toISOString())).toEqual(expected.map((point) => point.time.toISOString()));
    // No job for the new policy's slots before the change.
    expect(
      await db.job.count({
        where: { protectedItemId: web02.id, status: "Skipped", scheduledFor: { gt: web02.lastScheduledFor! } },
      }),
    ).toBe(0);

    await page.reload();
    await expect(page.getByRole("link", { name: `View all restore points (${expected.length})` })).toBeVisible();
    await expect(table(page, "Restore points")).toBeVisible();
  } finally {
    await db.$disconnect();
  }
});
