import { createReportGrant, type Db, endReportGrant } from "@spm/db";
import type { ReportRenderer } from "./renderer";

// The report page itself (apps/web/src/app/reports/annual) and the cookie its grant travels in.
const REPORT_PATH = "/reports/annual";
const GRANT_COOKIE = "spm_report_grant";

export interface RenderDeps {
  db: Db;
  now: () => Date;
  renderer: ReportRenderer;
  /** The dashboard as the renderer reaches it. */
  webUrl: string;
  timeoutMs: number;
}

/** The report page's query: programme, year, language and place (absent: the nation). */
export function reportSearch(args: {
  program: string;
  year: number;
  lang: string;
  region?: string | null;
}): URLSearchParams {
  const search = new URLSearchParams({
    program: args.program,
    year: String(args.year),
    lang: args.lang,
  });
  if (args.region) search.set("region", args.region);
  return search;
}

/**
 * Prints the report page under a one-render grant of a reader's permission (`confidential`;
 * `actor` says whose render it was), ended as soon as the render is.
 */
export async function renderReportPdf(
  deps: RenderDeps,
  args: { search: URLSearchParams; actor: string; confidential: boolean },
): Promise<Buffer> {
  const grant = await createReportGrant(deps.db, {
    actor: args.actor,
    confidential: args.confidential,
    now: deps.now(),
    ttlMs: deps.timeoutMs,
  });
  try {
    return await deps.renderer.render({
      url: `${deps.webUrl.replace(/\/$/, "")}${REPORT_PATH}?${args.search.toString()}`,
      cookie: { name: GRANT_COOKIE, value: grant },
    });
  } finally {
    await endReportGrant(deps.db, { id: grant, now: deps.now() });
  }
}
