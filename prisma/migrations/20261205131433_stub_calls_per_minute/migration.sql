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
    "callsPerMinute" INTEGER NOT NULL DEFAULT 100,
    CONSTRAINT "Credential_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Credential" ("accountEmail", "accountId", "accountName", "authMethod", "connector", "createdAt", "description", "id", "idempotencyKey", "inconclusiveCount", "inconclusiveSince", "lastCheckedAt", "lastVerifiedAt", "name", "nameKey", "nextCheckAt", "ownerId", "reportedAccountEmail", "reportedAccountId", "reportedAccountName", "secretCiphertext", "secretKeyId", "secretLast4", "state", "stateChangedAt", "stateReason", "updatedAt", "version") SELECT "accountEmail", "accountId", "accountName", "authMethod", "connector", "createdAt", "description", "id", "idempotencyKey", "inconclusiveCount", "inconclusiveSince", "lastCheckedAt", "lastVerifiedAt", "name", "nameKey", "nextCheckAt", "ownerId", "reportedAccountEmail", "reportedAccountId", "reportedAccountName", "secretCiphertext", "secretKeyId", "secretLast4", "state", "stateChangedAt", "stateReason", "updatedAt", "version" FROM "Credential";
DROP TABLE "Credential";
ALTER TABLE "new_Credential" RENAME TO "Credential";
CREATE INDEX "Credential_connector_createdAt_idx" ON "Credential"("connector", "createdAt");
CREATE INDEX "Credential_nextCheckAt_idx" ON "Credential"("nextCheckAt");
CREATE INDEX "Credential_state_idx" ON "Credential"("state");
CREATE UNIQUE INDEX "Credential_ownerId_connector_nameKey_key" ON "Credential"("ownerId", "connector", "nameKey");
CREATE UNIQUE INDEX "Credential_ownerId_idempotencyKey_key" ON "Credential"("ownerId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

