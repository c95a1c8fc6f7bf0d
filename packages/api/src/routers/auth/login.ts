import { login } from "../../services/auth/login.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZLoginInput } from "../../validators/index.ts";

export const ZAuthLoginInput = ZLoginInput;

export const loginRoute = publicProcedure
  .input(ZAuthLoginInput)
  .mutation(async ({ ctx, input }) => {
    const { deps } = ctx;
    const { token, expiresAt, viewer } = await login(
      {
        db: deps.db,
        loginLimiter: deps.loginLimiter,
        now: deps.clock(),
        sessionTtlMs: deps.sessions.ttlMs,
      },
      { ...input, address: ctx.address },
    );
    ctx.session.set(token, expiresAt);
    const { userId, name, role, mustChangePassword } = viewer;
    return { userId, name, role, mustChangePassword, expiresAt };
  });
