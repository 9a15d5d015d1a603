import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

// Sign-in tries per 15 minutes (ASVS 5.0 V6.3 / L2: brute force slowed, no lockout by others).
// A try is counted before the password is checked, atomically in Redis, so concurrent tries
// cannot all pass one check. The tight limit is per account *and* address: a stranger's five
// wrong passwords do not lock `admin` out; a looser one per account slows guessing from many
// addresses, and one per address slows trying many accounts. Memory stands in while Redis is away.
const WINDOW_S = 15 * 60;
const PER_ACCOUNT_AND_ADDRESS = 5;
const PER_ACCOUNT = 100;
const PER_ADDRESS = 30;

export interface LoginLimiter {
  /** Counts a try; seconds to wait when it is over a limit (not to be checked), else 0. */
  attempt(username: string, ip: string): Promise<number>;
  /** A try that succeeded: it does not count against the account or the address. */
  recordSuccess(username: string, ip: string): Promise<void>;
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
  const byPair = limiter(redis, `${prefix}:login:pair`, PER_ACCOUNT_AND_ADDRESS);
  const byAccount = limiter(redis, `${prefix}:login:account`, PER_ACCOUNT);
  const byAddress = limiter(redis, `${prefix}:login:address`, PER_ADDRESS);
  const keys = (username: string, ip: string) => {
    const account = username.trim().toLowerCase();
    return { pair: JSON.stringify([account, ip]), account, ip };
  };
  return {
    async attempt(username, ip) {
      const k = keys(username, ip);
      const limits = [
        [byPair, k.pair],
        [byAccount, k.account],
        [byAddress, k.ip],
      ] as const;
      const tries = await Promise.allSettled(limits.map(([l, key]) => l.consume(key)));
      let waitMs = 0;
      for (const t of tries) {
        if (t.status === "fulfilled") continue;
        if (!(t.reason instanceof RateLimiterRes)) throw t.reason;
        waitMs = Math.max(waitMs, t.reason.msBeforeNext);
      }
      // A refused try is not checked, so it does not count against the other limits either.
      if (waitMs > 0)
        await Promise.all(
          limits.map(([l, key], i) => (tries[i]?.status === "fulfilled" ? l.reward(key, 1) : null)),
        );
      return Math.ceil(waitMs / 1000);
    },
    async recordSuccess(username, ip) {
      const k = keys(username, ip);
      await Promise.all([
        byPair.delete(k.pair),
        byAccount.reward(k.account, 1),
        byAddress.reward(k.ip, 1),
      ]);
    },
  };
}
