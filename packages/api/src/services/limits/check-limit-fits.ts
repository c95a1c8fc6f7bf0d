import type { TenantTx } from "../../data/tenant-db.ts";
import { AppError } from "../../errors.ts";
import { type LimitFields, limitName } from "../../validators/index.ts";
import type { Subject } from "../auth/resolve-subject.ts";

/**
 * What the schema cannot know, checked inside the write's transaction: the symbol names an
 * instrument of the firm, and the book has no other limit of the same type and symbol (two
 * would measure the same thing and raise the same alert twice). The trader's row is locked
 * first, so two admins adding the same limit at once cannot both pass the check. `exceptId` is
 * the limit being edited.
 */
export async function checkLimitFits(
  tx: TenantTx,
  subject: Subject,
  fields: Pick<LimitFields, "type" | "symbol">,
  exceptId: string | null = null,
): Promise<void> {
  await tx.$queryRaw`
    SELECT 1 AS locked FROM "User"
    WHERE id = ${subject.userId}::uuid AND "tenantId" = ${subject.tenantId}::uuid
    FOR UPDATE`;
  if (fields.symbol !== null) {
    const instrument = await tx.instrument.findFirst({
      where: { symbol: fields.symbol },
      select: { id: true },
    });
    if (!instrument) {
      const message = `There is no instrument ${fields.symbol}.`;
      throw new AppError("BAD_REQUEST", message, { symbol: [message] });
    }
  }
  const twin = await tx.riskLimit.findFirst({
    where: {
      traderId: subject.userId,
      type: fields.type,
      symbol: fields.symbol,
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (twin) {
    const message = `This book already has a ${limitName(fields.type, fields.symbol)} limit: change that one instead.`;
    throw new AppError("BAD_REQUEST", message, { type: [message] });
  }
}
