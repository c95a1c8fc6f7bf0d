import { describe, expect, it } from "vitest";
import { CacheConfigError, parseRedisConfig, redactRedisUrl } from "./config.ts";

describe("parseRedisConfig", () => {
  it("runs in memory when REDIS_URL is unset or blank", () => {
    expect(parseRedisConfig(undefined)).toEqual({ mode: "memory" });
    expect(parseRedisConfig("  ")).toEqual({ mode: "memory" });
  });

  it("accepts redis:// and rediss:// URLs with a password", () => {
    expect(parseRedisConfig("redis://:s3cret@127.0.0.1:6379/0")).toEqual({
      mode: "redis",
      url: "redis://:s3cret@127.0.0.1:6379/0",
      tls: false,
    });
    expect(parseRedisConfig("rediss://cache.internal:6380")).toMatchObject({
      mode: "redis",
      tls: true,
    });
  });

  it("reads a comma-separated list as the seed nodes of a cluster", () => {
    expect(parseRedisConfig("redis://:pw@10.0.0.1:7000, redis://10.0.0.2:7001")).toEqual({
      mode: "cluster",
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "10.0.0.2", port: 7001 },
      ],
      password: "pw",
      tls: false,
    });
  });

  it("rejects malformed values with a sentence naming REDIS_URL and never the password", () => {
    const cases = [
      "localhost:6379",
      "http://localhost:6379",
      "redis://:hunter2@host:99999",
      "not a url",
    ];
    for (const value of cases) {
      let error: unknown;
      try {
        parseRedisConfig(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CacheConfigError);
      expect((error as Error).message).toMatch(/^REDIS_URL /);
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("redacts passwords for logs", () => {
    expect(redactRedisUrl("redis://user:pw@h:1,redis://:pw2@h:2")).toBe(
      "redis://user:***@h:1,redis://:***@h:2",
    );
  });
});
