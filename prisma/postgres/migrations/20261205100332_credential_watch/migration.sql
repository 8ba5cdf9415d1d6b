-- The check status becomes the state: "failed" was a token the connector refused, now "broken".
ALTER TABLE "Credential" RENAME COLUMN "lastCheckStatus" TO "state";
ALTER TABLE "Credential" RENAME COLUMN "lastCheckMessage" TO "stateReason";
UPDATE "Credential" SET "state" = 'broken' WHERE "state" = 'failed';
UPDATE "Credential" SET "stateReason" = '' WHERE "state" = 'ok';

-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "inconclusiveCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "inconclusiveSince" TIMESTAMP(3),
ADD COLUMN     "nextCheckAt" TIMESTAMP(3),
ADD COLUMN     "reportedAccountEmail" TEXT,
ADD COLUMN     "reportedAccountId" TEXT,
ADD COLUMN     "reportedAccountName" TEXT,
ADD COLUMN     "stateChangedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "workspaceAccess" TEXT NOT NULL DEFAULT 'ok',
ADD COLUMN     "workspaceAccessChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CredentialCheck" (
    "id" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CredentialCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "plannedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "secretKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdByName" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "webhookId" TEXT,
    "recipient" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastStatusCode" INTEGER,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CredentialCheck_credentialId_checkedAt_idx" ON "CredentialCheck"("credentialId", "checkedAt");

-- CreateIndex
CREATE INDEX "Alert_plannedAt_createdAt_idx" ON "Alert"("plannedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_credentialId_createdAt_idx" ON "Alert"("credentialId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_recipient_credentialId_createdAt_idx" ON "Delivery"("recipient", "credentialId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_webhookId_createdAt_idx" ON "Delivery"("webhookId", "createdAt");

-- CreateIndex
CREATE INDEX "Credential_nextCheckAt_idx" ON "Credential"("nextCheckAt");

-- CreateIndex
CREATE INDEX "Credential_state_idx" ON "Credential"("state");

-- AddForeignKey
ALTER TABLE "CredentialCheck" ADD CONSTRAINT "CredentialCheck_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

