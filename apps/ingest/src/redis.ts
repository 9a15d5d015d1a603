import { Redis } from "ioredis";

/** Opens a Redis connection suited to BullMQ (blocking commands must not time out). */
export function createRedis(
  url: string,
  options: { lazy?: boolean; failFast?: boolean } = {},
): Redis {
  const redis = new Redis(url, {
    // Producers that must not wait for Redis fail at once while it is away.
    maxRetriesPerRequest: options.failFast ? 1 : null,
    enableOfflineQueue: !options.failFast,
    lazyConnect: options.lazy ?? false,
    // Keep retrying while Redis is away: the API still accepts work (Postgres is the outbox).
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  redis.on("error", () => {}); // reported by /readyz; reconnects by itself
  return redis;
}
