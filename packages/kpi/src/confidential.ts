/**
 * What a reader without the `confidential` permission sees of an evaluation (DESIGN "Reports and
 * exports"): every number that is, or reveals, a confidential figure is absent, the mark stays.
 * Levels stay: they are the programme's public result. The one rule every read path applies.
 */
import { isConfidentialFlag } from "./confidential-flag";
import { type IsoDate, yearOfDate } from "./dates";
import { ROW_ERROR_CODES, type RowErrorCode, type RowErrorParams, type RowField } from "./errors";
import type { IndicatorEvaluation } from "./evaluate";
import type { Locale } from "./locales";
import { formatRowError } from "./row-error-messages";
import { computeCurrentStatus } from "./status";
import type { CurrentStatus, IndicatorStatus, ProgramYears, StatusIndicator } from "./status-types";

export { CONFIDENTIAL_FLAG, isConfidentialFlag } from "./confidential-flag";

/** Which parts of an evaluation were withheld from its reader. */
export interface Withheld {
  /** The current status's figure (`actual`, `ratio`) came from a confidential figure. */
  current: boolean;
  /** The trajectory read a confidential figure (projection, ratio, progress, growth). */
  trajectory: boolean;
}

export const NOTHING_WITHHELD: Withheld = { current: false, trajectory: false };

type Latest = NonNullable<IndicatorEvaluation["latest"]>;

/** An evaluation as a reader may see it (a withheld latest value is null), with what was withheld. */
export interface ShownEvaluation extends Omit<IndicatorEvaluation, "latest"> {
  latest: (Omit<Latest, "value"> & { value: number | null }) | null;
  withheld: Withheld;
}

/** The evaluation as its reader may see it: unchanged with the permission, withheld without. */
export function showEvaluation(
  evaluation: IndicatorEvaluation,
  mayReadConfidential: boolean,
): ShownEvaluation {
  if (mayReadConfidential) return { ...evaluation, withheld: NOTHING_WITHHELD };
  return withholdConfidential(evaluation);
}

/**
 * Withholds every value a confidential figure made: its series point and latest value, the
 * current status's `actual` and `ratio` when its year is confidential, and the trajectory's
 * numbers when any point it read is (a projection or growth rate gives the figure back).
 */
export function withholdConfidential(evaluation: IndicatorEvaluation): ShownEvaluation {
  // Stored evaluations from before the mark have no `confidential`: they count as confidential.
  const secret = new Set(
    evaluation.series.filter((p) => p.confidential !== false).map((p) => p.year),
  );
  const { status } = evaluation;
  const current = status.current.year !== null && secret.has(status.current.year);
  const trajectory = status.inputs.points.some((p) => secret.has(p.year));
  const latest = evaluation.latest;
  return {
    ...evaluation,
    series: evaluation.series.map((p) => (secret.has(p.year) ? { ...p, value: null } : p)),
    latest:
      latest && (latest.confidential !== false || secret.has(latest.year))
        ? { ...latest, value: null, confidential: true }
        : latest,
    status: withholdStatus(status, secret, { current, trajectory }),
    withheld: { current, trajectory },
  };
}

function withholdStatus(
  status: IndicatorStatus,
  secret: ReadonlySet<number>,
  withheld: Withheld,
): IndicatorStatus {
  const current = withheld.current
    ? { ...status.current, actual: null, ratio: null }
    : status.current;
  if (!withheld.trajectory) return { ...status, current };
  const progress = status.inputs.progress ? { ...status.inputs.progress, growth: null } : null;
  return {
    current,
    trajectory: { ...status.trajectory, projected: null, ratio: null, score: null, progress: null },
    inputs: {
      ...status.inputs,
      points: status.inputs.points.filter((p) => !secret.has(p.year)),
      progress,
    },
  };
}

/** The status a programme year had at its end, as the indicator page's years table shows it. */
export interface YearStatus {
  year: number;
  status: CurrentStatus;
}

/**
 * The current status each programme year with a value had at its year end (or `asOf`, if
 * earlier), from the full evaluation, then withheld like the rest: a confidential year keeps its
 * level, not its `actual` or `ratio`.
 */
export function showYearStatuses(
  input: {
    indicator: StatusIndicator;
    years: ProgramYears;
    evaluation: IndicatorEvaluation;
    asOf: IsoDate;
  },
  mayReadConfidential: boolean,
): YearStatus[] {
  const { evaluation, years, asOf } = input;
  const series = evaluation.series.flatMap((p) =>
    p.value === null ? [] : [{ year: p.year, value: p.value }],
  );
  const out: YearStatus[] = [];
  for (const point of evaluation.series) {
    if (point.value === null || point.year < years.start || point.year > years.end) continue;
    if (point.year > yearOfDate(asOf)) continue;
    const yearEnd = `${point.year}-12-31`;
    const status = computeCurrentStatus({
      indicator: input.indicator,
      years,
      series,
      asOf: yearEnd < asOf ? yearEnd : asOf,
    });
    const secret = !mayReadConfidential && point.confidential !== false;
    out.push({
      year: point.year,
      status: secret ? { ...status, actual: null, ratio: null } : status,
    });
  }
  return out;
}

/** What a stored figure or revision shows of itself. */
export interface FigureLike {
  value: number;
  flag: string | null;
  note: string | null;
}

/** A figure as its reader may see it: value and note absent when withheld (a note may quote it). */
export type ShownFigure<F extends FigureLike> = Omit<F, "value" | "note"> & {
  value: number | null;
  note: string | null;
  withheld: boolean;
};

/** One figure for a reader: withheld when flagged confidential (or `secret`) and not permitted. */
export function showFigure<F extends FigureLike>(
  figure: F,
  mayReadConfidential: boolean,
  secret = false,
): ShownFigure<F> {
  const withheld = !mayReadConfidential && (secret || isConfidentialFlag(figure.flag));
  return withheld ? { ...figure, value: null, note: null, withheld } : { ...figure, withheld };
}

/**
 * A figure with its revisions for a reader: a figure confidential now withholds every earlier
 * value of itself too (an old revision is the figure, near enough), and any confidential revision.
 */
export function showFigureWithRevisions<
  R extends FigureLike,
  F extends FigureLike & { revisions: readonly R[] },
>(
  figure: F,
  mayReadConfidential: boolean,
): ShownFigure<Omit<F, "revisions">> & { revisions: ShownFigure<R>[] } {
  const { revisions, ...rest } = figure;
  const shown = showFigure(rest, mayReadConfidential);
  return {
    ...shown,
    revisions: revisions.map((r) => showFigure(r, mayReadConfidential, shown.withheld)),
  };
}

/** The mark a withheld value shows instead of its number, in the reader's language. */
export const CONFIDENTIAL_TEXT: Record<Locale, { mark: string; withheld: string }> = {
  en: { mark: "confidential", withheld: "The figure is confidential: its value is withheld." },
  ru: { mark: "конфиденциально", withheld: "Показатель конфиденциален: его значение скрыто." },
  kk: { mark: "құпия", withheld: "Көрсеткіш құпия: оның мәні жасырылған." },
};

/**
 * Whether a reader sees the values of an upload's rows that were sent flagged confidential: the
 * sender typed them; anyone else needs the permission. Actors are written `user:<id>`/`token:<id>`.
 */
export function readsSentConfidential(
  reader: { actor: string; confidential: boolean },
  sender: string | null,
): boolean {
  return reader.confidential || sender === reader.actor;
}

/** A row error as stored with an upload: the flag is the one its row was sent with. */
interface StoredRowError {
  field: string;
  code: string;
  params: unknown;
  message: string;
  flag?: string | null;
}

/**
 * A row error of an upload for one reader: a row sent flagged confidential keeps its code and
 * field, but the value it quotes (its parameter and the sentence) is withheld from a reader who
 * may not read confidential figures (its sender may: they typed it).
 */
export function showRowError<E extends StoredRowError>(
  error: E,
  mayReadConfidential: boolean,
): E & { withheld: boolean } {
  const params = (error.params ?? {}) as RowErrorParams;
  const withheld =
    !mayReadConfidential && isConfidentialFlag(error.flag?.trim()) && params.value !== undefined;
  if (!withheld) return { ...error, withheld };
  const shown = { ...params, value: "…" };
  const known = (ROW_ERROR_CODES as readonly string[]).includes(error.code);
  const message = known
    ? formatRowError(
        { field: error.field as RowField, code: error.code as RowErrorCode, params: shown },
        "en",
      )
    : CONFIDENTIAL_TEXT.en.withheld;
  return { ...error, params: shown, message, withheld };
}
