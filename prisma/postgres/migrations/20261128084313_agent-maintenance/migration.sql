-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "JobOperation" ADD VALUE 'Prune';
ALTER TYPE "JobOperation" ADD VALUE 'IntegrityCheck';

-- AlterTable
ALTER TABLE "BackupAgentServer" ADD COLUMN     "throttling" JSONB;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "backupServerId" TEXT;

-- CreateIndex
CREATE INDEX "Job_backupServerId_operation_startTime_idx" ON "Job"("backupServerId", "operation", "startTime");

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_backupServerId_fkey" FOREIGN KEY ("backupServerId") REFERENCES "BackupAgentServer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand (tests/integration/schema-drift.test.ts): a server runs one Prune and one IntegrityCheck at a time.
CREATE UNIQUE INDEX "Job_one_running_maintenance_per_server" ON "Job"("backupServerId", "operation") WHERE "backupServerId" IS NOT NULL AND "status" IN ('InProgress', 'Cancelling');
