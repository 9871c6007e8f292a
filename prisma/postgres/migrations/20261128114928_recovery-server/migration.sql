-- AlterTable
ALTER TABLE "BackupAgentServer" ADD COLUMN     "passphrasesFor" JSONB;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "recoveryServerId" TEXT;

-- CreateIndex
CREATE INDEX "Job_recoveryServerId_status_idx" ON "Job"("recoveryServerId", "status");
