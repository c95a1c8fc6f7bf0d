import { z } from "zod";
import { listAuditActors } from "../../services/admin/list-audit-actors.ts";
import { adminProcedure } from "../../trpc.ts";

export const ZAdminAuditActorsInput = z.strictObject({}).optional();

export const adminAuditActorsRoute = adminProcedure
  .input(ZAdminAuditActorsInput)
  .query(async ({ ctx }) => ({ actors: await listAuditActors(ctx.db) }));
