import { z } from "zod";
import { deleteLimit } from "../../services/limits/delete-limit.ts";
import { adminProcedure, subjectProcedure } from "../../trpc.ts";
import { ZId, ZVersion } from "../../validators/index.ts";

export const ZLimitsDeleteInput = z.strictObject({ traderId: ZId, id: ZId, version: ZVersion });

/** Admins remove a limit (and its alerts) from a trader's book. */
export const limitsDeleteRoute = subjectProcedure(ZLimitsDeleteInput, adminProcedure).mutation(
  ({ ctx, input }) =>
    deleteLimit(ctx.writeDeps, ctx.subject, { id: input.id, version: input.version }),
);
