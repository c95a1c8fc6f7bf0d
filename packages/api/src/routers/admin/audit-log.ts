import { listAuditLog } from "../../services/admin/list-audit-log.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAuditLogInput } from "../../validators/index.ts";

export const adminAuditLogRoute = adminProcedure
  .input(ZAuditLogInput)
  .query(({ ctx, input }) => listAuditLog(ctx.db, input));
