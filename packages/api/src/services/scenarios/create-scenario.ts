import { randomUUID } from "node:crypto";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import type { ScenarioFields } from "../../validators/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkScenarioFits } from "./check-scenario-fits.ts";
import {
  firmScenarios,
  SCENARIO_SELECT,
  type ScenarioView,
  toScenarioView,
} from "./read-scenarios.ts";

export interface ScenarioWriteDeps {
  db: TenantDb;
  cache: ApiCache;
  clock: Clock;
  actorId: string;
}

/**
 * Adds a stress scenario for every book of the firm and audits it in the same transaction;
 * once committed, the firm's cached scenarios are dropped on every instance.
 */
export async function createScenario(
  deps: ScenarioWriteDeps,
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
