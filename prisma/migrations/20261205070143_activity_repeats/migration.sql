-- AlterTable (SQLite adds columns with defaults, or nullable, in place; no need to rebuild the table)
ALTER TABLE "CredentialEvent" ADD COLUMN "times" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "CredentialEvent" ADD COLUMN "lastAt" DATETIME;
