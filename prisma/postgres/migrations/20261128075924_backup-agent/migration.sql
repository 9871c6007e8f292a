-- AlterTable
ALTER TABLE "BackupAgentServer" ADD COLUMN     "agentVersion" TEXT,
ADD COLUMN     "credentialHash" TEXT,
ADD COLUMN     "exclusions" JSONB,
ADD COLUMN     "lastContactAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "figures" JSONB;

-- AlterTable
ALTER TABLE "RecoveryPoint" ADD COLUMN     "snapshotId" TEXT;

-- CreateTable
CREATE TABLE "VaultCredential" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedByServer" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "VaultCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemovedSnapshot" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemovedSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VaultCredential_prefix_key" ON "VaultCredential"("prefix");

-- CreateIndex
CREATE INDEX "VaultCredential_vaultId_idx" ON "VaultCredential"("vaultId");

-- CreateIndex
CREATE UNIQUE INDEX "RemovedSnapshot_serverId_snapshotId_key" ON "RemovedSnapshot"("serverId", "snapshotId");

-- AddForeignKey
ALTER TABLE "VaultCredential" ADD CONSTRAINT "VaultCredential_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;
