/**
 * One GET of a source into a temporary file: public addresses only (checked on the address
 * connected to, as webhooks are), no redirects followed (a 3xx could lead anywhere), a deadline
 * for the whole exchange and the upload size limit on the body, hashed as it is written.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { addressLiteralOf, isPublicAddress, publicLookup } from "@spm/services";

export interface FetchRequest {
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

export interface Fetched {
  ok: true;
  file: string;
  contentHash: string;
  contentType: string | undefined;
  bytes: number;
  /** Removes the temporary file. */
  discard: () => Promise<void>;
}

/** Why a fetch failed; `transient` failures are tried again (network, 5xx, 429). */
export interface FetchFailure {
  ok: false;
  code: string;
  params: Record<string, unknown>;
  transient: boolean;
}

class NotPublic extends Error {}

const failure = (code: string, params: Record<string, unknown>, transient: boolean) =>
  ({ ok: false, code, params, transient }) as const;

/** Fetches a source's body into a temporary file, or says why not. */
export async function fetchSource(request: FetchRequest): Promise<Fetched | FetchFailure> {
  const { url } = request;
  const literal = addressLiteralOf(url);
  if (!request.allowPrivate && literal && !isPublicAddress(literal))
    return failure("address_not_public", {}, false);
  const dir = await mkdtemp(path.join(tmpdir(), "spm-source-"));
  const file = path.join(dir, "body");
  const discard = () => rm(dir, { recursive: true, force: true });
  const result = await download(request, file).catch((error: Error) =>
    error instanceof NotPublic
      ? failure("address_not_public", {}, false)
      : error.message === "timeout"
        ? failure("source_timeout", { seconds: request.timeoutMs / 1000 }, true)
        : error.message === "too_large"
          ? failure("source_too_large", { limitMb: request.maxBytes / (1024 * 1024) }, false)
          : failure("source_unreachable", {}, true),
  );
  if (!result.ok) {
    await discard();
    return result;
  }
  return { ...result, file, discard };
}

type Downloaded =
  | { ok: true; contentHash: string; contentType: string | undefined; bytes: number }
  | FetchFailure;

function download(request: FetchRequest, file: string): Promise<Downloaded> {
  const client = request.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(request.url, {
      headers: request.headers,
      timeout: request.timeoutMs,
      ...(request.allowPrivate ? {} : { lookup: publicLookup(() => new NotPublic()) }),
    });
    let settled = false;
    const finish = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(deadline);
      return true;
    };
    const done = (value: Downloaded) => {
      if (finish()) resolve(value);
    };
    const fail = (error: Error) => {
      if (!finish()) return;
      req.destroy();
      reject(error);
    };
    const deadline = setTimeout(() => fail(new Error("timeout")), request.timeoutMs);
    req.on("timeout", () => fail(new Error("timeout")));
    req.on("error", (error) => fail(error));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        return done(statusFailure(status));
      }
      const hash = createHash("sha256");
      const out = createWriteStream(file);
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= request.maxBytes) return void hash.update(chunk);
        out.destroy();
        fail(new Error("too_large"));
      });
      res.on("error", (error) => {
        out.destroy();
        fail(error);
      });
      res.pipe(out);
      out.on("finish", () =>
        done({
          ok: true,
          contentHash: hash.digest("hex"),
          contentType: res.headers["content-type"],
          bytes,
        }),
      );
      out.on("error", fail);
    });
  });
}

function statusFailure(status: number): FetchFailure {
  if (status === 401 || status === 403) return failure("source_unauthorized", { status }, false);
  if (status >= 300 && status < 400) return failure("source_redirect", { status }, false);
  const transient = status >= 500 || status === 429 || status === 408;
  return failure("source_http_error", { status }, transient);
}
