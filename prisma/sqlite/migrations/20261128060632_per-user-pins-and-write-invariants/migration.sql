-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProtectedItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "backupManagementType" TEXT NOT NULL,
    "virtualMachineId" TEXT,
    "fileFolderSourceId" TEXT,
    "friendlyName" TEXT NOT NULL,
    "containerName" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "protectionState" TEXT NOT NULL DEFAULT 'IRPending',
    "preCheckStatus" TEXT NOT NULL DEFAULT 'Passed',
    "healthDetails" JSONB,
    "lastBackupStatus" TEXT,
    "lastBackupTime" DATETIME,
    "lastScheduledFor" DATETIME,
    "nextScheduledFor" DATETIME,
    "policyId" TEXT,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "onDemandDay" DATETIME,
    "onDemandCount" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" DATETIME,
    "purgeAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProtectedItem_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_virtualMachineId_fkey" FOREIGN KEY ("virtualMachineId") REFERENCES "VirtualMachine" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_fileFolderSourceId_fkey" FOREIGN KEY ("fileFolderSourceId") REFERENCES "FileFolderSource" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "BackupPolicy" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ProtectedItem" ("backupManagementType", "containerName", "createdAt", "deletedAt", "fileFolderSourceId", "friendlyName", "healthDetails", "id", "itemName", "lastBackupStatus", "lastBackupTime", "lastScheduledFor", "nextScheduledFor", "policyId", "preCheckStatus", "protectionState", "purgeAt", "storedBytes", "vaultId", "virtualMachineId") SELECT "backupManagementType", "containerName", "createdAt", "deletedAt", "fileFolderSourceId", "friendlyName", "healthDetails", "id", "itemName", "lastBackupStatus", "lastBackupTime", "lastScheduledFor", "nextScheduledFor", "policyId", "preCheckStatus", "protectionState", "purgeAt", "storedBytes", "vaultId", "virtualMachineId" FROM "ProtectedItem";
DROP TABLE "ProtectedItem";
ALTER TABLE "new_ProtectedItem" RENAME TO "ProtectedItem";
CREATE INDEX "ProtectedItem_vaultId_backupManagementType_friendlyName_idx" ON "ProtectedItem"("vaultId", "backupManagementType", "friendlyName");
CREATE INDEX "ProtectedItem_policyId_idx" ON "ProtectedItem"("policyId");
CREATE INDEX "ProtectedItem_nextScheduledFor_idx" ON "ProtectedItem"("nextScheduledFor");
CREATE UNIQUE INDEX "ProtectedItem_vaultId_itemName_key" ON "ProtectedItem"("vaultId", "itemName");
CREATE UNIQUE INDEX "ProtectedItem_virtualMachineId_key" ON "ProtectedItem"("virtualMachineId");
CREATE UNIQUE INDEX "ProtectedItem_fileFolderSourceId_key" ON "ProtectedItem"("fileFolderSourceId");
CREATE TABLE "new_DashboardPin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DashboardPin_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DashboardPin_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Pins were global: every user who sees a pinned vault (the Owners, and the users with a role on
-- it) keeps it on their own dashboard.
INSERT INTO "new_DashboardPin" ("id", "userId", "vaultId", "createdAt")
SELECT "DashboardPin"."id" || '-' || "User"."id", "User"."id", "DashboardPin"."vaultId", "DashboardPin"."createdAt"
FROM "DashboardPin" JOIN "User" ON "User"."role" = 'admin'
  OR EXISTS (SELECT 1 FROM "VaultRoleAssignment" WHERE "VaultRoleAssignment"."userId" = "User"."id" AND "VaultRoleAssignment"."vaultId" = "DashboardPin"."vaultId");
DROP TABLE "DashboardPin";
ALTER TABLE "new_DashboardPin" RENAME TO "DashboardPin";
CREATE INDEX "DashboardPin_vaultId_idx" ON "DashboardPin"("vaultId");
CREATE UNIQUE INDEX "DashboardPin_userId_vaultId_key" ON "DashboardPin"("userId", "vaultId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backup now's daily limit starts from the on-demand backups items had today (UTC).
UPDATE "ProtectedItem" SET
  "onDemandDay" = strftime('%Y-%m-%dT00:00:00.000+00:00', 'now'),
  "onDemandCount" = (SELECT COUNT(*) FROM "Job" WHERE "Job"."protectedItemId" = "ProtectedItem"."id" AND "Job"."operation" = 'Backup'
    AND "Job"."retainUntil" IS NOT NULL AND "Job"."startTime" >= strftime('%Y-%m-%dT00:00:00.000+00:00', 'now'));

-- One backup at a time per item, held by a partial unique index (the schema can't express one;
-- tests/integration/schema-drift.test.ts lists it). Requests that raced before it existed may have
-- left several running: all but the earliest are closed first.
UPDATE "Job" SET "status" = 'Failed', "isCancellable" = false, "endTime" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'),
  "errorMessage" = 'Closed when backups of an item became one at a time: an earlier backup of this item was running.'
WHERE "operation" = 'Backup' AND "status" IN ('InProgress', 'Cancelling') AND EXISTS (
  SELECT 1 FROM "Job" AS "earlier" WHERE "earlier"."protectedItemId" = "Job"."protectedItemId" AND "earlier"."operation" = 'Backup'
    AND "earlier"."status" IN ('InProgress', 'Cancelling')
    AND ("earlier"."startTime" < "Job"."startTime" OR ("earlier"."startTime" = "Job"."startTime" AND "earlier"."id" < "Job"."id")));
CREATE UNIQUE INDEX "Job_one_running_backup_per_item" ON "Job"("protectedItemId") WHERE "operation" = 'Backup' AND "status" IN ('InProgress', 'Cancelling');
