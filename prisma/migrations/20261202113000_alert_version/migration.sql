-- AlterTable
ALTER TABLE "User" ADD COLUMN     "alertVersion" INTEGER NOT NULL DEFAULT 0;

-- A trader's alerts get a version of their own. A valuation raises and resolves them; while they
-- bumped "bookVersion", every valuation that changed an alert made the book it had just valued
-- a new one, to be read and valued again. The book's version now moves only with what the
-- book holds (profile, limits, positions, account), and "alertVersion" with the alerts.
CREATE FUNCTION "bump_alert_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "User" SET "alertVersion" = "alertVersion" + 1 WHERE "id" = OLD."traderId";
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."traderId" IS DISTINCT FROM OLD."traderId") THEN
    UPDATE "User" SET "alertVersion" = "alertVersion" + 1 WHERE "id" = NEW."traderId";
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "RiskAlert_book_version" ON "RiskAlert";
CREATE TRIGGER "RiskAlert_alert_version" AFTER INSERT OR UPDATE OR DELETE ON "RiskAlert"
  FOR EACH ROW EXECUTE FUNCTION "bump_alert_version"();
