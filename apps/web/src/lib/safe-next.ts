// Where sign-in may send the reader back to: a path of this site only (ASVS 5.0 V3.7 / L2, no
// open redirect). Browsers read `\` as `/` and drop tabs and newlines, so `/\evil.example` and
// `/<TAB>/evil.example` are other sites: the path is resolved as a browser would, then checked.
const HERE = "http://spm.invalid";

function hasControlOrBackslash(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === "\\" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** `next` when it resolves to a path of this origin, else "/". */
export function safeNext(next: string | undefined | null): string {
  if (!next?.startsWith("/") || hasControlOrBackslash(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return "/";
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === HERE && !path.startsWith("//") ? path : "/";
}
