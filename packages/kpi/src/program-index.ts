/** A lookup of indicators by code across programmes, so each row validates in O(1). */
import type { IndicatorDefinition, ProgramDefinition } from "./program";

export interface IndexedProgram {
  code: string;
  nation: string;
  /** Codes of the programme's regions (the nation not included). */
  regions: ReadonlySet<string>;
  /** Accepted years of figures: `years.history` (default: the baseline year) to `years.end`. */
  years: { history: number; baseline: number; start: number; end: number };
}

export interface IndexedIndicator {
  program: IndexedProgram;
  indicator: IndicatorDefinition;
}

export interface ProgramIndex {
  programs: readonly IndexedProgram[];
  indicators: ReadonlyMap<string, IndexedIndicator>;
  /** Every region code of every programme, for rows whose indicator is unknown. */
  regions: ReadonlySet<string>;
  nations: ReadonlySet<string>;
}

export type ProgramIndexResult =
  | { ok: true; index: ProgramIndex }
  | { ok: false; code: "duplicate_indicator"; indicator: string; programs: [string, string] };

/** Indexes programmes by indicator code; indicator codes must be unique across programmes. */
export function indexPrograms(programs: readonly ProgramDefinition[]): ProgramIndexResult {
  const indicators = new Map<string, IndexedIndicator>();
  const indexed: IndexedProgram[] = [];
  for (const p of programs) {
    const program: IndexedProgram = {
      code: p.code,
      nation: p.nation.code,
      regions: new Set(p.regions.map((r) => r.code)),
      years: { ...p.years, history: p.years.history ?? p.years.baseline },
    };
    indexed.push(program);
    for (const indicator of p.indicators) {
      const seen = indicators.get(indicator.code);
      if (seen) {
        const pair: [string, string] = [seen.program.code, p.code];
        return {
          ok: false,
          code: "duplicate_indicator",
          indicator: indicator.code,
          programs: pair,
        };
      }
      indicators.set(indicator.code, { program, indicator });
    }
  }
  const index: ProgramIndex = {
    programs: indexed,
    indicators,
    regions: new Set(indexed.flatMap((p) => [...p.regions])),
    nations: new Set(indexed.map((p) => p.nation)),
  };
  return { ok: true, index };
}
