-- AlterTable
ALTER TABLE "User" ADD COLUMN     "bookVersion" INTEGER NOT NULL DEFAULT 0;

-- Every change to a row of a trader's book bumps the trader's "bookVersion" in the same
-- transaction, whichever code path (or hand-written SQL) made it: a version that a write could
-- forget to bump would let a cached value older than the write pass as current.
CREATE FUNCTION "bump_book_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "User" SET "bookVersion" = "bookVersion" + 1 WHERE "id" = OLD."traderId";
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."traderId" IS DISTINCT FROM OLD."traderId") THEN
    UPDATE "User" SET "bookVersion" = "bookVersion" + 1 WHERE "id" = NEW."traderId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "RiskProfile_book_version" AFTER INSERT OR UPDATE OR DELETE ON "RiskProfile"
  FOR EACH ROW EXECUTE FUNCTION "bump_book_version"();
CREATE TRIGGER "RiskLimit_book_version" AFTER INSERT OR UPDATE OR DELETE ON "RiskLimit"
  FOR EACH ROW EXECUTE FUNCTION "bump_book_version"();
CREATE TRIGGER "Position_book_version" AFTER INSERT OR UPDATE OR DELETE ON "Position"
  FOR EACH ROW EXECUTE FUNCTION "bump_book_version"();
CREATE TRIGGER "RiskAlert_book_version" AFTER INSERT OR UPDATE OR DELETE ON "RiskAlert"
  FOR EACH ROW EXECUTE FUNCTION "bump_book_version"();
CREATE TRIGGER "Account_book_version" AFTER INSERT OR UPDATE OR DELETE ON "Account"
  FOR EACH ROW EXECUTE FUNCTION "bump_book_version"();
