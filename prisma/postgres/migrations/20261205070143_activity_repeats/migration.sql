-- AlterTable
ALTER TABLE "CredentialEvent" ADD COLUMN     "lastAt" TIMESTAMP(3),
ADD COLUMN     "times" INTEGER NOT NULL DEFAULT 1;

