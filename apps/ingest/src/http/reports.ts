import { createHash } from "node:crypto";
import { currentDataVersion, findReportPdf, storeReportPdf } from "@spm/db";
import { LOCALES, PLACE_CODE, toIsoDate } from "@spm/kpi";
import { checkReportRequest, ServiceError } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { principalOf, requireRole } from "../auth/middleware";
import { actorOf } from "../auth/principal";
import { type RenderDeps, renderReportPdf, reportSearch } from "../reports/render-report";
import { RendererBusy } from "../reports/renderer";
import { localeOf } from "./locale";
import { HttpProblem } from "./problem";
import { parseQuery } from "./validate";

export const annualReportQuery = z.object({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  year: z.string().regex(/^\d{4}$/, "a year such as 2020"),
  lang: z.enum(LOCALES).optional(),
  region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
});

export interface ReportDeps extends RenderDeps {
  cacheBytes: number;
}

/**
 * `GET /reports/annual.pdf`: the annual report page printed to PDF on the server, opened with
 * the caller's own permission, kept per data version (and programme, year, language, place, day
 * and confidential permission) so a second request is answered from the cache.
 */
export function reportsRouter(deps: ReportDeps): Router {
  const router = Router();
  const running = new Map<string, Promise<Buffer>>();
  router.get("/reports/annual.pdf", requireRole("viewer"), async (req, res) => {
    const q = parseQuery(annualReportQuery, req.query);
    const year = Number(q.year);
    await checkReportRequest(deps.db, { program: q.program, year, region: q.region }).catch(
      (error: unknown) => {
        if (error instanceof ServiceError && error.code === "not_found")
          throw new HttpProblem(404, "Not Found", error.message, { code: "program_not_found" });
        if (error instanceof ServiceError && error.code === "out_of_range")
          throw new HttpProblem(422, "Unprocessable Content", error.message, {
            code: "report_out_of_range",
            invalid: error.details.map((d) => ({ field: d.path, message: d.message })),
          });
        throw error;
      },
    );
    const principal = principalOf(req);
    const lang = q.lang ?? localeOf(req);
    const today = toIsoDate(deps.now());
    const version = await currentDataVersion(deps.db);
    const search = reportSearch({ program: q.program, year, lang, region: q.region });
    const key = createHash("sha256")
      .update(JSON.stringify([search.toString(), version, today, principal.confidential]))
      .digest("hex");
    const fileName = `${q.program}-${q.year}-${lang}${q.region ? `-${q.region}` : ""}.pdf`;
    const send = (pdf: Buffer, cache: "hit" | "miss") =>
      // What a reader may see is theirs alone: no shared cache keeps it (ASVS 8.2.1).
      res
        .type("application/pdf")
        .attachment(fileName)
        .set({ "cache-control": "private, no-store", "x-cache": cache })
        .send(pdf);
    const cached = await findReportPdf(deps.db, key);
    if (cached) return void send(cached, "hit");
    // Concurrent requests for the same report share one render.
    let render = running.get(key);
    if (!render) {
      render = renderReportPdf(deps, {
        search,
        actor: actorOf(principal),
        confidential: principal.confidential,
      }).then(async (pdf) => {
        await storeReportPdf(deps.db, {
          key,
          dataVersion: version,
          bytes: pdf,
          budgetBytes: deps.cacheBytes,
        });
        return pdf;
      });
      running.set(key, render);
      void render.catch(() => undefined).finally(() => running.delete(key));
    }
    const pdf = await render.catch((error: unknown) => {
      if (error instanceof RendererBusy) {
        res.set("retry-after", "10");
        throw new HttpProblem(503, "Service Unavailable", error.message, {
          code: "report_renderer_busy",
        });
      }
      req.log?.error({ err: error }, "report render failed");
      throw new HttpProblem(503, "Service Unavailable", "the report could not be rendered", {
        code: "report_render_failed",
      });
    });
    send(pdf, "miss");
  });
  return router;
}
