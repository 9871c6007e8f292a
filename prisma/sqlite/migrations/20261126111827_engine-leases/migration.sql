-- AlterTable
ALTER TABLE "Job" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "Job" ADD COLUMN "leaseUntil" DATETIME;
