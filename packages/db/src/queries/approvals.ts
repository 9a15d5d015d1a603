import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { ApprovalsTable, Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;
export type ApprovalRow = Selectable<ApprovalsTable>;

/** An approval unit: a programme's year at one place (the nation's code for national). */
export interface ApprovalUnit {
  program: string;
  year: number;
  region: string;
}

// One advisory lock per unit: an action takes it exclusively, the worker's apply shares it, so
// a unit cannot be approved between the worker's check and the commit of the rows it let in.
function lockKey(unit: ApprovalUnit): string {
  return `approval:${unit.program}:${unit.year}:${unit.region}`;
}

/** Takes a unit's lock for the caller's transaction (before reading its state to change it). */
export async function lockApprovalUnit(trx: Transaction<Database>, unit: ApprovalUnit) {
  await sql`select pg_advisory_xact_lock(hashtext(${lockKey(unit)}))`.execute(trx);
}

/** A unit's row, or undefined while it has never left `open`. */
export async function findApproval(db: Conn, unit: ApprovalUnit): Promise<ApprovalRow | undefined> {
  return db
    .selectFrom("approvals")
    .selectAll()
    .where("program_code", "=", unit.program)
    .where("year", "=", unit.year)
    .where("region_code", "=", unit.region)
    .executeTakeFirst();
}

/** Writes a unit's new state (inserting its row the first time). */
export async function saveApproval(
  trx: Transaction<Database>,
  row: Omit<ApprovalRow, "acted_at"> & { acted_at: Date },
): Promise<ApprovalRow> {
  const { program_code, year, region_code, ...rest } = row;
  return trx
    .insertInto("approvals")
    .values(row)
    .onConflict((oc) => oc.columns(["program_code", "year", "region_code"]).doUpdateSet(rest))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The rows of a programme's units (optionally one year, one place). */
export async function listApprovals(
  db: Conn,
  filter: { program: string; year?: number; region?: string },
): Promise<ApprovalRow[]> {
  let q = db.selectFrom("approvals").selectAll().where("program_code", "=", filter.program);
  if (filter.year !== undefined) q = q.where("year", "=", filter.year);
  if (filter.region) q = q.where("region_code", "=", filter.region);
  return q.orderBy("year").orderBy("region_code").execute();
}

/** The approved units of some programmes (all when absent). */
export async function listApprovedUnits(
  db: Conn,
  programs?: readonly string[],
): Promise<ApprovalUnit[]> {
  if (programs && programs.length === 0) return [];
  let q = db
    .selectFrom("approvals")
    .select(["program_code", "year", "region_code"])
    .where("state", "=", "approved");
  if (programs) q = q.where("program_code", "in", programs);
  const rows = await q.execute();
  return rows.map((r) => ({ program: r.program_code, year: r.year, region: r.region_code }));
}

/**
 * Of the given units, those approved now, with each unit's lock shared until the caller's
 * transaction ends (taken in one order, so two callers never wait on each other in a cycle).
 */
export async function lockedUnitsAmong(
  trx: Transaction<Database>,
  units: readonly ApprovalUnit[],
): Promise<ApprovalUnit[]> {
  if (units.length === 0) return [];
  const keys = [...new Set(units.map(lockKey))].sort();
  await sql`select count(pg_advisory_xact_lock_shared(hashtext(k)))
    from (select unnest(${keys}::text[]) as k order by 1) as sorted`.execute(trx);
  const rows = await trx
    .selectFrom("approvals")
    .select(["program_code", "year", "region_code"])
    .where("state", "=", "approved")
    .where((eb) =>
      eb.or(
        units.map((u) =>
          eb.and([
            eb("program_code", "=", u.program),
            eb("year", "=", u.year),
            eb("region_code", "=", u.region),
          ]),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({ program: r.program_code, year: r.year, region: r.region_code }));
}

/** Current figures per year and place of some indicators: how many, of how many indicators. */
export async function countUnitFigures(
  db: Conn,
  filter: { indicators: readonly string[]; year?: number; region?: string },
): Promise<{ year: number; region: string; figures: number; indicators: number }[]> {
  if (filter.indicators.length === 0) return [];
  let q = db
    .selectFrom("observations")
    .select((eb) => [
      "year",
      "region_code",
      eb.fn.countAll<string>().as("figures"),
      eb.fn.count<string>("indicator_code").distinct().as("indicators"),
    ])
    .where("indicator_code", "in", filter.indicators);
  if (filter.year !== undefined) q = q.where("year", "=", filter.year);
  if (filter.region) q = q.where("region_code", "=", filter.region);
  const rows = await q.groupBy(["year", "region_code"]).execute();
  return rows.map((r) => ({
    year: r.year,
    region: r.region_code,
    figures: Number(r.figures),
    indicators: Number(r.indicators),
  }));
}
