-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_ownerId_idempotencyKey_key" ON "Endpoint"("ownerId", "idempotencyKey");

