// The benchmarks' HTTP client: node:http with kept-alive connections, asking for gzip as a
// browser does. Lighter than fetch, so that with 20 clients on a 2-core machine the load
// generator is not what is measured (the same client reads every page and the static floor).
import http from "node:http";
import { gunzipSync } from "node:zlib";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Got {
  status: number;
  /** The body as text, decompressed. */
  body: string;
  /** Bytes on the wire (compressed when the server compressed). */
  wireBytes: number;
  /** The dashboard's `x-spm-cache` header: `hit`, `miss`, or empty when it did not say. */
  cache: string;
}

/**
 * GETs `url` with the given headers; resolves with the status and the decompressed body. A kept-
 * alive connection the server closed while this process was busy is retried once on a new one
 * (Node's documented remedy: `reusedSocket` and ECONNRESET), as a browser does.
 */
export function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return getOnce(url, headers).catch((error: NodeJS.ErrnoException & { reused?: boolean }) => {
    if (error.reused && error.code === "ECONNRESET") return getOnce(url, headers);
    throw error;
  });
}

function getOnce(url: string, headers: Record<string, string>): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { agent, headers: { "accept-encoding": "gzip", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire;
          resolve({
            status: res.statusCode ?? 0,
            body: body.toString("utf8"),
            wireBytes: wire.length,
            cache: String(res.headers["x-spm-cache"] ?? ""),
          });
        });
      },
    );
    req.on("error", (error) => reject(Object.assign(error, { reused: req.reusedSocket })));
  });
}
