import { randomUUID } from "node:crypto";
import type { WriteDeps } from "../../deps.ts";
import type { ScenarioFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkScenarioFits } from "./check-scenario-fits.ts";
import {
  firmScenarios,
  SCENARIO_SELECT,
  type ScenarioView,
  toScenarioView,
} from "./read-scenarios.ts";

/**
 * Adds a stress scenario for every book of the firm and audits it in the same transaction;
 * once committed, the firm's cached scenarios are dropped on every instance.
 */
export async function createScenario(
  deps: WriteDeps,
  tenantId: string,
  fields: ScenarioFields,
): Promise<ScenarioView> {
  const now = deps.clock();
  const created = await deps.db.$transaction(async (tx) => {
    await checkScenarioFits(tx, tenantId, fields);
    const row = await tx.stressScenario.create({
      data: {
        id: randomUUID(),
        tenantId,
        name: fields.name,
        moves: fields.moves,
        createdById: deps.actorId,
        createdAt: now,
      },
      select: SCENARIO_SELECT,
    });
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject: { tenantId, userId: null },
        entity: "STRESS_SCENARIO",
        entityId: row.id,
        action: "CREATE",
        before: null,
        after: fields,
      },
      now,
    );
    return toScenarioView(row);
  });
  await deps.cache.invalidate("scenarios", firmScenarios(tenantId));
  return created;
}
