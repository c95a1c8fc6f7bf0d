-- AlterEnum
ALTER TYPE "AuditEntity" ADD VALUE 'USER';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SeedMarker" (
    "name" VARCHAR(64) NOT NULL,
    "seededAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeedMarker_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorId_createdAt_idx" ON "AuditEvent"("tenantId", "actorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_entityId_createdAt_idx" ON "AuditEvent"("tenantId", "entityId", "createdAt" DESC);

-- A database the demo data was loaded into before this migration counts as seeded: without the
-- marker its next start would put back every demo row a user had deleted since.
INSERT INTO "SeedMarker" ("name") SELECT 'demo'
WHERE EXISTS (SELECT 1 FROM "Tenant" WHERE "slug" IN ('northwind', 'harbor'));
