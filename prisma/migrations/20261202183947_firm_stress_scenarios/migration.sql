-- AlterEnum
ALTER TYPE "AuditEntity" ADD VALUE 'STRESS_SCENARIO';

-- AlterTable
ALTER TABLE "AuditEvent" ALTER COLUMN "traderId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "scenarioVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "StressScenario" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "moves" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StressScenario_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StressScenario_tenantId_name_key" ON "StressScenario"("tenantId", "name");

-- AddForeignKey
ALTER TABLE "StressScenario" ADD CONSTRAINT "StressScenario_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StressScenario" ADD CONSTRAINT "StressScenario_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A tenant's "scenarioVersion" moves with every statement that changes its stress scenarios,
-- in the same transaction: a cached copy of them (and a stress result made from it) is keyed
-- by it, so it can never be served after a change, whichever path wrote it.
CREATE OR REPLACE FUNCTION "bump_scenario_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Tenant" SET "scenarioVersion" = "scenarioVersion" + 1
  WHERE "id" IN (SELECT "tenantId" FROM changed);
  RETURN NULL;
END
$$;

CREATE TRIGGER "stress_scenario_inserted" AFTER INSERT ON "StressScenario"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "bump_scenario_version"();
CREATE TRIGGER "stress_scenario_updated" AFTER UPDATE ON "StressScenario"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "bump_scenario_version"();
CREATE TRIGGER "stress_scenario_deleted" AFTER DELETE ON "StressScenario"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "bump_scenario_version"();
