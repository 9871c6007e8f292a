-- CreateEnum
CREATE TYPE "ActivityResult" AS ENUM ('Succeeded', 'Failed', 'Denied');

-- CreateTable
CREATE TABLE "ActivityLogEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorEmail" TEXT NOT NULL,
    "actorId" TEXT,
    "vaultId" TEXT,
    "operation" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "result" "ActivityResult" NOT NULL,
    "reason" TEXT,
    "changes" JSONB,

    CONSTRAINT "ActivityLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivityLogEntry_vaultId_at_idx" ON "ActivityLogEntry"("vaultId", "at");

-- CreateIndex
CREATE INDEX "ActivityLogEntry_at_idx" ON "ActivityLogEntry"("at");

-- CreateIndex
CREATE INDEX "ActivityLogEntry_actorEmail_at_idx" ON "ActivityLogEntry"("actorEmail", "at");
