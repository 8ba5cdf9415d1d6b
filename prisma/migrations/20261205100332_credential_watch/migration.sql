-- CreateTable
CREATE TABLE "CredentialCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "credentialId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CredentialCheck_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "plannedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "secretKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdByName" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alertId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "webhookId" TEXT,
    "recipient" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastStatusCode" INTEGER,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "Delivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connector" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "secretCiphertext" TEXT NOT NULL,
    "secretKeyId" TEXT NOT NULL,
    "secretLast4" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "accountEmail" TEXT NOT NULL,
    "lastVerifiedAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'ok',
    "stateReason" TEXT NOT NULL DEFAULT '',
    "stateChangedAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "nextCheckAt" DATETIME,
    "inconclusiveSince" DATETIME,
    "inconclusiveCount" INTEGER NOT NULL DEFAULT 0,
    "reportedAccountId" TEXT,
    "reportedAccountName" TEXT,
    "reportedAccountEmail" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "ownerId" TEXT,
    "idempotencyKey" TEXT,
    "authMethod" TEXT NOT NULL DEFAULT 'api-key',
    CONSTRAINT "Credential_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Credential" ("accountEmail", "accountId", "accountName", "authMethod", "connector", "createdAt", "description", "id", "idempotencyKey", "lastCheckedAt", "lastVerifiedAt", "name", "nameKey", "ownerId", "secretCiphertext", "secretKeyId", "secretLast4", "updatedAt", "version", "state", "stateReason") SELECT "accountEmail", "accountId", "accountName", "authMethod", "connector", "createdAt", "description", "id", "idempotencyKey", "lastCheckedAt", "lastVerifiedAt", "name", "nameKey", "ownerId", "secretCiphertext", "secretKeyId", "secretLast4", "updatedAt", "version",
    -- The check status becomes the state: "failed" was a token the connector refused, now "broken".
    CASE "lastCheckStatus" WHEN 'failed' THEN 'broken' WHEN 'unreadable' THEN 'unreadable' ELSE 'ok' END,
    CASE WHEN "lastCheckStatus" IN ('failed', 'unreadable') THEN "lastCheckMessage" ELSE '' END
  FROM "Credential";
DROP TABLE "Credential";
ALTER TABLE "new_Credential" RENAME TO "Credential";
CREATE INDEX "Credential_connector_createdAt_idx" ON "Credential"("connector", "createdAt");
CREATE INDEX "Credential_nextCheckAt_idx" ON "Credential"("nextCheckAt");
CREATE INDEX "Credential_state_idx" ON "Credential"("state");
CREATE UNIQUE INDEX "Credential_ownerId_connector_nameKey_key" ON "Credential"("ownerId", "connector", "nameKey");
CREATE UNIQUE INDEX "Credential_ownerId_idempotencyKey_key" ON "Credential"("ownerId", "idempotencyKey");
CREATE TABLE "new_Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workspaceName" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ownerId" TEXT,
    "idempotencyKey" TEXT,
    "workspaceAccess" TEXT NOT NULL DEFAULT 'ok',
    "workspaceAccessChangedAt" DATETIME,
    CONSTRAINT "Endpoint_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Endpoint_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Endpoint" ("connector", "createdAt", "credentialId", "id", "idempotencyKey", "kind", "name", "nameKey", "ownerId", "workspaceId", "workspaceName") SELECT "connector", "createdAt", "credentialId", "id", "idempotencyKey", "kind", "name", "nameKey", "ownerId", "workspaceId", "workspaceName" FROM "Endpoint";
DROP TABLE "Endpoint";
ALTER TABLE "new_Endpoint" RENAME TO "Endpoint";
CREATE INDEX "Endpoint_credentialId_idx" ON "Endpoint"("credentialId");
CREATE INDEX "Endpoint_kind_createdAt_idx" ON "Endpoint"("kind", "createdAt");
CREATE UNIQUE INDEX "Endpoint_ownerId_kind_nameKey_key" ON "Endpoint"("ownerId", "kind", "nameKey");
CREATE UNIQUE INDEX "Endpoint_ownerId_idempotencyKey_key" ON "Endpoint"("ownerId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

