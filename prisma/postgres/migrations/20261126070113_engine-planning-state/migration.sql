-- AlterTable
ALTER TABLE "ProtectedItem" ADD COLUMN     "lastScheduledFor" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");
