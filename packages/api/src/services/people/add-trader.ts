import { randomUUID } from "node:crypto";
import { hashPassword } from "@repo/db";
import { DEFAULT_CURRENCY } from "@repo/risk-engine";
import type { TenantTx } from "../../data/tenant-db.ts";
import { AppError, notFound } from "../../errors.ts";
import type { AddTraderFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { insertLimit } from "../limits/insert-limit.ts";
import { LIMIT_SELECT, toLimitView } from "../limits/limit-view.ts";
import {
  dropTradersSummary,
  PERSON_SELECT,
  type PeopleDeps,
  type PersonRow,
  type PersonView,
  personView,
} from "./person-view.ts";
import { temporaryPassword } from "./temporary-password.ts";

const EMAIL_TAKEN = "Someone already signs in with this email: use another.";

/** PostgreSQL refused a second row with the same unique value (the user's email). */
function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002"
  );
}

/**
 * Copies the active limits of `fromId` (a trader of the firm, else NOT_FOUND) to the new
 * trader's book, each audited as a limit created; returns the source trader's name.
 */
async function copyLimits(
  tx: TenantTx,
  deps: PeopleDeps,
  fromId: string,
  subject: Subject,
  now: Date,
): Promise<{ name: string; count: number }> {
  const source = await tx.user.findFirst({
    where: { id: fromId, role: "TRADER" },
    select: { name: true },
  });
  if (!source) throw notFound("The trader to copy limits from");
  const limits = await tx.riskLimit.findMany({
    where: { traderId: fromId, active: true },
    select: LIMIT_SELECT,
    orderBy: { createdAt: "asc" },
  });
  for (const limit of limits.map(toLimitView)) {
    const { type, threshold, warnFraction, severity, symbol } = limit;
    const fields = { type, threshold, warnFraction, severity, symbol, active: true };
    await insertLimit(tx, deps.actorId, subject, fields, now);
  }
  return { name: source.name, count: limits.length };
}

/**
 * Adds a trader to the admin's firm: their account with the starting cash, their first risk
 * profile and, when asked, a copy of another trader's active limits, all audited in one
 * transaction. They sign in with the temporary password returned (once) and must then choose
 * their own. An email anyone signs in with already is refused under the email field.
 */
export async function addTrader(
  deps: PeopleDeps,
  tenantId: string,
  fields: AddTraderFields,
): Promise<{ person: PersonView; temporaryPassword: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock();
  const id = randomUUID();
  const subject = { tenantId, userId: id };
  let person: PersonRow;
  try {
    person = await deps.db.$transaction(async (tx) => {
      const { name, email, startingCash, profile, copyLimitsFrom } = fields;
      const created = await tx.user.create({
        data: {
          id,
          tenantId,
          name,
          email,
          role: "TRADER",
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        },
        select: PERSON_SELECT,
      });
      await tx.account.create({
        data: {
          id: randomUUID(),
          tenantId,
          traderId: id,
          cash: startingCash,
          baseCurrency: DEFAULT_CURRENCY,
          updatedAt: now,
        },
      });
      await tx.riskProfile.create({
        data: { id: randomUUID(), tenantId, traderId: id, ...profile, updatedAt: now },
      });
      const copied = copyLimitsFrom
        ? await copyLimits(tx, deps, copyLimitsFrom, subject, now)
        : null;
      const after = {
        name,
        email,
        role: "TRADER",
        startingCash,
        ...profile,
        limitsCopiedFrom: copied?.name ?? null,
        limitsCopied: copied?.count ?? 0,
      };
      await recordAudit(
        tx,
        {
          actorId: deps.actorId,
          subject,
          entity: "USER",
          entityId: id,
          action: "CREATE",
          before: null,
          after,
        },
        now,
      );
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("BAD_REQUEST", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
    throw error;
  }
  await dropTradersSummary(deps.cache, tenantId);
  return { person: await personView(deps, person), temporaryPassword: password };
}
