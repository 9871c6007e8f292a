-- AlterTable
ALTER TABLE "ProtectedItem" ADD COLUMN     "nextScheduledFor" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ProtectedItem_nextScheduledFor_idx" ON "ProtectedItem"("nextScheduledFor");
