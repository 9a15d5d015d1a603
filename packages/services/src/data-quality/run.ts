/**
 * The data-quality list (DESIGN.md "Data collection"): the warnings of validation rules and the
 * outlier check on a programme's figures, and the follow-up marks stewards and managers set on
 * those figures, every mark and clearing audited.
 */
import {
  type Actor,
  actorFields,
  clearFollowUp,
  type Db,
  type FollowUpMark,
  findQualityWarning,
  listQualityWarnings,
  loadProgramDefinitions,
  markFollowUp,
  recordAudit,
} from "@spm/db";
import { formatRowError, isConfidentialFlag, type Locale, type QualityCode } from "@spm/kpi";
import { ServiceError } from "../errors";

/** One warning as a reader sees it. */
export interface DataQualityItem {
  id: string;
  indicator: string;
  region: string;
  period: string;
  /** The value sent; null when withheld (a confidential figure, a reader without the right). */
  value: number | null;
  withheld: boolean;
  code: string;
  message: string;
  uploadId: string;
  createdAt: Date;
  followUp: { comment: string | null; by: string; at: Date } | null;
}

const followUpOf = (m: FollowUpMark | null) =>
  m ? { comment: m.comment, by: m.markedBy, at: m.markedAt } : null;

/** A programme's warnings, newest first, in the reader's language; unknown programme 404. */
export async function listDataQuality(
  db: Db,
  query: { program: string; followUp?: boolean; limit?: number; offset?: number },
  reader: { confidential: boolean; locale: Locale },
): Promise<{ program: string; warnings: DataQualityItem[] }> {
  const programs = await loadProgramDefinitions(db);
  if (!programs.some((p) => p.code === query.program))
    throw new ServiceError("not_found", `no programme ${query.program}`);
  const rows = await listQualityWarnings(db, query);
  const warnings = rows.map((w): DataQualityItem => {
    const confidential =
      isConfidentialFlag(w.sentFlag?.trim()) || isConfidentialFlag(w.currentFlag);
    const withheld = confidential && !reader.confidential;
    const sent = Number(w.params.value);
    const shown: Record<string, unknown> = { ...w.params, ...(withheld ? { value: "…" } : {}) };
    const params = Object.fromEntries(
      Object.entries(shown).filter(
        (p): p is [string, string | number] => typeof p[1] === "string" || typeof p[1] === "number",
      ),
    );
    const code = w.code as QualityCode;
    return {
      id: w.id,
      indicator: w.indicator,
      region: w.region,
      period: w.period,
      value: withheld || !Number.isFinite(sent) ? null : sent,
      withheld,
      code: w.code,
      message: formatRowError({ field: "value", code, params }, reader.locale),
      uploadId: w.uploadId,
      createdAt: w.createdAt,
      followUp: followUpOf(w.followUp),
    };
  });
  return { program: query.program, warnings };
}

/**
 * Marks the figure of a warning for follow-up (with a comment) or clears its mark, audited.
 * `places` are the writer's (null: every place): a steward marks their places' figures only.
 */
export async function setFollowUp(
  db: Db,
  input: {
    id: string;
    followUp: boolean;
    comment?: string | null;
    places: readonly string[] | null;
    actor: Actor;
    now: Date;
  },
): Promise<{
  indicator: string;
  region: string;
  period: string;
  followUp: DataQualityItem["followUp"];
}> {
  const figure = await findQualityWarning(db, input.id);
  if (!figure) throw new ServiceError("not_found", `no data-quality warning ${input.id}`);
  if (input.places !== null && !input.places.includes(figure.region))
    throw new ServiceError(
      "forbidden",
      `figures of ${figure.region} are followed up by its own people`,
    );
  const key = { indicator: figure.indicator, region: figure.region, period: figure.period };
  const { actor } = actorFields(input.actor);
  return db.transaction().execute(async (trx) => {
    const mark = { comment: input.comment ?? null, markedBy: actor, markedAt: input.now };
    const before = input.followUp
      ? await markFollowUp(trx, key, mark)
      : await clearFollowUp(trx, key);
    const after = input.followUp ? mark : null;
    // No cached page shows the marks (the page cache keeps the overview, regions and
    // indicator pages only), so the data version stays: pages are not re-rendered for a mark.
    await recordAudit(trx, {
      ...actorFields(input.actor),
      action: input.followUp ? "data_quality.follow_up" : "data_quality.follow_up_clear",
      entityType: "figure",
      entityId: `${key.indicator}:${key.region}:${key.period}`,
      before: { followUp: followUpOf(before) },
      after: { followUp: followUpOf(after), warning: input.id },
    });
    return { ...key, followUp: followUpOf(after) };
  });
}
