// The dashboard's Content-Security-Policy (ASVS 5.0 V3.4.3, as Google's strict CSP): scripts run
// only with this response's nonce, and what they load ('strict-dynamic'); no plugins, no <base>,
// no framing, forms post here. Next puts the nonce of the request's CSP header on its scripts.

/** A fresh nonce for one render: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The policy of a page rendered with `nonce` (`dev`: React's development build needs eval). */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets are files; a few elements carry a computed style attribute (chart height,
    // a region's tile position), which cannot run script.
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
