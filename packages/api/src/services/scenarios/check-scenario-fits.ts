import type { TenantTx } from "../../data/tenant-db.ts";
import { AppError } from "../../errors.ts";
import type { ScenarioFields } from "../../validators/index.ts";
import { FIELDS_NOT_VALID } from "../../validators/issue-messages.ts";

/**
 * What the schema cannot know, checked inside the write's transaction: the name is not the
 * firm's already, and every sector and symbol moved is one the firm trades (a move of nothing
 * held anywhere would read as a scenario that costs nothing). The tenant's row is locked first,
 * so two admins saving the same name at once cannot both pass.
 */
export async function checkScenarioFits(
  tx: TenantTx,
  tenantId: string,
  fields: ScenarioFields,
): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM "Tenant" WHERE id = ${tenantId}::uuid FOR UPDATE`;
  const fieldErrors: Record<string, string[]> = {};
  const twin = await tx.stressScenario.findFirst({
    where: { name: fields.name },
    select: { id: true },
  });
  if (twin) fieldErrors.name = ["The firm has a scenario of this name already: choose another."];

  const symbols = fields.moves.flatMap((m) => (m.on === "SYMBOL" ? [m.symbol] : []));
  const sectors = fields.moves.flatMap((m) => (m.on === "SECTOR" ? [m.sector] : []));
  const [knownSymbols, knownSectors] = await Promise.all([
    tx.instrument.findMany({ where: { symbol: { in: symbols } }, select: { symbol: true } }),
    tx.instrument.findMany({
      where: { sector: { in: sectors } },
      select: { sector: true },
      distinct: ["sector"],
    }),
  ]);
  const symbolSet = new Set(knownSymbols.map((i) => i.symbol));
  const sectorSet = new Set(knownSectors.map((i) => i.sector));
  fields.moves.forEach((move, index) => {
    if (move.on === "SYMBOL" && !symbolSet.has(move.symbol)) {
      fieldErrors[`moves.${index}.symbol`] = [`There is no instrument ${move.symbol}.`];
    }
    if (move.on === "SECTOR" && !sectorSet.has(move.sector)) {
      fieldErrors[`moves.${index}.sector`] = [`No instrument of the firm is in ${move.sector}.`];
    }
  });
  const messages = Object.values(fieldErrors).flat();
  if (messages.length > 0) {
    const message = messages.length === 1 ? (messages[0] as string) : FIELDS_NOT_VALID;
    throw new AppError("BAD_REQUEST", message, fieldErrors);
  }
}
