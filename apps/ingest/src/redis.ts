import { Redis } from "ioredis";

/** Opens a Redis connection suited to BullMQ (blocking commands must not time out). */
export function createRedis(url: string, options: { lazy?: boolean } = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: options.lazy ?? false,
    // Keep retrying while Redis is away: the API still accepts work (Postgres is the outbox).
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  redis.on("error", () => {}); // reported by /readyz; reconnects by itself
  return redis;
}
