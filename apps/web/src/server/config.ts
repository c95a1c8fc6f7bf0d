import { CacheConfigError, parseRedisConfig, type RedisConfig } from "@repo/risk-cache";
import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };

/** A setting that cannot work, explained in one line that names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, "must be a postgresql:// URL")
    .optional(),
  DATABASE_MODE: z.enum(["embedded", "external"]).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  EMBEDDED_DB_DIR: z.string().min(1).optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65_535).default(54_329),
  MIGRATE_ON_START: flag.default(true),
  SEED_DEMO_DATA: flag.optional(),
  APP_VERSION: z.string().min(1).default(packageJson.version),
});

export interface AppConfig {
  databaseUrl: string | undefined;
  databaseMode: "embedded" | "external";
  databasePoolSize: number;
  redis: RedisConfig;
  port: number;
  /** Unset: the launcher keeps the data in the repository's ignored .data/pglite folder. */
  embeddedDbDir: string | undefined;
  embeddedDbPort: number;
  migrateOnStart: boolean;
  /** Seeds the demo firms: on by default for the embedded database only. */
  seedDemoData: boolean;
  version: string;
}

/** Every environment variable the app reads, validated in one place (see the README's table). */
export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${issue?.path.join(".") ?? "configuration"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const values = parsed.data;
  let redis: RedisConfig;
  try {
    redis = parseRedisConfig(values.REDIS_URL);
  } catch (error) {
    if (error instanceof CacheConfigError) throw new ConfigError(error.message);
    throw error;
  }
  const databaseMode = values.DATABASE_MODE ?? (values.DATABASE_URL ? "external" : "embedded");
  return {
    databaseUrl: values.DATABASE_URL,
    databaseMode,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    redis,
    port: values.PORT,
    embeddedDbDir: values.EMBEDDED_DB_DIR,
    embeddedDbPort: values.EMBEDDED_DB_PORT,
    migrateOnStart: values.MIGRATE_ON_START,
    seedDemoData: values.SEED_DEMO_DATA ?? databaseMode === "embedded",
    version: values.APP_VERSION,
  };
}

let processConfig: AppConfig | undefined;

/** This process's configuration, read once: the environment does not change while it runs. */
export function serverConfig(): AppConfig {
  processConfig ??= readConfig();
  return processConfig;
}
