/**
 * What an edit of an indicator's definition would do to its statuses, before it is saved: each
 * programme year's level at the year end (today for the current year) under the stored and the
 * edited definition, through the same engine and validation as the edit itself.
 */

import type { Db } from "@spm/db";
import { listStoredFigures } from "@spm/db";
import {
  evaluateIndicator,
  type IndicatorPreview,
  type IsoDate,
  type ProgramDefinition,
  showEvaluation,
} from "@spm/kpi";
import { ServiceError } from "../errors";
import { figuresCounted } from "../status/figures";
import { findEditableIndicator, patchedProgram } from "./edit";

export interface PreviewYear {
  year: number;
  /** The date the year is judged at: its end, or `asOf` for the year not yet over. */
  asOf: IsoDate;
  before: { level: string; target: number | [number, number] | null };
  /**
   * `level` null: withheld, the year's figure is confidential and the reader may not read it
   * (trying targets against it would tell its value).
   */
  after: { level: string | null; target: number | [number, number] | null };
}

/** Each programme year up to `asOf`'s, before and after the patch, at one place (the nation). */
export async function previewIndicatorEdit(
  db: Db,
  args: { code: string; patch: IndicatorPreview; asOf: IsoDate; mayReadConfidential: boolean },
): Promise<{ code: string; region: string; years: PreviewYear[] }> {
  const { region: asked, ...patch } = args.patch;
  const { program, indicator } = await findEditableIndicator(db, args.code);
  const region = asked ?? program.nation.code;
  if (region !== program.nation.code && !program.regions.some((r) => r.code === region)) {
    throw new ServiceError("invalid_input", `no place ${region} in ${program.code}`, [
      { path: "region", message: "a place of the programme" },
    ]);
  }
  const edited = patchedProgram(program, indicator, patch);
  const stored = (await listStoredFigures(db, { indicators: [args.code] })).get(args.code) ?? [];
  const figures = await figuresCounted(db, program, stored);
  const judge = (p: ProgramDefinition, ind: typeof indicator, asOf: IsoDate) => {
    const e = evaluateIndicator({ program: p, indicator: ind, figures, region, asOf });
    const hidden = showEvaluation(e, args.mayReadConfidential).withheld.current;
    return { level: e.status.current.level, target: e.status.current.target ?? null, hidden };
  };
  const years: PreviewYear[] = [];
  for (let year = program.years.start; year <= program.years.end; year++) {
    const end: IsoDate = `${year}-12-31`;
    const asOf = end < args.asOf ? end : args.asOf;
    if (`${year}-01-01` > args.asOf) break;
    const { hidden: _, ...before } = judge(program, indicator, asOf);
    const { hidden, ...after } = judge(edited.program, edited.indicator, asOf);
    years.push({ year, asOf, before, after: hidden ? { ...after, level: null } : after });
  }
  return { code: args.code, region, years };
}
