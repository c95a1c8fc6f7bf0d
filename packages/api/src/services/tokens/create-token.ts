import { randomUUID } from "node:crypto";
import type { WriteDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import type { CreateTokenFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { newTokenSecret } from "./token-secret.ts";
import { TOKEN_SELECT, type TokenView, toTokenView } from "./token-view.ts";

const NAME_TAKEN = "The firm has a token of this name already: choose another name.";

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002"
  );
}

/**
 * Makes a token for the firm, audited with its name and scopes (never its secret). The secret
 * is returned this once: only its SHA-256 is kept, so nobody can show it again. The admin who
 * makes it is the actor of every audited write made with it.
 */
export async function createToken(
  deps: WriteDeps,
  tenantId: string,
  fields: CreateTokenFields,
): Promise<{ token: TokenView; secret: string }> {
  const { secret, visibleId, tokenHash } = newTokenSecret();
  const now = deps.clock();
  const id = randomUUID();
  try {
    const row = await deps.db.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: {
          id,
          tenantId,
          name: fields.name,
          scopes: fields.scopes,
          tokenHash,
          visibleId,
          createdById: deps.actorId,
          createdAt: now,
        },
        select: TOKEN_SELECT,
      });
      await recordAudit(
        tx,
        {
          actorId: deps.actorId,
          subject: { tenantId, userId: null },
          entity: "API_TOKEN",
          entityId: id,
          action: "CREATE",
          before: null,
          after: { name: fields.name, scopes: fields.scopes, visibleId },
        },
        now,
      );
      return created;
    });
    return { token: toTokenView(row), secret };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("BAD_REQUEST", NAME_TAKEN, { name: [NAME_TAKEN] });
    }
    throw error;
  }
}
