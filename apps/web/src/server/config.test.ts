import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config.ts";

describe("readConfig", () => {
  it("marks the session cookie Secure in production behind an external database only", () => {
    const external = { DATABASE_URL: "postgresql://db/risk" };
    expect(readConfig({ ...external, NODE_ENV: "production" }).secureCookies).toBe(true);
    expect(readConfig({ NODE_ENV: "production" }).secureCookies).toBe(false);
    expect(readConfig({ ...external, NODE_ENV: "development" }).secureCookies).toBe(false);
    expect(readConfig({ NODE_ENV: "production", COOKIE_SECURE: "true" }).secureCookies).toBe(true);
    expect(
      readConfig({ ...external, NODE_ENV: "production", COOKIE_SECURE: "false" }).secureCookies,
    ).toBe(false);
  });

  it("refuses a cache prefix that could collide with other keys", () => {
    expect(readConfig({ CACHE_PREFIX: "staging-2" }).cachePrefix).toBe("staging-2");
    expect(() => readConfig({ CACHE_PREFIX: "a:b" })).toThrow(ConfigError);
  });

  it("reads the cache's report interval and alert thresholds, refusing a hit rate above 1", () => {
    expect(readConfig({})).toMatchObject({
      cacheReportIntervalMs: 10_000,
      cacheAlerts: { minHitRate: 0.5, minReads: 100, maxFallbackReads: 0 },
    });
    const set = readConfig({
      CACHE_REPORT_INTERVAL_MS: "2000",
      CACHE_ALERT_MIN_HIT_RATE: "0.9",
      CACHE_ALERT_MIN_READS: "1",
      CACHE_ALERT_MAX_FALLBACK_READS: "25",
    });
    expect(set).toMatchObject({
      cacheReportIntervalMs: 2_000,
      cacheAlerts: { minHitRate: 0.9, minReads: 1, maxFallbackReads: 25 },
    });
    expect(() => readConfig({ CACHE_ALERT_MIN_HIT_RATE: "90" })).toThrow(
      "CACHE_ALERT_MIN_HIT_RATE: use a fraction from 0 to 1, e.g. 0.5",
    );
    for (const reads of ["0", "2.5"]) {
      expect(() => readConfig({ CACHE_ALERT_MIN_READS: reads })).toThrow(
        "CACHE_ALERT_MIN_READS: use a whole number of reads, 1 or more",
      );
    }
    expect(() => readConfig({ CACHE_REPORT_INTERVAL_MS: "10" })).toThrow(ConfigError);
  });

  it("defaults to the embedded database, an in-memory cache and demo data", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      databaseMode: "embedded",
      databasePoolSize: 10,
      redis: { mode: "memory" },
      port: 3000,
      embeddedDbPort: 54_329,
      migrateOnStart: true,
      seedDemoData: true,
    });
  });

  it("treats a DATABASE_URL as an external database that is migrated but not seeded unless asked", () => {
    const external = readConfig({ DATABASE_URL: "postgresql://app:pw@db:5432/risk" });
    expect(external).toMatchObject({
      databaseMode: "external",
      seedDemoData: false,
      migrateOnStart: true,
    });
    const asked = readConfig({
      DATABASE_URL: "postgres://db/risk",
      SEED_DEMO_DATA: "true",
      MIGRATE_ON_START: "0",
    });
    expect(asked).toMatchObject({ seedDemoData: true, migrateOnStart: false });
  });

  it("reads Redis and Redis Cluster settings from REDIS_URL", () => {
    expect(readConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).redis.mode).toBe("redis");
    expect(readConfig({ REDIS_URL: "redis://a:7000,redis://b:7001" }).redis.mode).toBe("cluster");
  });

  it("reads the operator token, treating an empty one as unset and refusing a short one", () => {
    const token = "0123456789abcdef0123456789abcdef";
    expect(readConfig({ OPERATOR_TOKEN: token }).operatorToken).toBe(token);
    expect(readConfig({}).operatorToken).toBeUndefined();
    expect(readConfig({ OPERATOR_TOKEN: "" }).operatorToken).toBeUndefined();
    expect(() => readConfig({ OPERATOR_TOKEN: "letmein" })).toThrow(/^OPERATOR_TOKEN: /);
    expect(() => readConfig({ OPERATOR_TOKEN: `${token} x` })).toThrow(/^OPERATOR_TOKEN: /);
    // The message names the variable, never the value.
    expect(() => readConfig({ OPERATOR_TOKEN: "letmein" })).not.toThrow(/letmein/);
  });

  it("reads alerts out: email only with an SMTP_URL, local http webhooks outside production only", () => {
    const defaults = readConfig({}).alertsOut;
    expect(defaults.smtpUrl).toBeUndefined();
    expect(defaults.intervalMs).toBe(2_000);
    expect(defaults.schedule).toEqual({
      baseDelayMs: 10_000,
      maxDelayMs: 3_600_000,
      maxAttempts: 15,
      maxAgeMs: 86_400_000,
    });
    expect(readConfig({ SMTP_URL: "" }).alertsOut.smtpUrl).toBeUndefined();
    expect(readConfig({ SMTP_URL: "smtp://mail:587" }).alertsOut.smtpUrl).toBe("smtp://mail:587");
    expect(() => readConfig({ SMTP_URL: "mail:587" })).toThrow(/^SMTP_URL: /);
    const production = { DATABASE_URL: "postgresql://db/risk", NODE_ENV: "production" };
    expect(defaults.allowLocalHttp).toBe(true);
    expect(readConfig(production).alertsOut.allowLocalHttp).toBe(false);
    expect(
      readConfig({ ...production, ALERT_WEBHOOK_LOCAL_HTTP: "true" }).alertsOut.allowLocalHttp,
    ).toBe(true);
    expect(readConfig({ ALERT_DELIVERY_MAX_AGE_HOURS: "0.5" }).alertsOut.schedule.maxAgeMs).toBe(
      1_800_000,
    );
  });

  it("explains a bad setting in one line that names the variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ REDIS_URL: "localhost:6379" }, /^REDIS_URL must start with redis:\/\//],
      [{ DATABASE_URL: "mysql://db/risk" }, /^DATABASE_URL: must be a postgresql:\/\/ URL/],
      [{ DATABASE_POOL_SIZE: "0" }, /^DATABASE_POOL_SIZE: /],
      [{ PORT: "http" }, /^PORT: /],
      [{ SEED_DEMO_DATA: "yes please" }, /^SEED_DEMO_DATA: /],
    ];
    for (const [env, message] of cases) {
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(message);
    }
  });
});
