// The validation rules and the outlier check on one chunk of an upload, set-based: one query
// reads the stored figures the chunk's checks need, then the pure checks run over the chunk.
import {
  addUploadWarnings,
  listQualityContext,
  type ObservationInput,
  type UploadErrorInput,
  type UploadWarningInput,
} from "@spm/db";
import {
  checkFigureQuality,
  formatRowError,
  type ProgramIndex,
  type QualityIndicator,
  rowError,
} from "@spm/kpi";

export interface ChunkQuality {
  /** The rows that pass (their warnings recorded), in the order given. */
  kept: ObservationInput[];
  /** The errors of the rows an error rule rejects. */
  errors: UploadErrorInput[];
  rejectedRows: number[];
}

/**
 * Checks a chunk's valid rows against the programme's rules and the stored figures, stores the
 * warnings of the rows it keeps on the upload, and returns the rows kept and the rows rejected.
 */
export async function checkChunkQuality(
  trx: Parameters<typeof addUploadWarnings>[0],
  uploadId: string,
  rows: readonly ObservationInput[],
  index: ProgramIndex,
): Promise<ChunkQuality> {
  const indicatorOf = indicatorLookup(index);
  const summed = rows.filter((r) =>
    indicatorOf(r.indicator)?.rules.some((x) => x.rule === "regions_sum_max_national"),
  );
  const stored = await listQualityContext(trx, {
    places: unique(rows, (r) => `${r.indicator}|${r.region}`),
    periods: unique(summed, (r) => `${r.indicator}|${r.period}`),
  });
  const current = new Map(stored.map((f) => [`${f.indicator}|${f.region}|${f.period}`, f.value]));
  const outcomes = checkFigureQuality(rows, stored, indicatorOf);
  const result: ChunkQuality = { kept: [], errors: [], rejectedRows: [] };
  const warnings: UploadWarningInput[] = [];
  for (const [i, row] of rows.entries()) {
    const outcome = outcomes[i] ?? { errors: [], warnings: [] };
    const at = row.row ?? 0;
    if (outcome.errors.length > 0) {
      for (const found of outcome.errors) {
        const e = rowError("value", found.code, found.params);
        result.errors.push({ row: at, ...e, message: formatRowError(e, "en") });
      }
      result.rejectedRows.push(at);
      continue;
    }
    result.kept.push(row);
    // A figure sent again unchanged is no new data: its warnings were given when it came.
    if (current.get(`${row.indicator}|${row.region}|${row.period}`) === row.value) continue;
    for (const found of outcome.warnings) {
      const message = formatRowError(rowError("value", found.code, found.params), "en");
      warnings.push({ ...row, row: at, code: found.code, message, params: { ...found.params } });
    }
  }
  await addUploadWarnings(trx, uploadId, warnings);
  return result;
}

/** The rules, nation and regions of an indicator, looked up once per chunk. */
function indicatorLookup(index: ProgramIndex): (code: string) => QualityIndicator | undefined {
  const known = new Map<string, QualityIndicator>();
  return (code) => {
    const found = known.get(code);
    if (found) return found;
    const entry = index.indicators.get(code);
    if (!entry) return undefined;
    const made = {
      rules: entry.indicator.validation ?? [],
      nation: entry.program.nation,
      regions: entry.program.regions,
    };
    known.set(code, made);
    return made;
  };
}

function unique<T>(rows: readonly T[], keyOf: (r: T) => string): T[] {
  return [...new Map(rows.map((r) => [keyOf(r), r])).values()];
}
