import { z } from "zod";

/** An on/off setting from the environment: `true`/`1` or `false`/`0`, anything else refused. */
export const envFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");
