import { Histogram, Registry } from "prom-client";

/** Prometheus metrics of the API, in a registry of their own (one per server process). */
export interface ApiMetrics {
  registry: Registry;
  observeProcedure(procedure: string, type: string, code: string, seconds: number): void;
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: "rd_trpc_request_duration_seconds",
    help: "Time to answer a tRPC procedure call, by procedure, type and result code.",
    labelNames: ["procedure", "type", "code"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    registry,
    observeProcedure(procedure, type, code, seconds) {
      duration.observe({ procedure, type, code }, seconds);
    },
  };
}
