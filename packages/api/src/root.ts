import { adminRouter } from "./routers/admin/index.ts";
import { authRouter } from "./routers/auth/index.ts";
import { positionsRouter } from "./routers/positions/index.ts";
import { riskRouter } from "./routers/risk/index.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  risk: riskRouter,
  positions: positionsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

/** `createCaller(createInnerContext({ deps, viewer }))`: the API without HTTP, for tests. */
export const createCaller = createCallerFactory(appRouter);
