-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "callsPerMinute" INTEGER NOT NULL DEFAULT 100;

