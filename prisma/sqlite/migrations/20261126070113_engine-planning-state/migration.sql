-- AlterTable
ALTER TABLE "ProtectedItem" ADD COLUMN "lastScheduledFor" DATETIME;

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");
