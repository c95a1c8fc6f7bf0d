import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { ZodError } from "zod";
import type { ApiFixture } from "../../testing/api-fixture.ts";

/** Helpers shared by the risk router's integration tests (not part of the API). */

export type Caller = Awaited<ReturnType<ApiFixture["callerAs"]>>;

export async function userIdOf(fixture: ApiFixture, email: string): Promise<string> {
  const user = await fixture.database.db.user.findFirstOrThrow({
    where: { email },
    select: { id: true },
  });
  return user.id;
}

/** A trader's limit of `type`, read back unscoped: the row as it is in the database. */
export function limitRow(fixture: ApiFixture, traderId: string, type: string) {
  return fixture.database.db.riskLimit.findFirstOrThrow({
    where: { traderId, type: type as never },
    orderBy: { createdAt: "asc" },
  });
}

/** The limits form's input for a trader's limit as it is now, with the version it was loaded at. */
export async function limitEdit(admin: Caller, traderId: string, type: string) {
  const { limits } = await admin.risk.limits.list({ traderId });
  const limit = limits.find((candidate) => candidate.type === type);
  if (!limit) throw new Error(`no ${type} limit`);
  const { updatedAt: _, ...fields } = limit;
  return { traderId, ...fields };
}

/** Everything a limit or alert write could change, to show that a refused one changed nothing. */
export async function databaseSnapshot(fixture: ApiFixture) {
  const { db } = fixture.database;
  return {
    limits: await db.riskLimit.findMany({ orderBy: { id: "asc" } }),
    alerts: await db.riskAlert.findMany({ orderBy: { id: "asc" } }),
    auditEvents: await db.auditEvent.count(),
  };
}

/** The fields a validation error names: the path of each issue, or the unexpected keys. */
function fieldsNamedBy(error: ZodError): string[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")],
  );
}

/** The call is refused as BAD_REQUEST by the input schema, which names `field`. */
export async function expectRefusedField(call: Promise<unknown>, field: string): Promise<void> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect(error).toMatchObject({ code: "BAD_REQUEST" });
  const cause = (error as TRPCError).cause;
  expect(cause).toBeInstanceOf(ZodError);
  expect(fieldsNamedBy(cause as ZodError)).toContain(field);
}
