/**
 * The entry grid's sheet (DESIGN "Data collection"): for one programme, every figure the user owes
 * on a day — each indicator's due and overdue periods at the user's places — with the value
 * already entered, its source and when. A confidential value is withheld from a reader without
 * the permission (the mark stays). At most MAX_ENTRY_CELLS cells; the rest are counted.
 */
import { type Db, listFiguresAt, loadProgramDefinitions } from "@spm/db";
import {
  type EntryPeriod,
  entryPeriods,
  entryPlaces,
  type Frequency,
  type IsoDate,
  isConfidentialFlag,
  type Locale,
  MAX_ENTRY_CELLS,
  type Unit,
} from "@spm/kpi";

export interface EntryCell extends EntryPeriod {
  indicator: string;
  region: string;
  /** The figure in now, or null; `value` is null when withheld as confidential. */
  current: {
    value: number | null;
    confidential: boolean;
    source: string | null;
    updatedAt: string;
  } | null;
}

export interface EntrySheet {
  programs: { code: string; name: string }[];
  program: { code: string; name: string; nation: string } | null;
  indicators: { code: string; name: string; unit: Unit; frequency: Frequency }[];
  places: { code: string; name: string }[];
  cells: EntryCell[];
  /** Cells owed beyond the ones listed (a file upload is the way for so many). */
  more: number;
}

/** What `user` owes for `program` (the first programme when none is named) on `asOf`. */
export async function entrySheet(
  db: Db,
  args: {
    program?: string;
    asOf: IsoDate;
    locale: Locale;
    user: { regions: string[] | null; confidential: boolean };
  },
): Promise<EntrySheet> {
  const all = await loadProgramDefinitions(db);
  const programs = all.map((p) => ({ code: p.code, name: p.name[args.locale] }));
  const program = all.find((p) => p.code === args.program) ?? all[0];
  if (!program) return { programs, program: null, indicators: [], places: [], cells: [], more: 0 };
  const owed = program.indicators.flatMap((indicator) => {
    const places = entryPlaces(program, indicator, args.user.regions);
    return entryPeriods(indicator, program.years, args.asOf).flatMap((p) =>
      places.map((region) => ({ ...p, indicator: indicator.code, region })),
    );
  });
  const listed = owed.slice(0, MAX_ENTRY_CELLS);
  const figures = await listFiguresAt(db, {
    indicators: [...new Set(listed.map((c) => c.indicator))],
    regions: [...new Set(listed.map((c) => c.region))],
    periods: [...new Set(listed.map((c) => c.period))],
  });
  const byKey = new Map(
    figures.map((f) => [`${f.indicator_code}|${f.region_code}|${f.period}`, f] as const),
  );
  const cells = listed.map((cell): EntryCell => {
    const figure = byKey.get(`${cell.indicator}|${cell.region}|${cell.period}`);
    const confidential = isConfidentialFlag(figure?.flag);
    return {
      ...cell,
      current: figure
        ? {
            value: confidential && !args.user.confidential ? null : Number(figure.value),
            confidential,
            source: figure.source,
            updatedAt: new Date(figure.updated_at).toISOString(),
          }
        : null,
    };
  });
  const used = new Set(cells.map((c) => c.indicator));
  const placeCodes = new Set(cells.map((c) => c.region));
  return {
    programs,
    program: {
      code: program.code,
      name: program.name[args.locale],
      nation: program.nation.code,
    },
    indicators: program.indicators
      .filter((i) => used.has(i.code))
      .map((i) => ({
        code: i.code,
        name: i.name[args.locale],
        unit: i.unit,
        frequency: i.frequency,
      })),
    places: [program.nation, ...program.regions]
      .filter((p) => placeCodes.has(p.code))
      .map((p) => ({ code: p.code, name: p.name[args.locale] })),
    cells,
    more: owed.length - listed.length,
  };
}
