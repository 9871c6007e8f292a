-- AlterTable
ALTER TABLE "ProtectedItem" ADD COLUMN "nextScheduledFor" DATETIME;

-- CreateIndex
CREATE INDEX "ProtectedItem_nextScheduledFor_idx" ON "ProtectedItem"("nextScheduledFor");
