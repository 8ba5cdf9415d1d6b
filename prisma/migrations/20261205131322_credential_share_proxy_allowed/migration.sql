-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CredentialShare" (
    "credentialId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "proxyAllowed" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("credentialId", "userId"),
    CONSTRAINT "CredentialShare_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CredentialShare_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CredentialShare" ("createdAt", "credentialId", "userId") SELECT "createdAt", "credentialId", "userId" FROM "CredentialShare";
DROP TABLE "CredentialShare";
ALTER TABLE "new_CredentialShare" RENAME TO "CredentialShare";
CREATE INDEX "CredentialShare_userId_idx" ON "CredentialShare"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

