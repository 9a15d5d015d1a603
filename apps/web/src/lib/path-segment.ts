/**
 * A path segment as Next hands it over (still percent-encoded), decoded; null when its
 * percent-encoding is broken (`%E0%A4%A`), which the page answers as not found, never a 500.
 */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
