import type { Prisma } from "@repo/db";
import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
import { type ScenarioMove, ZScenarioMoves } from "../../validators/index.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readChecked } from "../cache/read-book.ts";

/** The user id the firm's scenarios are cached under. */
const FIRM_SCENARIOS_USER = "scenarios";

export function firmScenarios(tenantId: string): Subject {
  return { tenantId, userId: FIRM_SCENARIOS_USER };
}

export interface ScenarioView {
  id: string;
  name: string;
  moves: ScenarioMove[];
  createdAt: Date;
  createdBy: { id: string; name: string };
}

export const SCENARIO_SELECT = {
  id: true,
  name: true,
  moves: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} as const satisfies Prisma.StressScenarioSelect;

type ScenarioRow = Prisma.StressScenarioGetPayload<{ select: typeof SCENARIO_SELECT }>;

/** A row as the API answers it; its moves pass the same schema as a write's. */
export function toScenarioView(row: ScenarioRow): ScenarioView {
  return { ...row, moves: ZScenarioMoves.parse(row.moves) };
}

async function readScenarioVersion(db: TenantDb | TenantTx): Promise<number> {
  const tenant = await db.tenant.findFirst({ select: { scenarioVersion: true } });
  return tenant?.scenarioVersion ?? 0;
}

/**
 * The firm's stress scenarios by name, with the version they were read at (Tenant's
 * scenarioVersion, which a trigger bumps with every change of them): cached for the tenant and
 * dropped by every write (readChecked), so a change is seen at the next read on every instance.
 */
export async function readScenarios(
  deps: ReadDeps,
  tenantId: string,
): Promise<{ scenarios: ScenarioView[]; version: number }> {
  const read = await readChecked(
    deps,
    "scenarios",
    firmScenarios(tenantId),
    readScenarioVersion,
    async () => {
      const tenant = await deps.db.tenant.findFirstOrThrow({
        select: {
          scenarioVersion: true,
          scenarios: { select: SCENARIO_SELECT, orderBy: { name: "asc" } },
        },
      });
      return { version: tenant.scenarioVersion, value: tenant.scenarios.map(toScenarioView) };
    },
  );
  return { scenarios: read.value, version: read.version };
}
