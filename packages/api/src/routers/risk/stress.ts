import { z } from "zod";
import { getStress } from "../../services/risk/get-stress.ts";
import { subjectProcedure } from "../../trpc.ts";
import { ZId } from "../../validators/index.ts";

export const ZStressInput = z
  .strictObject({
    traderId: ZId.optional(),
    // The dashboard's `chartVersion`: the page asks again when the book or the closes change.
    version: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, "Must be a chart version as the dashboard gives it.")
      .optional(),
  })
  .optional()
  .default({});

/** Historical and hypothetical stress scenarios on the book, with the limits each breaches. */
export const stressRoute = subjectProcedure(ZStressInput).query(({ ctx }) =>
  getStress({ db: ctx.db, cache: ctx.deps.cache, clock: ctx.deps.clock }, ctx.subject),
);
