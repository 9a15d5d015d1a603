// Supervision of `npm start`'s long-running processes: a crashed API, worker or dashboard is
// started again after a growing pause; one that keeps crashing is given up on, with the reason.
import { log, stopChild } from "./setup.mjs";

const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 30000];

/**
 * Runs `start()` (which returns a ChildProcess) and restarts it when it exits on its own.
 * After `maxCrashes` exits within `windowMs`, calls `onGiveUp(reason)` and restarts no more.
 */
export function supervise(name, start, { onGiveUp, maxCrashes = 5, windowMs = 120_000 } = {}) {
  let child = launch();
  let stopped = false;
  let timer = null;
  const crashes = [];

  function launch() {
    const c = start();
    log(`started ${name} (pid ${c.pid})`);
    c.once("exit", (code, signal) => onExit(c, code, signal));
    return c;
  }

  function onExit(c, code, signal) {
    if (stopped || c !== child) return;
    // What is left of its process group (tsx's node, say) would hold the port of the next one.
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {}
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0] < now - windowMs) crashes.shift();
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (crashes.length >= maxCrashes) {
      const minutes = Math.round(windowMs / 60_000);
      const reason = `${name} stopped ${crashes.length} times within ${minutes} min (last: ${how}); its last lines are above`;
      log(`giving up on ${name}: ${reason}`);
      stopped = true;
      onGiveUp?.(reason);
      return;
    }
    const wait = BACKOFF_MS[Math.min(crashes.length - 1, BACKOFF_MS.length - 1)];
    log(
      `${name} stopped unexpectedly (${how}); restarting it in ${wait / 1000} s (${crashes.length} of ${maxCrashes} stops allowed within ${Math.round(windowMs / 60_000)} min)`,
    );
    timer = setTimeout(() => {
      timer = null;
      if (!stopped) child = launch();
    }, wait);
  }

  return {
    name,
    get child() {
      return child;
    },
    /** Stops the process for good (no restart). */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await stopChild(child);
    },
  };
}
