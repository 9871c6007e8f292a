-- CreateTable
CREATE TABLE "AgentRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "question" JSONB NOT NULL,
    "answer" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    CONSTRAINT "AgentRequest_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "BackupAgentServer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AgentRequest_serverId_answeredAt_idx" ON "AgentRequest"("serverId", "answeredAt");
