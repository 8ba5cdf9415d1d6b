-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "callsPerMinute" INTEGER NOT NULL DEFAULT 100;

-- CreateTable
CREATE TABLE "ClickUpCallReservation" (
    "id" TEXT NOT NULL,
    "budgetKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "credentialId" TEXT NOT NULL,
    "endpointId" TEXT,
    "apiKeyId" TEXT,
    "personId" TEXT,
    "purpose" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 1,
    "waitedMs" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "ClickUpCallReservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClickUpCallReservation_budgetKey_at_idx" ON "ClickUpCallReservation"("budgetKey", "at");

-- CreateIndex
CREATE INDEX "ClickUpCallReservation_credentialId_at_idx" ON "ClickUpCallReservation"("credentialId", "at");

-- CreateIndex
CREATE INDEX "ClickUpCallReservation_at_idx" ON "ClickUpCallReservation"("at");

