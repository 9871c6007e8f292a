-- CreateEnum
CREATE TYPE "AlertType" AS ENUM ('BackupFailure', 'RestoreFailure', 'BackupWarning', 'DeleteBackupData', 'SoftDeleteWeakened', 'ServerDeleted', 'CredentialsDeleted', 'BackupOverdue', 'ServerOffline');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('Sev0', 'Sev1', 'Sev2');

-- CreateEnum
CREATE TYPE "AlertCondition" AS ENUM ('Fired', 'Resolved');

-- CreateEnum
CREATE TYPE "AlertState" AS ENUM ('New', 'Acknowledged', 'Closed');

-- CreateEnum
CREATE TYPE "NotificationFrequency" AS ENUM ('PerAlert', 'HourlyDigest');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('Alert', 'Digest', 'DailySummary');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('Email', 'Webhook');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('Pending', 'Delivered', 'Failed', 'Suppressed');

-- AlterTable
ALTER TABLE "Vault" ADD COLUMN     "alertsForAllJobFailures" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "alertType" "AlertType" NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "protectedItemId" TEXT,
    "backupServerId" TEXT,
    "resourceName" TEXT NOT NULL,
    "errorCode" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "recommendations" JSONB NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "lastOccurredAt" TIMESTAMP(3) NOT NULL,
    "latestJobId" TEXT,
    "condition" "AlertCondition" NOT NULL DEFAULT 'Fired',
    "resolvedAt" TIMESTAMP(3),
    "state" "AlertState" NOT NULL DEFAULT 'New',
    "stateChangedAt" TIMESTAMP(3),
    "stateChangedBy" TEXT,
    "comment" TEXT,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertOccurrence" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "jobId" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "AlertOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "vaultId" TEXT NOT NULL,
    "emailRecipients" JSONB NOT NULL,
    "frequency" "NotificationFrequency" NOT NULL DEFAULT 'PerAlert',
    "severities" JSONB NOT NULL,
    "dailySummary" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("vaultId")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuppressionWindow" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuppressionWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "vaultId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "webhookId" TEXT,
    "alertIds" JSONB NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'Pending',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "response" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertOccurrence" ADD CONSTRAINT "AlertOccurrence_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationSettings" ADD CONSTRAINT "NotificationSettings_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuppressionWindow" ADD CONSTRAINT "SuppressionWindow_vaultId_fkey" FOREIGN KEY ("vaultId") REFERENCES "Vault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One open alert (Fired, not Closed) per scope, type and error code: later occurrences count on it.
CREATE UNIQUE INDEX "Alert_one_open_per_key" ON "Alert"("scopeKey", "alertType", "errorCode") WHERE "condition" = 'Fired' AND "state" <> 'Closed';
