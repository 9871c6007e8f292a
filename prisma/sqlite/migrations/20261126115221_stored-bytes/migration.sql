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
    "policyId" TEXT,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "deletedAt" DATETIME,
    "purgeAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProtectedItem_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_virtualMachineId_fkey" FOREIGN KEY ("virtualMachineId") REFERENCES "VirtualMachine" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_fileFolderSourceId_fkey" FOREIGN KEY ("fileFolderSourceId") REFERENCES "FileFolderSource" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "BackupPolicy" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ProtectedItem" ("backupManagementType", "containerName", "createdAt", "deletedAt", "fileFolderSourceId", "friendlyName", "healthDetails", "id", "itemName", "lastBackupStatus", "lastBackupTime", "lastScheduledFor", "policyId", "preCheckStatus", "protectionState", "purgeAt", "vaultId", "virtualMachineId") SELECT "backupManagementType", "containerName", "createdAt", "deletedAt", "fileFolderSourceId", "friendlyName", "healthDetails", "id", "itemName", "lastBackupStatus", "lastBackupTime", "lastScheduledFor", "policyId", "preCheckStatus", "protectionState", "purgeAt", "vaultId", "virtualMachineId" FROM "ProtectedItem";
DROP TABLE "ProtectedItem";
ALTER TABLE "new_ProtectedItem" RENAME TO "ProtectedItem";
CREATE INDEX "ProtectedItem_vaultId_backupManagementType_friendlyName_idx" ON "ProtectedItem"("vaultId", "backupManagementType", "friendlyName");
CREATE INDEX "ProtectedItem_virtualMachineId_idx" ON "ProtectedItem"("virtualMachineId");
CREATE INDEX "ProtectedItem_fileFolderSourceId_idx" ON "ProtectedItem"("fileFolderSourceId");
CREATE INDEX "ProtectedItem_policyId_idx" ON "ProtectedItem"("policyId");
CREATE UNIQUE INDEX "ProtectedItem_vaultId_itemName_key" ON "ProtectedItem"("vaultId", "itemName");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The counter starts from the points that exist.
UPDATE "ProtectedItem" SET "storedBytes" = (SELECT COALESCE(SUM("sizeBytes"), 0) FROM "RecoveryPoint" WHERE "RecoveryPoint"."protectedItemId" = "ProtectedItem"."id");
