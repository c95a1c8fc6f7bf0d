import { connect, connectSubscriber, type RedisClient } from "./connection.ts";
import { type Invalidation, InvalidationBus } from "./invalidation-bus.ts";
import { namespaceOf } from "./keys.ts";
import type { ResolvedOptions } from "./options.ts";
import { RedisGuard } from "./redis-guard.ts";
import { RedisTier } from "./redis-tier.ts";

export interface RedisBackend {
  client: RedisClient;
  tier: RedisTier;
  guard: RedisGuard;
  bus: InvalidationBus;
}

export interface BackendHooks {
  onError(message: string): void;
  /** An invalidation from another instance (or this one) to apply to the in-process tier. */
  onInvalidation(invalidation: Invalidation): void;
  /** Copies in this process can no longer be trusted (after an outage or a missed message). */
  onDistrust(): void;
  clearNamespace(): Promise<unknown>;
}

/** The Redis side of a cache: connections, scripts, the breaker and the invalidation bus. */
export function createRedisBackend(
  redis: Exclude<ResolvedOptions["redis"], { mode: "memory" }>,
  options: ResolvedOptions,
  hooks: BackendHooks,
): RedisBackend {
  const client = connect(redis);
  // Connection errors surface through the breaker and the health report, not as crashes.
  client.on("error", (error: Error) => hooks.onError(error.message));
  const tier = new RedisTier(client);
  const guard = new RedisGuard(
    tier,
    options.failureThreshold,
    (replayed) => {
      hooks.onDistrust();
      // Invalidations this instance made while it could not reach Redis never reached the
      // others either: an instance that kept hearing the bus all along learns of them now.
      if (replayed) void bus.publish({ scope: "all" });
    },
    hooks.clearNamespace,
    options.commandTimeoutMs,
  );
  const bus = new InvalidationBus(
    client,
    connectSubscriber(client),
    `${namespaceOf(options.prefix)}:invalidations`,
    { apply: hooks.onInvalidation, resync: hooks.onDistrust },
    options.ackTimeoutMs,
  );
  return { client, tier, guard, bus };
}
