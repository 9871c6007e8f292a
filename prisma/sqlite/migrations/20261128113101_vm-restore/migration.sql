-- AlterTable
ALTER TABLE "Job" ADD COLUMN "restoreDetails" JSONB;
