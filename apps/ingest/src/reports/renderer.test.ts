// The report renderer with Debian's real Chromium against a page served on loopback: it sends
// the grant cookie, prints page numbers, refuses a page that did not answer itself (a redirect to
// sign-in) and more renders than its queue holds, and fetches nothing from another origin.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportRenderer, RendererBusy, RenderFailed } from "./renderer";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let server: Server;
let base: string;
const seen: { path: string; cookie: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", cookie: req.headers.cookie ?? "" });
    if (req.url?.startsWith("/denied")) {
      res.writeHead(307, { location: "/login" }).end();
      return;
    }
    if (req.url?.startsWith("/login")) {
      res.writeHead(200, { "content-type": "text/html" }).end("<h1>Sign in</h1>");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    // An image on another origin: the renderer must not fetch it.
    res.end(`<h1>Report for ${req.headers.cookie ?? "nobody"}</h1>
      <img src="http://198.51.100.1/x.png"><p style="break-before: page">second page</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const renderer = createReportRenderer({ chromiumPath: CHROMIUM, timeoutMs: 30_000, maxBytes: 5e6 });
const cookie = { name: "spm_report_grant", value: "spm_r_test" };

describe("the report renderer", () => {
  it("prints the page with the grant cookie to a PDF of its pages", async () => {
    const pdf = await renderer.render({ url: `${base}/reports/annual?year=2020`, cookie });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(seen.find((s) => s.path.startsWith("/reports"))?.cookie).toBe(
      "spm_report_grant=spm_r_test",
    );
    expect(seen.some((s) => s.path.includes("x.png"))).toBe(false);
  }, 60_000);

  it("refuses a page that sent it elsewhere (its grant was not accepted)", async () => {
    await expect(renderer.render({ url: `${base}/denied`, cookie })).rejects.toBeInstanceOf(
      RenderFailed,
    );
  }, 60_000);

  it("runs one render at a time and refuses more than its queue holds", async () => {
    const small = createReportRenderer({
      chromiumPath: CHROMIUM,
      timeoutMs: 30_000,
      maxBytes: 5e6,
      maxWaiting: 1,
    });
    const url = `${base}/reports/annual?year=2021`;
    const first = small.render({ url, cookie });
    const second = small.render({ url, cookie });
    await expect(small.render({ url, cookie })).rejects.toBeInstanceOf(RendererBusy);
    expect((await first).length).toBeGreaterThan(0);
    expect((await second).length).toBeGreaterThan(0);
  }, 90_000);

  it("refuses a PDF over its size limit", async () => {
    const tiny = createReportRenderer({ chromiumPath: CHROMIUM, timeoutMs: 30_000, maxBytes: 100 });
    await expect(tiny.render({ url: `${base}/reports/annual`, cookie })).rejects.toBeInstanceOf(
      RenderFailed,
    );
  }, 60_000);
});
