-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "alertType" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "protectedItemId" TEXT,
    "backupServerId" TEXT,
    "resourceName" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "recommendations" JSONB NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "firedAt" DATETIME NOT NULL,
    "lastOccurredAt" DATETIME NOT NULL,
    "latestJobId" TEXT,
    "condition" TEXT NOT NULL DEFAULT 'Fired',
    "resolvedAt" DATETIME,
    "state" TEXT NOT NULL DEFAULT 'New',
    "stateChangedAt" DATETIME,
    "stateChangedBy" TEXT,
    "comment" TEXT,
    "notifiedAt" DATETIME,
    CONSTRAINT "Alert_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertOccurrence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alertId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "jobId" TEXT,
    "message" TEXT NOT NULL,
    CONSTRAINT "AlertOccurrence_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "vaultId" TEXT NOT NULL PRIMARY KEY,
    "emailRecipients" JSONB NOT NULL,
    "frequency" TEXT NOT NULL DEFAULT 'PerAlert',
    "severities" JSONB NOT NULL,
    "dailySummary" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotificationSettings_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Webhook_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SuppressionWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SuppressionWindow_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vaultId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "webhookId" TEXT,
    "alertIds" JSONB NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "createdAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "deliveredAt" DATETIME,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notificationId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "response" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "NotificationAttempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Vault" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "storageRedundancy" TEXT NOT NULL DEFAULT 'GeoRedundant',
    "softDeleteState" TEXT NOT NULL DEFAULT 'Enabled',
    "softDeleteRetentionDays" INTEGER NOT NULL DEFAULT 14,
    "alertsForAllJobFailures" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Vault" ("createdAt", "id", "location", "name", "nameKey", "resourceGroup", "softDeleteRetentionDays", "softDeleteState", "storageRedundancy", "subscriptionId") SELECT "createdAt", "id", "location", "name", "nameKey", "resourceGroup", "softDeleteRetentionDays", "softDeleteState", "storageRedundancy", "subscriptionId" FROM "Vault";
DROP TABLE "Vault";
ALTER TABLE "new_Vault" RENAME TO "Vault";
CREATE INDEX "Vault_nameKey_idx" ON "Vault"("nameKey");
CREATE UNIQUE INDEX "Vault_subscriptionId_resourceGroup_nameKey_key" ON "Vault"("subscriptionId", "resourceGroup", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Alert_vaultId_firedAt_idx" ON "Alert"("vaultId", "firedAt");

-- CreateIndex
CREATE INDEX "Alert_condition_state_idx" ON "Alert"("condition", "state");

-- CreateIndex
CREATE INDEX "Alert_notifiedAt_idx" ON "Alert"("notifiedAt");

-- CreateIndex
CREATE INDEX "Alert_protectedItemId_condition_idx" ON "Alert"("protectedItemId", "condition");

-- CreateIndex
CREATE INDEX "AlertOccurrence_alertId_at_idx" ON "AlertOccurrence"("alertId", "at");

-- CreateIndex
CREATE INDEX "Webhook_vaultId_idx" ON "Webhook"("vaultId");

-- CreateIndex
CREATE INDEX "SuppressionWindow_vaultId_endsAt_idx" ON "SuppressionWindow"("vaultId", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_vaultId_createdAt_idx" ON "Notification"("vaultId", "createdAt");

-- CreateIndex
CREATE INDEX "NotificationAttempt_notificationId_at_idx" ON "NotificationAttempt"("notificationId", "at");

-- One open alert (Fired, not Closed) per scope, type and error code: later occurrences count on it.
CREATE UNIQUE INDEX "Alert_one_open_per_key" ON "Alert"("scopeKey", "alertType", "errorCode") WHERE "condition" = 'Fired' AND "state" <> 'Closed';
