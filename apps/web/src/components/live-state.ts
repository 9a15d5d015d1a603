"use client";

// One poll of `/data-version` per page, shared by everything that follows it: the self-refresh
// (the data version) and the header (the reader's name and unread notices). Pages are cached
// per data version and role, never per reader: what is the reader's own comes from here.

export interface LiveState {
  version: string;
  reader: { name: string; unread: number };
}

type Listener = (state: LiveState) => void;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | undefined;
let last: LiveState | undefined;

async function poll(): Promise<void> {
  const res = await fetch("/data-version", { cache: "no-store" }).catch(() => null);
  const state = res?.ok ? ((await res.json().catch(() => null)) as LiveState | null) : null;
  if (!state) return;
  last = state;
  for (const listener of listeners) listener(state);
}

/** Calls `listener` with every new reading (about once a second); returns the unsubscribe. */
export function subscribeLive(listener: Listener, everyMs = 1000): () => void {
  listeners.add(listener);
  if (last) listener(last);
  if (!timer) {
    void poll();
    timer = setInterval(() => void poll(), everyMs);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
