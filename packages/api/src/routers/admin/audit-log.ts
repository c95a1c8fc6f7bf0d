import { z } from "zod";
import { listAuditLog } from "../../services/admin/list-audit-log.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZAdminAuditLogInput = z
  .strictObject({
    traderId: ZId.optional(),
    limit: z
      .number({ error: "Enter a number." })
      .int("Enter a whole number.")
      .min(1, "Ask for at least 1 event.")
      .max(200, "Ask for at most 200 events.")
      .default(50),
    cursor: ZId.optional(),
  })
  .optional()
  .default({ limit: 50 });
export type TAdminAuditLogInput = z.infer<typeof ZAdminAuditLogInput>;

export const adminAuditLogRoute = adminProcedure
  .input(ZAdminAuditLogInput)
  .query(({ ctx, input }) => listAuditLog(ctx.db, input));
