-- CreateTable
CREATE TABLE "AgentRequest" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "question" JSONB NOT NULL,
    "answer" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "AgentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgentRequest_serverId_answeredAt_idx" ON "AgentRequest"("serverId", "answeredAt");

-- AddForeignKey
ALTER TABLE "AgentRequest" ADD CONSTRAINT "AgentRequest_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "BackupAgentServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
