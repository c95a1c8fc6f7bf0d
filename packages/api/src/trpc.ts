import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, type z } from "zod";
import { serializeOutput } from "./cached-view.ts";
import type { Context } from "./context.ts";
import { tenantDb } from "./data/tenant-db.ts";
import type { ServiceDeps, WriteDeps } from "./deps.ts";
import { AppError, databaseStateMessage } from "./errors.ts";
import { tRPCErrorSentence } from "./http/error-wording.ts";
import { inputTransformer } from "./http/input-transformer.ts";
import { resolveSubject } from "./services/auth/resolve-subject.ts";
import { validationAnswer } from "./validators/issue-messages.ts";

const t = initTRPC.context<Context>().create({
  // Dates, NaN and ±Infinity (a leverage with NAV ≤ 0) reach the browser as what they are.
  // Inputs are read by a strict reader of superjson's format, not by superjson (see there).
  transformer: {
    input: inputTransformer,
    output: { serialize: serializeOutput, deserialize: superjson.deserialize },
  },
  // Every error answer is a sentence saying what was wrong and how to put it right, and
  // fieldErrors per field for invalid input; never a library's wording.
  errorFormatter({ shape, error, type, input }) {
    let message = shape.message;
    let fieldErrors = error.cause instanceof AppError ? error.cause.fieldErrors : undefined;
    if (error.cause instanceof ZodError) {
      ({ message, fieldErrors } = validationAnswer(error.cause, input));
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      message = "Something went wrong on our side. Try again in a moment.";
    } else {
      message = tRPCErrorSentence(error, type) ?? message;
    }
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: fieldErrors ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Services throw AppError; this turns it into the tRPC error of the same code. A database that
 * cannot be reached is SERVICE_UNAVAILABLE with a sentence saying so, not an unexplained 500.
 */
const appErrors = t.middleware(async ({ type, next }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause } = result.error;
  if (cause instanceof AppError) {
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  const unavailable = databaseStateMessage(cause, type);
  if (unavailable)
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable, cause });
  return result;
});

const timing = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const code = result.ok ? "OK" : result.error.code;
  ctx.deps.metrics?.observeProcedure(path, type, code, (performance.now() - started) / 1000);
  return result;
});

export const publicProcedure = t.procedure.use(timing).use(appErrors);

/**
 * Signed in, any role, even with a temporary password still to change: only for what such a
 * session may do (change the password, sign out). Its `ctx.db` sees only the viewer's tenant
 * (data/tenant-db.ts); `ctx.serviceDeps` is what most services take, and `ctx.writeDeps` adds
 * the viewer as the actor of a write.
 */
export const sessionProcedure = publicProcedure.use(({ ctx, next }) => {
  const { viewer } = ctx;
  if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const db = tenantDb(ctx.deps.db, viewer.tenantId);
  const serviceDeps: ServiceDeps = { db, cache: ctx.deps.cache, clock: ctx.deps.clock };
  const writeDeps: WriteDeps = { ...serviceDeps, actorId: viewer.userId };
  return next({ ctx: { viewer, db, serviceDeps, writeDeps } });
});

/** Signed in, any role, with a password of their own. */
export const traderProcedure = sessionProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.mustChangePassword) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Choose a new password first: you signed in with a temporary one.",
    });
  }
  return next();
});

/** Signed in as an administrator of the viewer's tenant. */
export const adminProcedure = traderProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  }
  return next();
});

/**
 * A procedure about one trader's book: `traderId` is optional for a trader (their own book) and
 * required for an admin (a trader of their tenant). `ctx.subject` is the resolved trader; see
 * resolveSubject for the answers given to everyone else. Pass `adminProcedure` as the base for
 * what only an admin may do to a trader's book.
 */
export function subjectProcedure<Schema extends z.ZodType<{ traderId?: string | undefined }>>(
  schema: Schema,
  base: typeof traderProcedure = traderProcedure,
) {
  return base.input(schema).use(async ({ ctx, input, next }) => {
    const subject = await resolveSubject(
      ctx.serviceDeps,
      ctx.viewer,
      (input as { traderId?: string }).traderId,
    );
    return next({ ctx: { subject } });
  });
}
