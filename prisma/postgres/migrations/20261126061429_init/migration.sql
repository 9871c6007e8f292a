-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "StorageRedundancy" AS ENUM ('GeoRedundant', 'LocallyRedundant', 'ZoneRedundant');

-- CreateEnum
CREATE TYPE "SoftDeleteState" AS ENUM ('Enabled', 'Disabled', 'AlwaysON');

-- CreateEnum
CREATE TYPE "BackupManagementType" AS ENUM ('AzureIaasVM', 'MAB');

-- CreateEnum
CREATE TYPE "ProtectionState" AS ENUM ('IRPending', 'Protected', 'ProtectionError', 'ProtectionStopped', 'BackupsSuspended');

-- CreateEnum
CREATE TYPE "PreCheckStatus" AS ENUM ('Passed', 'Warning', 'Critical');

-- CreateEnum
CREATE TYPE "PolicyType" AS ENUM ('V1', 'V2');

-- CreateEnum
CREATE TYPE "JobOperation" AS ENUM ('Register', 'ConfigureBackup', 'Backup', 'Restore', 'DisableBackup', 'DeleteBackupData', 'Undelete');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('InProgress', 'Completed', 'CompletedWithWarnings', 'Failed', 'Cancelling', 'Cancelled', 'Skipped');

-- CreateEnum
CREATE TYPE "RecoveryPointType" AS ENUM ('Full', 'Incremental');

-- CreateTable
CREATE TABLE "Vault" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "storageRedundancy" "StorageRedundancy" NOT NULL DEFAULT 'GeoRedundant',
    "softDeleteState" "SoftDeleteState" NOT NULL DEFAULT 'Enabled',
    "softDeleteRetentionDays" INTEGER NOT NULL DEFAULT 14,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vault_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VirtualMachine" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "osType" TEXT NOT NULL,
    "sizeGb" INTEGER NOT NULL,
    "dailyChangeRatePercent" DOUBLE PRECISION NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VirtualMachine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupAgentServer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "osType" TEXT NOT NULL,
    "vaultId" TEXT,
    "registeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupAgentServer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FileFolderSource" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sizeGb" DOUBLE PRECISION NOT NULL,
    "dailyChangeRatePercent" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileFolderSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupPolicy" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "backupManagementType" "BackupManagementType" NOT NULL,
    "policyType" "PolicyType",
    "timeZone" TEXT NOT NULL,
    "windowsTimeZone" TEXT,
    "properties" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackupPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProtectedItem" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "backupManagementType" "BackupManagementType" NOT NULL,
    "virtualMachineId" TEXT,
    "fileFolderSourceId" TEXT,
    "friendlyName" TEXT NOT NULL,
    "containerName" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "protectionState" "ProtectionState" NOT NULL DEFAULT 'IRPending',
    "preCheckStatus" "PreCheckStatus" NOT NULL DEFAULT 'Passed',
    "healthDetails" JSONB,
    "lastBackupStatus" "JobStatus",
    "lastBackupTime" TIMESTAMP(3),
    "policyId" TEXT,
    "deletedAt" TIMESTAMP(3),
    "purgeAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProtectedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "protectedItemId" TEXT,
    "operation" "JobOperation" NOT NULL,
    "status" "JobStatus" NOT NULL,
    "startTime" TIMESTAMP(3) NOT NULL,
    "endTime" TIMESTAMP(3),
    "entityFriendlyName" TEXT NOT NULL,
    "backupManagementType" "BackupManagementType" NOT NULL,
    "subTasks" JSONB NOT NULL,
    "progressPercent" INTEGER NOT NULL DEFAULT 0,
    "bytesTransferred" BIGINT NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "recommendations" JSONB,
    "isCancellable" BOOLEAN NOT NULL DEFAULT false,
    "initiatedBy" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryPoint" (
    "id" TEXT NOT NULL,
    "protectedItemId" TEXT NOT NULL,
    "jobId" TEXT,
    "time" TIMESTAMP(3) NOT NULL,
    "type" "RecoveryPointType" NOT NULL,
    "inSnapshotTier" BOOLEAN NOT NULL,
    "inVaultTier" BOOLEAN NOT NULL,
    "retentionRules" JSONB NOT NULL,
    "ruleName" TEXT,
    "expiresAt" TIMESTAMP(3),
    "snapshotExpiresAt" TIMESTAMP(3),
    "isOnDemand" BOOLEAN NOT NULL DEFAULT false,
    "sizeBytes" BIGINT NOT NULL,

    CONSTRAINT "RecoveryPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DashboardPin" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DashboardPin_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "BackupAgentServer" ADD CONSTRAINT "BackupAgentServer_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileFolderSource" ADD CONSTRAINT "FileFolderSource_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "BackupAgentServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupPolicy" ADD CONSTRAINT "BackupPolicy_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedItem" ADD CONSTRAINT "ProtectedItem_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedItem" ADD CONSTRAINT "ProtectedItem_virtualMachineId_fkey" FOREIGN KEY ("virtualMachineId") REFERENCES "VirtualMachine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedItem" ADD CONSTRAINT "ProtectedItem_fileFolderSourceId_fkey" FOREIGN KEY ("fileFolderSourceId") REFERENCES "FileFolderSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedItem" ADD CONSTRAINT "ProtectedItem_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "BackupPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_protectedItemId_fkey" FOREIGN KEY ("protectedItemId") REFERENCES "ProtectedItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryPoint" ADD CONSTRAINT "RecoveryPoint_protectedItemId_fkey" FOREIGN KEY ("protectedItemId") REFERENCES "ProtectedItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryPoint" ADD CONSTRAINT "RecoveryPoint_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DashboardPin" ADD CONSTRAINT "DashboardPin_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;
