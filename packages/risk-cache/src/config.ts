export type RedisConfig =
  | { mode: "memory" }
  | { mode: "redis"; url: string; tls: boolean }
  | { mode: "cluster"; nodes: { host: string; port: number }[]; password?: string; tls: boolean };

/** An invalid setting, reported in one sentence that names the variable. */
export class CacheConfigError extends Error {
  override name = "CacheConfigError";
}

/** The URL with any password replaced, safe to print. */
export function redactRedisUrl(value: string): string {
  return value.replace(/\/\/([^@/]*)@/g, (_, auth: string) => {
    const user = auth.includes(":") ? auth.slice(0, auth.indexOf(":")) : "";
    return `//${user}:***@`;
  });
}

function parseOne(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CacheConfigError(
      `REDIS_URL is not a URL: "${redactRedisUrl(value)}" (expected redis://[:password@]host:port or rediss://…)`,
    );
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new CacheConfigError(
      `REDIS_URL must start with redis:// or rediss://, got "${url.protocol}//" in "${redactRedisUrl(value)}"`,
    );
  }
  if (!url.hostname)
    throw new CacheConfigError(`REDIS_URL has no host: "${redactRedisUrl(value)}"`);
  const port = url.port === "" ? 6379 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new CacheConfigError(`REDIS_URL has an invalid port: "${redactRedisUrl(value)}"`);
  }
  return url;
}

/**
 * REDIS_URL: unset or empty → in-memory cache; one redis:// or rediss:// URL → a single Redis;
 * a comma-separated list of URLs → the seed nodes of a Redis Cluster.
 */
export function parseRedisConfig(value: string | undefined): RedisConfig {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return { mode: "memory" };
  const urls = trimmed.split(",").map((part) => parseOne(part.trim()));
  const [first] = urls;
  if (!first) return { mode: "memory" };
  const tls = first.protocol === "rediss:";
  if (urls.length === 1) return { mode: "redis", url: trimmed, tls };
  const password = first.password ? decodeURIComponent(first.password) : undefined;
  return {
    mode: "cluster",
    nodes: urls.map((url) => ({
      host: url.hostname,
      port: url.port === "" ? 6379 : Number(url.port),
    })),
    ...(password ? { password } : {}),
    tls,
  };
}
