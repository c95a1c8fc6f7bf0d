import type { RedisOptions } from "ioredis";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { RedisCluster, RedisServer } from "./redis-processes.ts";
import { startRedisCluster, startRedisServer } from "./redis-processes.ts";

/** Clients and servers a describe block opened, closed in reverse order by its afterAll. */
function cleanupList() {
  const steps: (() => unknown)[] = [];
  return {
    add(step: () => unknown) {
      steps.push(step);
    },
    async runAll() {
      for (const step of steps.reverse()) await step();
    },
  };
}

/** The error a fresh client gets when it tries to connect once, without retrying. */
async function connectionError(options: RedisOptions): Promise<Error | undefined> {
  const client = new Redis({ ...options, lazyConnect: true, retryStrategy: () => null });
  let reason: Error | undefined;
  client.on("error", (error: Error) => {
    reason = error;
  });
  await expect(client.connect()).rejects.toThrow();
  client.disconnect();
  return reason;
}

describe("startRedisServer", () => {
  const cleanup = cleanupList();
  afterAll(() => cleanup.runAll());

  it("runs a server that a crash takes down and start() brings back, empty, on the same port", async () => {
    const server: RedisServer = await startRedisServer();
    cleanup.add(() => server.stop());
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);

    const client = new Redis(server.url);
    cleanup.add(() => client.disconnect());
    expect(await client.ping()).toBe("PONG");
    await client.set("risk:test", "42");
    expect(await client.get("risk:test")).toBe("42");
    client.disconnect(); // or it would keep reconnecting to the dead server

    await server.kill();
    await server.kill(); // idempotent
    const refused = await connectionError({ host: "127.0.0.1", port: server.port });
    expect(refused).toMatchObject({ code: "ECONNREFUSED" });

    await server.start();
    const again = new Redis(server.url);
    cleanup.add(() => again.disconnect());
    expect(await again.ping()).toBe("PONG");
    expect(await again.get("risk:test")).toBeNull();
    expect(await again.dbsize()).toBe(0);
    again.disconnect();

    await server.stop();
    await server.stop(); // idempotent
    await server.kill(); // and a kill after a stop is a no-op
  });

  it("runs a password-protected server that refuses unauthenticated commands", async () => {
    const password = "s3cret:p@ss/word";
    const server = await startRedisServer({ password });
    cleanup.add(() => server.stop());
    expect(server.url).toBe(`redis://:${encodeURIComponent(password)}@127.0.0.1:${server.port}`);

    // RESP2 with no ready check and no client info: the connection sends nothing of its own, so
    // the GET below is the first command the server judges.
    const anonymous = new Redis({
      host: "127.0.0.1",
      port: server.port,
      protocol: 2,
      enableReadyCheck: false,
      disableClientInfo: true,
    });
    cleanup.add(() => anonymous.disconnect());
    await expect(anonymous.get("risk:test")).rejects.toThrow(/NOAUTH/);

    const withPassword = new Redis({ host: "127.0.0.1", port: server.port, password });
    cleanup.add(() => withPassword.disconnect());
    expect(await withPassword.ping()).toBe("PONG");

    const fromUrl = new Redis(server.url);
    cleanup.add(() => fromUrl.disconnect());
    await fromUrl.set("risk:test", "ok");
    expect(await fromUrl.get("risk:test")).toBe("ok");
  });
});

describe("startRedisCluster", () => {
  const cleanup = cleanupList();
  afterAll(() => cleanup.runAll());

  it("runs a 3-master cluster that spreads keys over its masters and honours hash tags", async () => {
    const cluster: RedisCluster = await startRedisCluster();
    cleanup.add(() => cluster.stop());
    expect(cluster.nodes).toHaveLength(3);
    expect(cluster.url.split(",")).toEqual(
      cluster.nodes.map((node) => `redis://127.0.0.1:${node.port}`),
    );

    const client = new Redis.Cluster(cluster.nodes);
    cleanup.add(() => client.quit());

    // Enough keys that, by CRC16, every master owns some of them.
    const keys = Array.from({ length: 30 }, (_, i) => `risk:test:${i}`);
    for (const key of keys) await client.set(key, key);
    for (const key of keys) expect(await client.get(key)).toBe(key);
    const slots = await Promise.all(keys.map((key) => client.cluster("KEYSLOT", key)));
    expect(new Set(slots).size).toBeGreaterThan(1);
    const keysPerMaster = await Promise.all(client.nodes("master").map((node) => node.dbsize()));
    expect(keysPerMaster).toHaveLength(3);
    expect(Math.min(...keysPerMaster)).toBeGreaterThan(0);

    const tagged = ["risk:metrics:u1:{tenant-1}", "risk:limits:u2:{tenant-1}"] as const;
    const taggedSlots = await Promise.all(tagged.map((key) => client.cluster("KEYSLOT", key)));
    expect(taggedSlots[0]).toBe(taggedSlots[1]);
    // One slot means one node, so a multi-key command over them is allowed...
    expect(await client.mset(tagged[0], "a", tagged[1], "b")).toBe("OK");
    expect(await client.mget(...tagged)).toEqual(["a", "b"]);
    // ...which the same keys without their tag are not.
    const untagged = ["risk:metrics:u1:tenant-1", "risk:limits:u2:tenant-1"] as const;
    const untaggedSlots = await Promise.all(untagged.map((key) => client.cluster("KEYSLOT", key)));
    expect(untaggedSlots[0]).not.toBe(untaggedSlots[1]);
    await expect(client.mset(untagged[0], "a", untagged[1], "b")).rejects.toThrow(/CROSSSLOT/);
  });
});
