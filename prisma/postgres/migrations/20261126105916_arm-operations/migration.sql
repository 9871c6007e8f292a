-- CreateTable
CREATE TABLE "ArmOperation" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "jobId" TEXT,
    "startTime" TIMESTAMP(3) NOT NULL,
    "endTime" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArmOperation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ArmOperation_vaultId_idx" ON "ArmOperation"("vaultId");

-- Backup Agent items are named FileFolder;{machine};{label}, the label being the path with ':\' and '\' as '_' (C:\Data -> C_Data).
UPDATE "ProtectedItem" SET "itemName" = RTRIM(REPLACE(REPLACE("itemName", ':\', '_'), '\', '_'), '_') WHERE "backupManagementType" = 'MAB';
