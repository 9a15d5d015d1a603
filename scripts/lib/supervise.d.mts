import type { ChildProcess } from "node:child_process";

export interface Supervised {
  readonly name: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export function supervise(
  name: string,
  start: () => ChildProcess,
  options?: { onGiveUp?: (reason: string) => void; maxCrashes?: number; windowMs?: number },
): Supervised;
