// Renders the dashboard's annual report page to an A4 PDF with Debian's headless Chromium (the
// browser tests' own), one render at a time, each bounded in time and size; renders asked for
// while one runs wait in a short queue, and more than that are refused (the caller says 503).
// playwright-core is loaded on the first render only: it holds about 34 MB of the API's heap.

export interface RenderRequest {
  /** The page's URL on the dashboard. */
  url: string;
  /** A cookie that opens it with the reader's permission (never a privileged identity). */
  cookie: { name: string; value: string };
}

export interface ReportRenderer {
  render(request: RenderRequest): Promise<Buffer>;
}

export class RendererBusy extends Error {
  constructor() {
    super("the report renderer is busy");
  }
}

export class RenderFailed extends Error {}

// Chromium prints page numbers into the bottom margin; the template's font size must be given.
const FOOTER = `<div style="font-size:8px;width:100%;text-align:center;color:#57606a">
  <span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

/** A renderer with at most one Chromium at a time and `maxWaiting` renders waiting for it. */
export function createReportRenderer(options: {
  chromiumPath: string;
  timeoutMs: number;
  maxBytes: number;
  maxWaiting?: number;
}): ReportRenderer {
  const maxWaiting = options.maxWaiting ?? 4;
  let tail: Promise<unknown> = Promise.resolve();
  // Renders not finished: the one running and those waiting behind it.
  let pending = 0;
  return {
    render(request) {
      if (pending > maxWaiting) return Promise.reject(new RendererBusy());
      pending += 1;
      const run = tail.then(() => renderOnce(request, options));
      tail = run.catch(() => undefined);
      return run.finally(() => {
        pending -= 1;
      });
    },
  };
}

async function renderOnce(
  request: RenderRequest,
  options: { chromiumPath: string; timeoutMs: number; maxBytes: number },
): Promise<Buffer> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    headless: true,
    timeout: options.timeoutMs,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
    ],
  });
  const timer = setTimeout(() => void browser.close(), options.timeoutMs);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ ...request.cookie, url: request.url }]);
    const page = await context.newPage();
    const origin = new URL(request.url).origin;
    // The page and its own stylesheets only: nothing else is fetched on the server's behalf.
    await page.route("**/*", (route) =>
      new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
    );
    const answer = await page.goto(request.url, {
      waitUntil: "load",
      timeout: options.timeoutMs,
    });
    if (answer?.status() !== 200 || !page.url().startsWith(request.url.split("?")[0] ?? ""))
      throw new RenderFailed(`the report page answered ${answer?.status() ?? "nothing"}`);
    const pdf = await page.pdf({
      format: "A4",
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: FOOTER,
      margin: { top: "16mm", bottom: "18mm", left: "15mm", right: "15mm" },
    });
    if (pdf.length > options.maxBytes)
      throw new RenderFailed(`the PDF is larger than ${options.maxBytes} bytes`);
    return pdf;
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}
