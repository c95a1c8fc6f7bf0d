import type { TRPCRouterRecord } from "@trpc/server";
import { alertsAcknowledgeRoute } from "./alerts-acknowledge.ts";
import { alertsHistoryRoute } from "./alerts-history.ts";
import { alertsListRoute } from "./alerts-list.ts";
import { chartRoute } from "./chart.ts";
import { dashboardRoute } from "./dashboard.ts";
import { limitsCreateRoute } from "./limits-create.ts";
import { limitsDeleteRoute } from "./limits-delete.ts";
import { limitsListRoute } from "./limits-list.ts";
import { limitsUpdateRoute } from "./limits-update.ts";
import { profileGetRoute } from "./profile-get.ts";
import { profileUpdateRoute } from "./profile-update.ts";
import { stressRoute } from "./stress.ts";
import { whatIfRoute } from "./what-if.ts";

export const riskRouter = {
  dashboard: dashboardRoute,
  chart: chartRoute,
  whatIf: whatIfRoute,
  stress: stressRoute,
  profile: { get: profileGetRoute, update: profileUpdateRoute },
  limits: {
    list: limitsListRoute,
    create: limitsCreateRoute,
    update: limitsUpdateRoute,
    delete: limitsDeleteRoute,
  },
  alerts: {
    list: alertsListRoute,
    history: alertsHistoryRoute,
    acknowledge: alertsAcknowledgeRoute,
  },
} satisfies TRPCRouterRecord;
