import type { TRPCRouterRecord } from "@trpc/server";
import { positionsCloseRoute } from "./close.ts";
import { positionsListRoute } from "./list.ts";
import { positionsOpenRoute } from "./open.ts";

export const positionsRouter = {
  list: positionsListRoute,
  open: positionsOpenRoute,
  close: positionsCloseRoute,
} satisfies TRPCRouterRecord;
