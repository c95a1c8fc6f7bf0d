/**
 * Of the statements a request sent (recordQueries), those asking whether a user of the tenant
 * is a trader: an admin's request resolving whose book it is about (services/auth/
 * resolve-subject.ts). A session's lookup reads the role too, but from "Session", not this.
 */
export function subjectLookups(statements: readonly string[]): string[] {
  return statements.filter((sql) => /FROM "public"\."User" AS "t0" WHERE .*"role" = /.test(sql));
}
