import {
  type Db,
  type ExportCursor,
  type ExportFigureRow,
  loadProgramDefinitions,
  pageProgramFigures,
  pageProgramFiguresKnownBefore,
} from "@spm/db";
import {
  type IsoDate,
  type Locale,
  type ProgramDefinition,
  parsePeriod,
  periodStart,
  showFigure,
  textFor,
  yearOfDate,
} from "@spm/kpi";
import { ServiceError } from "../errors";
import { programNarratives } from "../narratives/run";
import { endOfDay } from "../status/figures";
import { reportedYearLevels } from "./reported";

/** What one export is of, and for whom. */
export interface ExportRequest {
  program: string;
  asOf: IsoDate;
  /** The figures (and year levels) as they were known at the end of this day, not as they are. */
  reportedOn?: IsoDate | null;
  region?: string;
  locale: Locale;
  /** The reader's `confidential` permission: without it a confidential figure is withheld. */
  mayReadConfidential: boolean;
  /** Figures read per query (a keyset page); memory stays bounded by it. */
  pageSize?: number;
}

/** One figure as its reader may see it, with the columns every format writes. */
export interface ExportRow {
  indicator: string;
  indicatorName: string;
  unit: string;
  period: string;
  place: string;
  value: number | null;
  flag: string | null;
  note: string | null;
  source: string | null;
  target: number | null;
  status: string | null;
  /** Approval (issue 18) does not exist yet: always empty. */
  approval: string;
  /** The year's narrative at the figure's place, in the reader's language when written in it. */
  narrative: string;
  withheld: boolean;
}

/** The columns of the CSV and the Figures sheet, in order. */
export const EXPORT_COLUMNS = [
  "indicator",
  "indicatorName",
  "unit",
  "period",
  "place",
  "value",
  "flag",
  "note",
  "source",
  "target",
  "status",
  "approval",
  "narrative",
] as const satisfies readonly (keyof ExportRow)[];

/** The programme an export is of, or `not_found`. */
export async function findExportProgram(db: Db, code: string): Promise<ProgramDefinition> {
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === code);
  if (!program) throw new ServiceError("not_found", `no programme ${code}`);
  return program;
}

/**
 * Every figure of the programme whose period began by `asOf`, a page at a time, as its reader may see
 * it (showFigure: a confidential figure's value and note are withheld without the permission).
 */
export async function* exportRows(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
): AsyncGenerator<ExportRow[]> {
  const names = new Map(program.indicators.map((i) => [i.code, i.name[req.locale]]));
  const narratives = await narrativeTexts(db, program, req);
  const limit = req.pageSize ?? 5000;
  let after: ExportCursor | null = null;
  const kept = new Map<string, Map<string, string>>();
  for (;;) {
    const which = { program: program.code, maxYear: yearOfDate(req.asOf), region: req.region };
    const page = req.reportedOn
      ? await pageProgramFiguresKnownBefore(db, {
          ...which,
          after,
          limit,
          knownBefore: endOfDay(req.reportedOn),
        })
      : await pageProgramFigures(db, { ...which, after, limit });
    if (page.length === 0) return;
    const levels = await reportedLevelsOf(db, program, req, page, kept);
    yield page.flatMap((row) => {
      // A period that begins after `asOf` was not yet a figure on that day.
      const period = parsePeriod(row.period);
      if (period.ok && periodStart(period.period) > req.asOf) return [];
      const shown = showFigure(row, req.mayReadConfidential);
      const exported: ExportRow = {
        indicator: row.indicator_code,
        indicatorName: names.get(row.indicator_code) ?? row.indicator_code,
        unit: row.unit,
        period: row.period,
        place: row.region_code,
        value: shown.value,
        flag: row.flag,
        note: shown.note,
        source: row.source,
        target: row.target,
        status: levels
          ? (levels.get(`${row.indicator_code}|${row.region_code}|${row.year}`) ?? null)
          : row.status,
        approval: "",
        narrative: narratives.get(`${row.indicator_code}|${row.region_code}|${row.year}`) ?? "",
        withheld: shown.withheld,
      };
      return [exported];
    });
    if (page.length < limit) return;
    const last = page[page.length - 1] as ExportCursor;
    after = {
      indicator_code: last.indicator_code,
      region_code: last.region_code,
      period: last.period,
    };
  }
}

/** The current narratives' explanations by `indicator|place|year`, in the reader's language. */
async function narrativeTexts(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
): Promise<Map<string, string>> {
  const all = await programNarratives(db, program, {
    region: req.region,
    maxYear: yearOfDate(req.asOf),
  });
  const texts = new Map<string, string>();
  for (const n of all) {
    const text = textFor(n.explanation, req.locale);
    if (text) texts.set(`${n.indicator}|${n.region}|${n.year}`, text.text);
  }
  return texts;
}

/**
 * As reported on a day, the year levels of a page's indicators by `code|place|year` (evaluated
 * one indicator at a time; `kept` holds the page's indicators only, so an indicator that runs
 * on into the next page is not evaluated again); null for current figures (the read model's).
 */
async function reportedLevelsOf(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
  page: readonly ExportFigureRow[],
  kept: Map<string, Map<string, string>>,
): Promise<Map<string, string> | null> {
  const { reportedOn } = req;
  if (!reportedOn) return null;
  const codes = new Set(page.map((r) => r.indicator_code));
  for (const code of kept.keys()) if (!codes.has(code)) kept.delete(code);
  const out = new Map<string, string>();
  for (const code of codes) {
    let levels = kept.get(code);
    if (!levels) {
      levels = new Map();
      for (const l of await reportedYearLevels(db, program, code, { ...req, reportedOn })) {
        levels.set(`${l.region_code}|${l.year}`, l.current_level);
      }
      kept.set(code, levels);
    }
    for (const [key, level] of levels) out.set(`${code}|${key}`, level);
  }
  return out;
}
