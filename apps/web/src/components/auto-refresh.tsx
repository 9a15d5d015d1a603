"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/** Re-renders the page (server data, no reload) a moment after new figures have been applied. */
export function AutoRefresh(props: { everyMs?: number }) {
  const router = useRouter();
  const seen = useRef<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      const res = await fetch("/data-version", { cache: "no-store" }).catch(() => null);
      const body = res?.ok ? ((await res.json()) as { version: string }) : null;
      if (!stopped && body) {
        if (seen.current !== null && seen.current !== body.version) router.refresh();
        seen.current = body.version;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), props.everyMs ?? 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, props.everyMs]);
  return null;
}
