-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "note" TEXT,
ADD COLUMN     "retainUntil" TIMESTAMP(3);
