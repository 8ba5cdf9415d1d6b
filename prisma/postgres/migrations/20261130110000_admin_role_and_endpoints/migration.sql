-- Vocabulary (docs/glossary.md): the installation's administrator role is "admin" (a credential's
-- "owner" is someone else), and a source or destination is an "endpoint". Renames only: no data
-- is dropped or rewritten beyond the role value.
ALTER TABLE "Installation" RENAME COLUMN "ownerId" TO "adminId";
UPDATE "User" SET "role" = 'admin' WHERE "role" = 'owner';

ALTER TABLE "Connection" RENAME TO "Endpoint";
ALTER TABLE "Endpoint" RENAME CONSTRAINT "Connection_pkey" TO "Endpoint_pkey";
ALTER TABLE "Endpoint" RENAME CONSTRAINT "Connection_credentialId_fkey" TO "Endpoint_credentialId_fkey";
ALTER TABLE "Endpoint" RENAME CONSTRAINT "Connection_ownerId_fkey" TO "Endpoint_ownerId_fkey";
ALTER INDEX "Connection_credentialId_idx" RENAME TO "Endpoint_credentialId_idx";
ALTER INDEX "Connection_kind_createdAt_idx" RENAME TO "Endpoint_kind_createdAt_idx";
ALTER INDEX "Connection_ownerId_kind_nameKey_key" RENAME TO "Endpoint_ownerId_kind_nameKey_key";
