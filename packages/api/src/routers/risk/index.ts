import type { TRPCRouterRecord } from "@trpc/server";
import { metricsRoute } from "./metrics.ts";
import { profileGetRoute } from "./profile-get.ts";
import { profileUpdateRoute } from "./profile-update.ts";

export const riskRouter = {
  metrics: metricsRoute,
  profile: { get: profileGetRoute, update: profileUpdateRoute },
} satisfies TRPCRouterRecord;
