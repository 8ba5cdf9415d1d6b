-- CreateTable
CREATE TABLE "CredentialEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "credentialId" TEXT NOT NULL,
    "credentialName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "lastCheckStatus" TEXT NOT NULL DEFAULT 'ok',
    "lastCheckMessage" TEXT NOT NULL DEFAULT '',
    "lastCheckedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Credential" ("accountEmail", "accountId", "accountName", "connector", "createdAt", "description", "id", "lastVerifiedAt", "name", "nameKey", "secretCiphertext", "secretKeyId", "secretLast4", "updatedAt") SELECT "accountEmail", "accountId", "accountName", "connector", "createdAt", "description", "id", "lastVerifiedAt", "name", "nameKey", "secretCiphertext", "secretKeyId", "secretLast4", "updatedAt" FROM "Credential";
DROP TABLE "Credential";
ALTER TABLE "new_Credential" RENAME TO "Credential";
CREATE INDEX "Credential_connector_createdAt_idx" ON "Credential"("connector", "createdAt");
CREATE UNIQUE INDEX "Credential_connector_nameKey_key" ON "Credential"("connector", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CredentialEvent_credentialId_createdAt_idx" ON "CredentialEvent"("credentialId", "createdAt");

