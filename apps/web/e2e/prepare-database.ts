/**
 * Gives the end-to-end run a database of its own, empty, so every run starts from the seed, and
 * clears the run's Redis keys (its cache prefix), so no cached number or sign-in counter of an
 * earlier run leaks into this one.
 */
import { Redis } from "ioredis";
import pg from "pg";

const target = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/rd_e2e");
const name = target.pathname.slice(1);
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database "${name}"`);

const server = new URL(target);
server.pathname = "/postgres";
const client = new pg.Client({ connectionString: server.toString() });
await client.connect();
try {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
} finally {
  await client.end();
}

const prefix = process.env.CACHE_PREFIX;
if (process.env.REDIS_URL && prefix && prefix !== "risk") {
  const redis = new Redis(process.env.REDIS_URL);
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.quit();
  }
}
