-- DropIndex
DROP INDEX "Job_vaultId_startTime_idx";

-- DropIndex
DROP INDEX "RecoveryPoint_protectedItemId_time_idx";

-- CreateIndex
CREATE INDEX "Job_vaultId_startTime_status_idx" ON "Job"("vaultId", "startTime", "status");

-- CreateIndex
CREATE INDEX "RecoveryPoint_protectedItemId_time_sizeBytes_idx" ON "RecoveryPoint"("protectedItemId", "time", "sizeBytes");
