-- CreateTable
CREATE TABLE "Vault" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "storageRedundancy" TEXT NOT NULL DEFAULT 'GeoRedundant',
    "softDeleteState" TEXT NOT NULL DEFAULT 'Enabled',
    "softDeleteRetentionDays" INTEGER NOT NULL DEFAULT 14,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VirtualMachine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "osType" TEXT NOT NULL,
    "sizeGb" INTEGER NOT NULL,
    "dailyChangeRatePercent" REAL NOT NULL,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BackupAgentServer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "osType" TEXT NOT NULL,
    "vaultId" TEXT,
    "registeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BackupAgentServer_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FileFolderSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sizeGb" REAL NOT NULL,
    "dailyChangeRatePercent" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FileFolderSource_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "BackupAgentServer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BackupPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "backupManagementType" TEXT NOT NULL,
    "policyType" TEXT,
    "timeZone" TEXT NOT NULL,
    "windowsTimeZone" TEXT,
    "properties" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BackupPolicy_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProtectedItem" (
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
    "policyId" TEXT,
    "deletedAt" DATETIME,
    "purgeAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProtectedItem_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_virtualMachineId_fkey" FOREIGN KEY ("virtualMachineId") REFERENCES "VirtualMachine" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_fileFolderSourceId_fkey" FOREIGN KEY ("fileFolderSourceId") REFERENCES "FileFolderSource" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProtectedItem_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "BackupPolicy" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "protectedItemId" TEXT,
    "operation" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startTime" DATETIME NOT NULL,
    "endTime" DATETIME,
    "entityFriendlyName" TEXT NOT NULL,
    "backupManagementType" TEXT NOT NULL,
    "subTasks" JSONB NOT NULL,
    "progressPercent" INTEGER NOT NULL DEFAULT 0,
    "bytesTransferred" BIGINT NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "recommendations" JSONB,
    "isCancellable" BOOLEAN NOT NULL DEFAULT false,
    "initiatedBy" TEXT NOT NULL,
    "scheduledFor" DATETIME,
    CONSTRAINT "Job_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Job_protectedItemId_fkey" FOREIGN KEY ("protectedItemId") REFERENCES "ProtectedItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "protectedItemId" TEXT NOT NULL,
    "jobId" TEXT,
    "time" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "inSnapshotTier" BOOLEAN NOT NULL,
    "inVaultTier" BOOLEAN NOT NULL,
    "retentionRules" JSONB NOT NULL,
    "ruleName" TEXT,
    "expiresAt" DATETIME,
    "snapshotExpiresAt" DATETIME,
    "isOnDemand" BOOLEAN NOT NULL DEFAULT false,
    "sizeBytes" BIGINT NOT NULL,
    CONSTRAINT "RecoveryPoint_protectedItemId_fkey" FOREIGN KEY ("protectedItemId") REFERENCES "ProtectedItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecoveryPoint_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DashboardPin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DashboardPin_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Vault_nameKey_idx" ON "Vault"("nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Vault_subscriptionId_resourceGroup_nameKey_key" ON "Vault"("subscriptionId", "resourceGroup", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "VirtualMachine_subscriptionId_resourceGroup_name_key" ON "VirtualMachine"("subscriptionId", "resourceGroup", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BackupAgentServer_name_key" ON "BackupAgentServer"("name");

-- CreateIndex
CREATE INDEX "BackupAgentServer_vaultId_idx" ON "BackupAgentServer"("vaultId");

-- CreateIndex
CREATE UNIQUE INDEX "FileFolderSource_serverId_path_key" ON "FileFolderSource"("serverId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "BackupPolicy_vaultId_nameKey_key" ON "BackupPolicy"("vaultId", "nameKey");

-- CreateIndex
CREATE INDEX "ProtectedItem_vaultId_backupManagementType_friendlyName_idx" ON "ProtectedItem"("vaultId", "backupManagementType", "friendlyName");

-- CreateIndex
CREATE INDEX "ProtectedItem_virtualMachineId_idx" ON "ProtectedItem"("virtualMachineId");

-- CreateIndex
CREATE INDEX "ProtectedItem_fileFolderSourceId_idx" ON "ProtectedItem"("fileFolderSourceId");

-- CreateIndex
CREATE INDEX "ProtectedItem_policyId_idx" ON "ProtectedItem"("policyId");

-- CreateIndex
CREATE UNIQUE INDEX "ProtectedItem_vaultId_itemName_key" ON "ProtectedItem"("vaultId", "itemName");

-- CreateIndex
CREATE INDEX "Job_vaultId_startTime_idx" ON "Job"("vaultId", "startTime");

-- CreateIndex
CREATE INDEX "Job_vaultId_status_startTime_idx" ON "Job"("vaultId", "status", "startTime");

-- CreateIndex
CREATE INDEX "Job_protectedItemId_startTime_idx" ON "Job"("protectedItemId", "startTime");

-- CreateIndex
CREATE UNIQUE INDEX "Job_protectedItemId_scheduledFor_key" ON "Job"("protectedItemId", "scheduledFor");

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryPoint_jobId_key" ON "RecoveryPoint"("jobId");

-- CreateIndex
CREATE INDEX "RecoveryPoint_protectedItemId_time_idx" ON "RecoveryPoint"("protectedItemId", "time");

-- CreateIndex
CREATE INDEX "RecoveryPoint_expiresAt_idx" ON "RecoveryPoint"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DashboardPin_vaultId_key" ON "DashboardPin"("vaultId");
