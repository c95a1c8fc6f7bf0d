-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "priceTick" INTEGER NOT NULL DEFAULT 0;

-- A tenant's "priceTick" counts the changes of what its valuations are made from: the price
-- feed bumps it when it moves the last prices, and every statement that changes price bars
-- bumps it here, with each touched instrument's "historyVersion", in the same transaction. A
-- valuation cached under (book version, tick) can then never be served after either changed.
CREATE OR REPLACE FUNCTION "bump_history_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Instrument" SET "historyVersion" = "historyVersion" + 1
    WHERE "id" IN (SELECT "instrumentId" FROM new_bars);
    UPDATE "Tenant" SET "priceTick" = "priceTick" + 1
    WHERE "id" IN (SELECT "tenantId" FROM new_bars);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Instrument" SET "historyVersion" = "historyVersion" + 1
    WHERE "id" IN (SELECT "instrumentId" FROM old_bars);
    UPDATE "Tenant" SET "priceTick" = "priceTick" + 1
    WHERE "id" IN (SELECT "tenantId" FROM old_bars);
  ELSE
    UPDATE "Instrument" SET "historyVersion" = "historyVersion" + 1
    WHERE "id" IN (SELECT "instrumentId" FROM old_bars UNION SELECT "instrumentId" FROM new_bars);
    UPDATE "Tenant" SET "priceTick" = "priceTick" + 1
    WHERE "id" IN (SELECT "tenantId" FROM old_bars UNION SELECT "tenantId" FROM new_bars);
  END IF;
  RETURN NULL;
END
$$;
