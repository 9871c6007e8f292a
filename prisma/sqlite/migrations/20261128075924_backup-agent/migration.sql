-- AlterTable
ALTER TABLE "BackupAgentServer" ADD COLUMN "agentVersion" TEXT;
ALTER TABLE "BackupAgentServer" ADD COLUMN "credentialHash" TEXT;
ALTER TABLE "BackupAgentServer" ADD COLUMN "exclusions" JSONB;
ALTER TABLE "BackupAgentServer" ADD COLUMN "lastContactAt" DATETIME;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "figures" JSONB;

-- AlterTable
ALTER TABLE "RecoveryPoint" ADD COLUMN "snapshotId" TEXT;

-- CreateTable
CREATE TABLE "VaultCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedByServer" TEXT,
    "revokedAt" DATETIME,
    CONSTRAINT "VaultCredential_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RemovedSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "removedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "VaultCredential_prefix_key" ON "VaultCredential"("prefix");

-- CreateIndex
CREATE INDEX "VaultCredential_vaultId_idx" ON "VaultCredential"("vaultId");

-- CreateIndex
CREATE UNIQUE INDEX "RemovedSnapshot_serverId_snapshotId_key" ON "RemovedSnapshot"("serverId", "snapshotId");
