-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('TRADER', 'ADMIN');

-- CreateEnum
CREATE TYPE "AssetClass" AS ENUM ('EQUITY', 'ETF', 'COMMODITY', 'INDEX');

-- CreateEnum
CREATE TYPE "RiskTolerance" AS ENUM ('CONSERVATIVE', 'MODERATE', 'AGGRESSIVE');

-- CreateEnum
CREATE TYPE "LimitType" AS ENUM ('MAX_GROSS_EXPOSURE', 'MAX_NET_EXPOSURE', 'MAX_LEVERAGE', 'MAX_POSITION_NOTIONAL', 'MAX_CONCENTRATION', 'MAX_VAR', 'MAX_DRAWDOWN', 'MAX_DAILY_LOSS');

-- CreateEnum
CREATE TYPE "LimitSeverity" AS ENUM ('SOFT', 'HARD');

-- CreateEnum
CREATE TYPE "AlertLevel" AS ENUM ('WARN', 'BREACH');

-- CreateEnum
CREATE TYPE "AuditEntity" AS ENUM ('PROFILE', 'LIMIT', 'POSITION');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" VARCHAR(200) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "traderId" UUID NOT NULL,
    "cash" DECIMAL(20,4) NOT NULL,
    "baseCurrency" VARCHAR(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instrument" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "symbol" VARCHAR(16) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "sector" VARCHAR(64) NOT NULL,
    "assetClass" "AssetClass" NOT NULL,
    "lastPrice" DECIMAL(20,6) NOT NULL,
    "lastPriceAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instrument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceBar" (
    "instrumentId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "tenantId" UUID NOT NULL,
    "close" DECIMAL(20,6) NOT NULL,

    CONSTRAINT "PriceBar_pkey" PRIMARY KEY ("instrumentId","day")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "traderId" UUID NOT NULL,
    "instrumentId" UUID NOT NULL,
    "quantity" DECIMAL(20,4) NOT NULL,
    "averagePrice" DECIMAL(20,6) NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskProfile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "traderId" UUID NOT NULL,
    "riskTolerance" "RiskTolerance" NOT NULL,
    "varConfidence" DECIMAL(4,3) NOT NULL,
    "lookbackDays" INTEGER NOT NULL,
    "maxDrawdownTolerance" DECIMAL(6,4) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskLimit" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "traderId" UUID NOT NULL,
    "type" "LimitType" NOT NULL,
    "threshold" DECIMAL(24,6) NOT NULL,
    "warnFraction" DECIMAL(4,3) NOT NULL DEFAULT 0.8,
    "severity" "LimitSeverity" NOT NULL,
    "symbol" VARCHAR(16),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskAlert" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "traderId" UUID NOT NULL,
    "limitId" UUID NOT NULL,
    "level" "AlertLevel" NOT NULL,
    "value" DECIMAL(24,6) NOT NULL,
    "threshold" DECIMAL(24,6) NOT NULL,
    "message" VARCHAR(500) NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openKey" VARCHAR(80),
    "resolvedAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "acknowledgeNote" VARCHAR(1000),

    CONSTRAINT "RiskAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "traderId" UUID NOT NULL,
    "entity" "AuditEntity" NOT NULL,
    "entityId" UUID NOT NULL,
    "action" "AuditAction" NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_tenantId_role_idx" ON "User"("tenantId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_id_key" ON "User"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_tenantId_traderId_key" ON "Account"("tenantId", "traderId");

-- CreateIndex
CREATE UNIQUE INDEX "Instrument_tenantId_id_key" ON "Instrument"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Instrument_tenantId_symbol_key" ON "Instrument"("tenantId", "symbol");

-- CreateIndex
CREATE INDEX "Position_tenantId_traderId_closedAt_idx" ON "Position"("tenantId", "traderId", "closedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RiskProfile_tenantId_traderId_key" ON "RiskProfile"("tenantId", "traderId");

-- CreateIndex
CREATE INDEX "RiskLimit_tenantId_traderId_idx" ON "RiskLimit"("tenantId", "traderId");

-- CreateIndex
CREATE UNIQUE INDEX "RiskLimit_tenantId_id_key" ON "RiskLimit"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "RiskAlert_openKey_key" ON "RiskAlert"("openKey");

-- CreateIndex
CREATE INDEX "RiskAlert_tenantId_traderId_resolvedAt_idx" ON "RiskAlert"("tenantId", "traderId", "resolvedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_createdAt_idx" ON "AuditEvent"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_traderId_createdAt_idx" ON "AuditEvent"("tenantId", "traderId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_traderId_fkey" FOREIGN KEY ("tenantId", "traderId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instrument" ADD CONSTRAINT "Instrument_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceBar" ADD CONSTRAINT "PriceBar_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceBar" ADD CONSTRAINT "PriceBar_tenantId_instrumentId_fkey" FOREIGN KEY ("tenantId", "instrumentId") REFERENCES "Instrument"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_tenantId_traderId_fkey" FOREIGN KEY ("tenantId", "traderId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_tenantId_instrumentId_fkey" FOREIGN KEY ("tenantId", "instrumentId") REFERENCES "Instrument"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskProfile" ADD CONSTRAINT "RiskProfile_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskProfile" ADD CONSTRAINT "RiskProfile_tenantId_traderId_fkey" FOREIGN KEY ("tenantId", "traderId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskLimit" ADD CONSTRAINT "RiskLimit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskLimit" ADD CONSTRAINT "RiskLimit_tenantId_traderId_fkey" FOREIGN KEY ("tenantId", "traderId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAlert" ADD CONSTRAINT "RiskAlert_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAlert" ADD CONSTRAINT "RiskAlert_tenantId_traderId_fkey" FOREIGN KEY ("tenantId", "traderId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAlert" ADD CONSTRAINT "RiskAlert_tenantId_limitId_fkey" FOREIGN KEY ("tenantId", "limitId") REFERENCES "RiskLimit"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAlert" ADD CONSTRAINT "RiskAlert_tenantId_acknowledgedById_fkey" FOREIGN KEY ("tenantId", "acknowledgedById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_actorId_fkey" FOREIGN KEY ("tenantId", "actorId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_traderId_fkey" FOREIGN KEY ("tenantId", "traderId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
