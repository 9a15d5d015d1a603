"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { subscribeLive } from "./live-state";

/** Re-renders the page (server data, no reload) a moment after new figures have been applied. */
export function AutoRefresh() {
  const router = useRouter();
  const seen = useRef<string | null>(null);
  useEffect(
    () =>
      subscribeLive((state) => {
        if (seen.current !== null && seen.current !== state.version) router.refresh();
        seen.current = state.version;
      }),
    [router],
  );
  return null;
}
