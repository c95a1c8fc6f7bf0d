import type { AppRouter } from "@repo/api";
import type { inferRouterOutputs } from "@trpc/server";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type DashboardResponse = RouterOutputs["risk"]["dashboard"];
export type RiskMetrics = DashboardResponse["metrics"];
export type AlertRow = DashboardResponse["alerts"][number];
