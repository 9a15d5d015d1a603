// The worker's claim of an upload's next rows and the record of their outcomes, two ways: an
// UPDATE of each staged row (`row`), or one row per chunk in upload_chunks whose last row is the
// upload's watermark and whose letters are its rows' outcomes (`chunk`): no staged row rewritten.
import { type ExpressionBuilder, sql, type Transaction } from "kysely";
import type { Database, RowOutcome } from "../database";
import { stagedRaw } from "./upload-copy";

/** How a chunk's outcomes are recorded: one chunk row (the watermark), or an UPDATE of each row. */
export type OutcomeMode = "chunk" | "row";

const LETTER: Record<RowOutcome, string> = {
  inserted: "i",
  updated: "u",
  unchanged: "n",
  rejected: "r",
};

// The last row of the same upload that sets the same figure (that later row wins), or null.
const laterRow = (eb: ExpressionBuilder<Database & { r: Database["upload_rows"] }, "r">) =>
  eb
    .selectFrom("upload_rows as later")
    .select((e) => e.fn.max("later.row_number").as("m"))
    .whereRef("later.upload_id", "=", "r.upload_id")
    .whereRef("later.figure_key", "=", "r.figure_key")
    .whereRef("later.row_number", ">", "r.row_number")
    .as("laterRow");

/**
 * Rows not yet processed, in row order, locked for this job; `laterRow` is the last row of the
 * same upload that sets the same figure (that later row wins), or null. Rows up to a watermark
 * (chunks recorded the other way) are done too.
 */
export async function claimPendingRows(
  trx: Transaction<Database>,
  uploadId: string,
  limit: number,
) {
  return trx
    .selectFrom("upload_rows as r")
    .select(["r.row_number as row", stagedRaw("r").as("raw")])
    .select(laterRow)
    .where("r.upload_id", "=", uploadId)
    .where("r.outcome", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("upload_chunks as c")
            .select("c.last_row")
            .whereRef("c.upload_id", "=", "r.upload_id")
            .whereRef("c.last_row", ">=", "r.row_number"),
        ),
      ),
    )
    .orderBy("r.row_number")
    .limit(limit)
    .forUpdate("r")
    .execute();
}

/**
 * The rows after the upload's watermark not yet processed, as claimPendingRows gives them; the
 * upload's row is locked first, so two jobs of one upload never take the same chunk.
 */
export async function claimRowsAfterWatermark(
  trx: Transaction<Database>,
  uploadId: string,
  limit: number,
) {
  await sql`select 1 from uploads where id = ${uploadId} for update`.execute(trx);
  const { rows } = await sql<{ last: number | null }>`select max(last_row) as last
    from upload_chunks where upload_id = ${uploadId}`.execute(trx);
  const after = rows[0]?.last ?? null;
  let query = trx
    .selectFrom("upload_rows as r")
    .select(["r.row_number as row", stagedRaw("r").as("raw")])
    .select(laterRow)
    .where("r.upload_id", "=", uploadId)
    .where("r.outcome", "is", null)
    .orderBy("r.row_number")
    .limit(limit);
  if (after !== null) query = query.where("r.row_number", ">", after);
  return query.execute();
}

/**
 * The staged row `alias` of the upload has one of these outcomes, recorded on the row or by its
 * chunk. The chunks' rows are one hashed set (a join with upload_row_outcomes can be planned as a
 * nested loop over the unnested chunks: minutes for 30,000 rows).
 */
export function outcomeIn(alias: string, uploadId: string, outcomes: RowOutcome[]) {
  const letters = outcomes.map((o) => LETTER[o]);
  return sql<boolean>`(${sql.ref(`${alias}.outcome`)} = any(${outcomes}::text[])
    or ${sql.ref(`${alias}.row_number`)} in (select o.row_number from upload_chunks c,
      unnest(c.rows, string_to_array(c.outcomes, null)) as o(row_number, letter)
      where c.upload_id = ${uploadId} and o.letter = any(${letters}::text[])))`;
}

/** Adds outcomes to the upload's counts and progress. */
async function addOutcomeCounts(
  trx: Transaction<Database>,
  uploadId: string,
  kinds: readonly RowOutcome[],
): Promise<void> {
  const count = (k: RowOutcome) => kinds.filter((x) => x === k).length;
  await trx
    .updateTable("uploads")
    .set((eb) => ({
      inserted: eb("inserted", "+", count("inserted")),
      updated: eb("updated", "+", count("updated")),
      unchanged: eb("unchanged", "+", count("unchanged")),
      rejected: eb("rejected", "+", count("rejected")),
      progress_done: eb("progress_done", "+", kinds.length),
    }))
    .where("id", "=", uploadId)
    .execute();
}

/** Records each row's outcome and adds them to the upload's counts and progress. */
export async function recordRowOutcomes(
  trx: Transaction<Database>,
  uploadId: string,
  outcomes: readonly { row: number; outcome: RowOutcome }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => o.row);
  const kinds = outcomes.map((o) => o.outcome);
  await sql`update upload_rows u set outcome = v.outcome
    from unnest(${rows}::int[], ${kinds}::text[]) as v(row_number, outcome)
    where u.upload_id = ${uploadId} and u.row_number = v.row_number`.execute(trx);
  await addOutcomeCounts(trx, uploadId, kinds);
}

/** Records a chunk's outcomes as one row (the new watermark) and adds them to the counts. */
export async function recordChunkOutcomes(
  trx: Transaction<Database>,
  uploadId: string,
  outcomes: readonly { row: number; outcome: RowOutcome }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => o.row);
  const last = rows.reduce((a, b) => Math.max(a, b));
  const letters = outcomes.map((o) => LETTER[o.outcome]).join("");
  await sql`insert into upload_chunks (upload_id, last_row, rows, outcomes)
    values (${uploadId}, ${last}, ${rows}::int[], ${letters})`.execute(trx);
  await addOutcomeCounts(
    trx,
    uploadId,
    outcomes.map((o) => o.outcome),
  );
}
