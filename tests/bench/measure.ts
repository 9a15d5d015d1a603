import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** The pids of a process group, each with its /proc/<pid>/stat fields from the state on. */
function* groupProcesses(pgid: number): Generator<{ pid: string; fields: string[] }> {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) yield { pid: entry, fields };
    } catch {
      // the process ended meanwhile
    }
  }
}

/** Peak resident memory (VmHWM, MiB) of the largest process in a process group. */
export function peakRssMb(pgid: number): number {
  let peak = 0;
  for (const { pid } of groupProcesses(pgid)) {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(peak);
}

/** Resets the peak resident memory (VmHWM) of every process of a process group to its present. */
export function resetPeakRss(pgid: number): void {
  for (const { pid } of groupProcesses(pgid)) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      // the process ended meanwhile
    }
  }
}

/** The p-th percentile (0..100) of a list of numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Writes progress to standard error (standard output carries only the final JSON). */
export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export interface LoadResult {
  latencies: number[];
  /** Completed requests per second of wall time, all clients together. */
  perSecond: number;
}

/**
 * Runs `total` calls of `once` (or calls while `total()` holds) from `clients` concurrent loops
 * (each starts its next call when its previous one ends; `once` is told its loop's number) and
 * returns every call's latency in ms.
 */
export async function runConcurrent(
  clients: number,
  total: number | (() => boolean),
  once: (client: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  const more = typeof total === "number" ? () => started < total : total;
  const t0 = performance.now();
  const loop = async (_: unknown, client: number) => {
    while (more()) {
      started += 1;
      const t = performance.now();
      await once(client);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return { latencies, perSecond: latencies.length / ((performance.now() - t0) / 1000) };
}

/** CPU time (user + system, ms) used so far by every process of a process group. */
export function cpuMs(pgid: number): number {
  let ticks = 0;
  // Fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s on Linux.
  for (const { fields } of groupProcesses(pgid)) ticks += Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}
