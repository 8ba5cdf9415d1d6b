-- Vocabulary (docs/glossary.md): the installation's administrator role is "admin" (a credential's
-- "owner" is someone else), and a source or destination is an "endpoint". Renames only: no data
-- is dropped or rewritten beyond the role value.
ALTER TABLE "Installation" RENAME COLUMN "ownerId" TO "adminId";
UPDATE "User" SET "role" = 'admin' WHERE "role" = 'owner';

ALTER TABLE "Connection" RENAME TO "Endpoint";
DROP INDEX "Connection_credentialId_idx";
DROP INDEX "Connection_kind_createdAt_idx";
DROP INDEX "Connection_ownerId_kind_nameKey_key";
CREATE INDEX "Endpoint_credentialId_idx" ON "Endpoint"("credentialId");
CREATE INDEX "Endpoint_kind_createdAt_idx" ON "Endpoint"("kind", "createdAt");
CREATE UNIQUE INDEX "Endpoint_ownerId_kind_nameKey_key" ON "Endpoint"("ownerId", "kind", "nameKey");
