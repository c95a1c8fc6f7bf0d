-- CreateEnum
CREATE TYPE "PriceSource" AS ENUM ('SIMULATED', 'API');

-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('CLOSES', 'PRICES', 'POSITIONS');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditEntity" ADD VALUE 'API_TOKEN';
ALTER TYPE "AuditEntity" ADD VALUE 'PRICE_SOURCE';

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "priceSource" "PriceSource" NOT NULL DEFAULT 'SIMULATED';

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "scopes" "TokenScope"[],
    "tokenHash" VARCHAR(64) NOT NULL,
    "visibleId" VARCHAR(16) NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "tokenId" UUID NOT NULL,
    "tokenName" VARCHAR(80) NOT NULL,
    "operation" VARCHAR(32) NOT NULL,
    "idempotencyKey" VARCHAR(200),
    "bodyHash" VARCHAR(64) NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "rows" INTEGER NOT NULL,
    "replayOf" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tenantId_id_key" ON "ApiToken"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tenantId_name_key" ON "ApiToken"("tenantId", "name");

-- CreateIndex
CREATE INDEX "ApiRequest_tenantId_createdAt_idx" ON "ApiRequest"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ApiRequest_tokenId_idempotencyKey_key" ON "ApiRequest"("tokenId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiRequest" ADD CONSTRAINT "ApiRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiRequest" ADD CONSTRAINT "ApiRequest_tenantId_tokenId_fkey" FOREIGN KEY ("tenantId", "tokenId") REFERENCES "ApiToken"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
