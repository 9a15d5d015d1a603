/**
 * Sending a webhook without letting a rule reach into our own network: the address rules of
 * `@spm/services` (network/public-address.ts), checked on the address connected to.
 */
import type { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { addressLiteralOf, isPublicAddress, publicLookup } from "@spm/services";
import { UnrecoverableError } from "bullmq";

// Said the same way whatever the host and port: a manager must not learn which ports answer.
const REFUSED = "the webhook address is not a public address";
const UNREACHED = "the webhook receiver could not be reached";

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** The resolver (tests hand one in); the system's by default. */
  resolve?: typeof dnsLookup;
}

/** POSTs the body and resolves with the status; non-public addresses are refused unreached. */
export function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.reject(new UnrecoverableError("the webhook address must be http or https"));
  const literal = addressLiteralOf(url);
  if (!post.allowPrivate && literal && !isPublicAddress(literal))
    return Promise.reject(new UnrecoverableError(REFUSED));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: "POST",
      headers: { ...post.headers, "content-length": Buffer.byteLength(post.body) },
      timeout: post.timeoutMs,
      ...(post.allowPrivate
        ? {}
        : { lookup: publicLookup(() => new UnrecoverableError(REFUSED), post.resolve) }),
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) =>
      reject(error instanceof UnrecoverableError ? error : new Error(UNREACHED)),
    );
    request.on("response", (response) => {
      // The receiver's answer is not needed; reading it frees the connection.
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", () => reject(new Error(UNREACHED)));
    });
    request.end(post.body);
  });
}
