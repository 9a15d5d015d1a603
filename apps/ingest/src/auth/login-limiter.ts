import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";

// Failed sign-ins allowed per 15 minutes: per account (guessing one password) and per address
// (trying many accounts). The memory limiter stands in while Redis is away.
const WINDOW_S = 15 * 60;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 30;

export interface LoginLimiter {
  /** Seconds to wait before another try, or 0 when the account and address may try now. */
  retryAfter(username: string, ip: string): Promise<number>;
  recordFailure(username: string, ip: string): Promise<void>;
  recordSuccess(username: string): Promise<void>;
}

function limiter(redis: Redis, keyPrefix: string, points: number) {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: WINDOW_S,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_S }),
  });
}

/** Creates the sign-in limiter on Redis (keys under the queue prefix). */
export function createLoginLimiter(redis: Redis, prefix: string): LoginLimiter {
  const byAccount = limiter(redis, `${prefix}:login:account`, PER_ACCOUNT);
  const byAddress = limiter(redis, `${prefix}:login:address`, PER_ADDRESS);
  const account = (u: string) => u.trim().toLowerCase();
  const wait = (res: RateLimiterRes | null, max: number) =>
    res && res.consumedPoints >= max ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return {
    async retryAfter(username, ip) {
      const [a, b] = await Promise.all([byAccount.get(account(username)), byAddress.get(ip)]);
      return Math.max(wait(a, PER_ACCOUNT), wait(b, PER_ADDRESS));
    },
    async recordFailure(username, ip) {
      await Promise.all([byAccount.penalty(account(username), 1), byAddress.penalty(ip, 1)]);
    },
    async recordSuccess(username) {
      await byAccount.delete(account(username));
    },
  };
}
