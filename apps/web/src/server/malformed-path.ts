// Next answers a path whose percent-encoding is broken (`/indicators/%E0%A4%A`) with a failed
// render of its error page, a 500; the dashboard's server refuses it first, as a 400 problem.
import type { ServerResponse } from "node:http";

/** True when the path of a request URL does not decode (a bad `%` escape or invalid UTF-8). */
export function hasMalformedPath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? "/").split("?")[0] ?? "/");
    return false;
  } catch {
    return true;
  }
}

/** Answers 400 with an RFC 9457 problem naming the fault. */
export function refuseMalformedPath(res: ServerResponse): void {
  const body = JSON.stringify({
    type: "about:blank",
    title: "Bad Request",
    status: 400,
    detail: "the path has a malformed percent-encoding",
    code: "path_malformed",
  });
  res.writeHead(400, { "content-type": "application/problem+json" }).end(body);
}
