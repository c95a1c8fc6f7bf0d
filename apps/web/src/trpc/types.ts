import type { AppRouter } from "@repo/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type MetricsResponse = RouterOutputs["risk"]["metrics"];
export type RiskMetrics = MetricsResponse["metrics"];
export type AlertRow = RouterOutputs["risk"]["alerts"]["list"]["alerts"][number];
