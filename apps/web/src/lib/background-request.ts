// Set by the page around its own refresh after new figures (components/auto-refresh.tsx).
export const BACKGROUND_COOKIE = "spm_bg";

/**
 * True for what the browser does by itself: the page's self-refresh (marked by the cookie) and
 * Next's link prefetches. They show the session is open, not that a person is there, so they do
 * not keep it from going idle.
 */
export function isBackgroundRequest(
  backgroundCookie: string | undefined,
  prefetchHeader: string | string[] | null | undefined,
): boolean {
  return backgroundCookie === "1" || prefetchHeader === "1";
}
