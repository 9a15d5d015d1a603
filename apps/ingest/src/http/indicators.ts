import {
  type Db,
  findIndicatorByCode,
  listCurrentObservations,
  loadProgramDefinitions,
} from "@spm/db";
import { isIsoDate, LOCALES, PLACE_CODE, showFigure, toIsoDate, type ViewDates } from "@spm/kpi";
import { evaluateIndicatorStatuses, type IndicatorStatusView, markApprovals } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { principalOf } from "../auth/middleware";
import { HttpProblem } from "./problem";
import { parseQuery, resolveDatesOrThrow } from "./validate";

const REGION = PLACE_CODE;
export const statusQuery = z.object({
  lang: z.enum(LOCALES).optional(),
  region: z.string().regex(REGION, "a region code such as KZ-ALA").optional(),
  asOf: z.string().refine(isIsoDate, "a calendar date YYYY-MM-DD").optional(),
  /** The figures as they were known at the end of this day (UTC), from their revisions. */
  reportedOn: z.string().refine(isIsoDate, "a calendar date YYYY-MM-DD").optional(),
});
export const statusListQuery = statusQuery.extend({
  program: z
    .string()
    .regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030")
    .optional(),
});
export const observationQuery = z.object({
  region: z.string().regex(REGION, "a region code such as KZ-ALA").optional(),
  from: z.coerce.number().int().min(1900).max(2100).optional(),
  to: z.coerce.number().int().min(1900).max(2100).optional(),
});

/** The status shape of DESIGN.md: `reason` is the explanation text, `reasonCode` the rule. */
function presentStatus(view: IndicatorStatusView) {
  const { current, trajectory, inputs } = view.status;
  return {
    current: { ...current, reason: view.explanation.current, reasonCode: current.reason },
    trajectory: {
      ...trajectory,
      reason: view.explanation.trajectory,
      reasonCode: trajectory.reason,
    },
    inputs,
    /** Which parts' numbers were withheld from this reader (confidential figures). */
    withheld: view.withheld,
  };
}

/** The days a status answer is of, bounded by the first year of the programmes it reads. */
async function viewDatesOf(
  db: Db,
  q: { asOf?: string; reportedOn?: string },
  today: string,
  of: { program?: string; indicator?: string },
): Promise<ViewDates> {
  const programs = (await loadProgramDefinitions(db)).filter(
    (p) =>
      (!of.program || p.code === of.program) &&
      (!of.indicator || p.indicators.some((i) => i.code === of.indicator)),
  );
  // No programme (an unknown indicator: 404 follows) bounds nothing.
  const firstYear = programs.length ? Math.min(...programs.map((p) => p.years.start)) : 1000;
  return resolveDatesOrThrow({ ...q, today, firstYear });
}

/** Read endpoints of indicators: list with status, one with series and status, observations. */
export function indicatorsRouter(deps: { db: Db; now: () => Date }): Router {
  const router = Router();
  router.get("/indicators", async (req, res) => {
    const q = parseQuery(statusListQuery, req.query);
    const { asOf, reportedOn } = await viewDatesOf(deps.db, q, toIsoDate(deps.now()), q);
    const views = await evaluateIndicatorStatuses(deps.db, {
      asOf,
      reportedOn,
      region: q.region,
      program: q.program,
      locale: q.lang,
      mayReadConfidential: principalOf(req).confidential,
    });
    res.json({
      asOf,
      reportedOn,
      region: q.region ?? null,
      indicators: views.map((v) => ({
        code: v.indicator.code,
        program: v.programCode,
        direction: v.indicator.direction,
        name: v.indicator.name,
        unit: v.indicator.unit,
        polarity: v.indicator.polarity,
        latest: v.latest,
        status: presentStatus(v),
      })),
    });
  });

  router.get("/indicators/:code", async (req, res) => {
    const q = parseQuery(statusQuery, req.query);
    const today = toIsoDate(deps.now());
    const { asOf, reportedOn } = await viewDatesOf(deps.db, q, today, {
      indicator: req.params.code,
    });
    const [view] = await evaluateIndicatorStatuses(deps.db, {
      asOf,
      reportedOn,
      region: q.region,
      codes: [req.params.code],
      locale: q.lang,
      mayReadConfidential: principalOf(req).confidential,
    });
    if (!view) throw new HttpProblem(404, "Not Found", `no indicator ${req.params.code}`);
    const { history: _history, ...definition } = view.indicator;
    res.json({
      ...definition,
      program: view.programCode,
      region: view.region,
      asOf,
      reportedOn,
      series: await markApprovals(deps.db, {
        program: view.programCode,
        region: view.region,
        series: view.series,
      }),
      latest: view.latest,
      status: presentStatus(view),
    });
  });

  router.get("/indicators/:code/observations", async (req, res) => {
    const q = parseQuery(observationQuery, req.query);
    if (!(await findIndicatorByCode(deps.db, req.params.code)))
      throw new HttpProblem(404, "Not Found", `no indicator ${req.params.code}`);
    const rows = await listCurrentObservations(deps.db, {
      indicator: req.params.code,
      region: q.region,
      fromYear: q.from,
      toYear: q.to,
    });
    const may = principalOf(req).confidential;
    res.json({
      indicator: req.params.code,
      observations: rows.map((row) => {
        const o = showFigure(row, may);
        return {
          period: o.period,
          region: o.region_code,
          value: o.value,
          flag: o.flag,
          note: o.note,
          source: o.source,
          revisions: o.revision_count,
          updatedAt: o.updated_at,
          withheld: o.withheld,
        };
      }),
    });
  });
  return router;
}
