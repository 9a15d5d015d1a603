import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/** One stored status of the read model: an indicator in one place, as of a date. */
export interface StatusSnapshotInput {
  indicator_code: string;
  region_code: string;
  as_of: string;
  current_level: string;
  trajectory_level: string;
  /** The status with its inputs and reason code (what alerts read). */
  status: unknown;
  /** The whole evaluation: series, latest figure and status (what pages read). */
  evaluation: unknown;
  data_version: string;
}

export interface StoredSnapshot {
  indicator_code: string;
  region_code: string;
  as_of: string;
  current_level: string;
  trajectory_level: string;
  evaluation: unknown;
}

/**
 * Writes the snapshots of one indicator (every place at once) and returns how many changed
 * level; the places it no longer has (a region dropped from the programme) are removed.
 */
export async function upsertStatusSnapshots(
  db: Conn,
  code: string,
  rows: readonly StatusSnapshotInput[],
): Promise<number> {
  const before = await db
    .selectFrom("status_snapshots")
    .select(["region_code", "current_level", "trajectory_level"])
    .where("indicator_code", "=", code)
    .execute();
  const previous = new Map(before.map((b) => [b.region_code, b]));
  const places = rows.map((r) => r.region_code);
  const stale = before.filter((b) => !places.includes(b.region_code)).map((b) => b.region_code);
  if (stale.length > 0)
    await db
      .deleteFrom("status_snapshots")
      .where("indicator_code", "=", code)
      .where("region_code", "in", stale)
      .execute();
  if (rows.length === 0) return 0;
  await db
    .insertInto("status_snapshots")
    .values(
      rows.map((r) => ({
        ...r,
        status: JSON.stringify(r.status),
        evaluation: JSON.stringify(r.evaluation),
        computed_at: new Date(),
      })),
    )
    .onConflict((oc) =>
      oc.columns(["indicator_code", "region_code"]).doUpdateSet((eb) => ({
        as_of: eb.ref("excluded.as_of"),
        current_level: eb.ref("excluded.current_level"),
        trajectory_level: eb.ref("excluded.trajectory_level"),
        status: eb.ref("excluded.status"),
        evaluation: eb.ref("excluded.evaluation"),
        computed_at: eb.ref("excluded.computed_at"),
        data_version: eb.ref("excluded.data_version"),
      })),
    )
    .execute();
  return rows.filter((r) => {
    const p = previous.get(r.region_code);
    return !p || p.current_level !== r.current_level || p.trajectory_level !== r.trajectory_level;
  }).length;
}

/** The stored snapshots of some indicators (all when absent) in some places (all when absent). */
export async function listStatusSnapshots(
  db: Conn,
  args: { codes?: readonly string[]; places?: readonly string[] },
): Promise<StoredSnapshot[]> {
  if (args.codes?.length === 0 || args.places?.length === 0) return [];
  let q = db
    .selectFrom("status_snapshots")
    .select([
      "indicator_code",
      "region_code",
      "as_of",
      "current_level",
      "trajectory_level",
      "evaluation",
    ]);
  if (args.codes) q = q.where("indicator_code", "in", [...args.codes]);
  if (args.places) q = q.where("region_code", "in", [...args.places]);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, as_of: String(r.as_of) }));
}

/** When a programme's statuses were last computed, and from which data version. */
export interface ProgramDataStamp {
  programCode: string;
  dataVersion: string;
  computedAt: Date;
}

/** The newest data version and computing time of each programme's stored statuses. */
export async function listProgramDataStamps(db: Conn): Promise<ProgramDataStamp[]> {
  const rows = await db
    .selectFrom("status_snapshots as s")
    .innerJoin("indicators as i", "i.code", "s.indicator_code")
    .where("i.retired_at", "is", null)
    .select((eb) => [
      "i.program_code",
      eb.fn.max("s.data_version").as("version"),
      eb.fn.max("s.computed_at").as("computed_at"),
    ])
    .groupBy("i.program_code")
    .execute();
  return rows.map((r) => ({
    programCode: r.program_code,
    dataVersion: String(r.version),
    computedAt: new Date(r.computed_at),
  }));
}
