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
}

/** GETs `url` with the given headers; resolves with the status and the decompressed body. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
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
          });
        });
      },
    );
    req.on("error", reject);
  });
}
