-- AlterTable
ALTER TABLE "Instrument" ADD COLUMN     "historyVersion" INTEGER NOT NULL DEFAULT 0;

-- Every statement that changes price bars bumps the "historyVersion" of each instrument it
-- touched, in the same transaction, whichever code path (or hand-written SQL) made it. Cached
-- histories are keyed by that version, so a change of the closes can never be served from an
-- older entry. Statement-level with transition tables: a seed or an import of thousands of bars
-- bumps each instrument once, not once per row.
CREATE FUNCTION "bump_history_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Instrument" SET "historyVersion" = "historyVersion" + 1
    WHERE "id" IN (SELECT "instrumentId" FROM new_bars);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Instrument" SET "historyVersion" = "historyVersion" + 1
    WHERE "id" IN (SELECT "instrumentId" FROM old_bars);
  ELSE
    UPDATE "Instrument" SET "historyVersion" = "historyVersion" + 1
    WHERE "id" IN (SELECT "instrumentId" FROM old_bars UNION SELECT "instrumentId" FROM new_bars);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "PriceBar_history_version_insert" AFTER INSERT ON "PriceBar"
  REFERENCING NEW TABLE AS new_bars
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_history_version"();
CREATE TRIGGER "PriceBar_history_version_update" AFTER UPDATE ON "PriceBar"
  REFERENCING OLD TABLE AS old_bars NEW TABLE AS new_bars
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_history_version"();
CREATE TRIGGER "PriceBar_history_version_delete" AFTER DELETE ON "PriceBar"
  REFERENCING OLD TABLE AS old_bars
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_history_version"();
