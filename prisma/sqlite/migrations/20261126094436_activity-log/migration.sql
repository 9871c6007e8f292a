-- CreateTable
CREATE TABLE "ActivityLogEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorEmail" TEXT NOT NULL,
    "actorId" TEXT,
    "vaultId" TEXT,
    "operation" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "changes" JSONB
);

-- CreateIndex
CREATE INDEX "ActivityLogEntry_vaultId_at_idx" ON "ActivityLogEntry"("vaultId", "at");

-- CreateIndex
CREATE INDEX "ActivityLogEntry_at_idx" ON "ActivityLogEntry"("at");

-- CreateIndex
CREATE INDEX "ActivityLogEntry_actorEmail_at_idx" ON "ActivityLogEntry"("actorEmail", "at");
