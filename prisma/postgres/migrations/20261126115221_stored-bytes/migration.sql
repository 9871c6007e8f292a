-- AlterTable
ALTER TABLE "ProtectedItem" ADD COLUMN     "storedBytes" BIGINT NOT NULL DEFAULT 0;

-- The counter starts from the points that exist.
UPDATE "ProtectedItem" SET "storedBytes" = (SELECT COALESCE(SUM("sizeBytes"), 0) FROM "RecoveryPoint" WHERE "RecoveryPoint"."protectedItemId" = "ProtectedItem"."id");
