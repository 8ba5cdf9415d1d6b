-- CreateTable
CREATE TABLE "ClickUpCallReservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "budgetKey" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "credentialId" TEXT NOT NULL,
    "endpointId" TEXT,
    "apiKeyId" TEXT,
    "personId" TEXT,
    "purpose" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 1,
    "waitedMs" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL
);

-- AlterTable
-- Written by hand instead of Prisma's copy of the whole table: a column with a constant default is
-- one ALTER on SQLite, and leaves the same table (the column last) without rewriting every row.
ALTER TABLE "Credential" ADD COLUMN "callsPerMinute" INTEGER NOT NULL DEFAULT 100;

-- CreateIndex
CREATE INDEX "ClickUpCallReservation_budgetKey_at_idx" ON "ClickUpCallReservation"("budgetKey", "at");

-- CreateIndex
CREATE INDEX "ClickUpCallReservation_credentialId_at_idx" ON "ClickUpCallReservation"("credentialId", "at");

-- CreateIndex
CREATE INDEX "ClickUpCallReservation_at_idx" ON "ClickUpCallReservation"("at");

