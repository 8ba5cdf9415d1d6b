-- AlterTable
ALTER TABLE "CredentialShare" ADD COLUMN     "proxyAllowed" BOOLEAN NOT NULL DEFAULT true;

