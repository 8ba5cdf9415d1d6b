-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "proxyRestricted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "scopes" TEXT;

-- CreateTable
CREATE TABLE "ApiKeyProxyTarget" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "credentialId" TEXT,
    "endpointId" TEXT,

    CONSTRAINT "ApiKeyProxyTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiKeyProxyTarget_apiKeyId_idx" ON "ApiKeyProxyTarget"("apiKeyId");

-- CreateIndex
CREATE INDEX "ApiKeyProxyTarget_credentialId_idx" ON "ApiKeyProxyTarget"("credentialId");

-- CreateIndex
CREATE INDEX "ApiKeyProxyTarget_endpointId_idx" ON "ApiKeyProxyTarget"("endpointId");

-- AddForeignKey
ALTER TABLE "ApiKeyProxyTarget" ADD CONSTRAINT "ApiKeyProxyTarget_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyProxyTarget" ADD CONSTRAINT "ApiKeyProxyTarget_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyProxyTarget" ADD CONSTRAINT "ApiKeyProxyTarget_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

