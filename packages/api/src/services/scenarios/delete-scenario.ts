import type { WriteDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { firmScenarios } from "./read-scenarios.ts";

/** Removes one of the firm's stress scenarios, audited with what it was. */
export async function deleteScenario(
  deps: WriteDeps,
  tenantId: string,
  id: string,
): Promise<{ id: string }> {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const before = await tx.stressScenario.findFirst({
      where: { id },
      select: { name: true, moves: true },
    });
    if (!before) throw notFound("The scenario");
    const { count } = await tx.stressScenario.deleteMany({ where: { id } });
    if (count === 0) throw notFound("The scenario");
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject: { tenantId, userId: null },
        entity: "STRESS_SCENARIO",
        entityId: id,
        action: "DELETE",
        before,
        after: null,
      },
      now,
    );
  });
  await deps.cache.invalidate("scenarios", firmScenarios(tenantId));
  return { id };
}
