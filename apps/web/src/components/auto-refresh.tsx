"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { BACKGROUND_COOKIE } from "~/lib/background-request";
import { subscribeLive } from "./live-state";

// While the page refreshes itself, its requests say so: they do not keep the session from going
// idle (a person's own page loads and navigations do). The cookie outlives a lost refresh by 30 s.
const mark = (on: boolean) => {
  // biome-ignore lint/suspicious/noDocumentCookie: synchronous on purpose, set before the refresh's request leaves (Cookie Store is async and missing in older Safari)
  document.cookie = `${BACKGROUND_COOKIE}=1; path=/; SameSite=Lax; max-age=${on ? 30 : 0}`;
};

/** Re-renders the page (server data, no reload) a moment after new figures have been applied. */
export function AutoRefresh() {
  const router = useRouter();
  const seen = useRef<string | null>(null);
  const [refreshing, startRefresh] = useTransition();
  useEffect(() => {
    if (!refreshing) mark(false);
  }, [refreshing]);
  useEffect(
    () =>
      subscribeLive((state) => {
        if (seen.current !== null && seen.current !== state.version) {
          mark(true);
          startRefresh(() => router.refresh());
        }
        seen.current = state.version;
      }),
    [router],
  );
  return null;
}
