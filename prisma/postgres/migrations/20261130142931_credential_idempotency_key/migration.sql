-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Credential_ownerId_idempotencyKey_key" ON "Credential"("ownerId", "idempotencyKey");

