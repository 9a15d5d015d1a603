import { sql, type Transaction } from "kysely";
import type { Db } from "../client";
import type { Database } from "../database";

type Trx = Transaction<Database>;

/** True when synthetic demo figures are loaded. */
export async function hasDemoData(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("uploads")
    .select("id")
    .where("kind", "=", "demo")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Creates the one upload every demo figure belongs to, under the given name. */
export async function createDemoUpload(
  trx: Trx,
  filename: string,
  actor: string,
): Promise<{ id: string; seq: string }> {
  return trx
    .insertInto("uploads")
    .values({
      kind: "demo",
      filename,
      format: "demo",
      status: "completed",
      created_by: actor,
    })
    .returning(["id", "seq"])
    .executeTakeFirstOrThrow();
}

/** Records how many figures the demo upload received, wrote and left alone. */
export async function setDemoUploadCounts(
  trx: Trx,
  id: string,
  counts: { received: number; inserted: number; unchanged: number },
): Promise<void> {
  await trx.updateTable("uploads").set(counts).where("id", "=", id).execute();
}

/** The indicator × place × period of every current figure. */
export async function listFigureKeys(
  trx: Trx,
): Promise<{ indicator: string; region: string; period: string }[]> {
  const rows = await trx
    .selectFrom("observations")
    .select(["indicator_code", "region_code", "period"])
    .execute();
  return rows.map((r) => ({
    indicator: r.indicator_code,
    region: r.region_code,
    period: r.period,
  }));
}

/** The ids of the demo uploads. */
export async function listDemoUploadIds(trx: Trx): Promise<string[]> {
  const rows = await trx.selectFrom("uploads").select("id").where("kind", "=", "demo").execute();
  return rows.map((u) => u.id);
}

/** The indicators the given uploads wrote figures of. */
export async function listIndicatorsOfUploads(trx: Trx, uploadIds: string[]): Promise<string[]> {
  const rows = await trx
    .selectFrom("observation_revisions")
    .select("indicator_code")
    .distinct()
    .where("upload_id", "in", uploadIds)
    .execute();
  return rows.map((t) => t.indicator_code);
}

/** Deletes the given uploads with their figures and revisions; returns how many figures went. */
export async function deleteUploadsWithFigures(trx: Trx, uploadIds: string[]): Promise<number> {
  const { numDeletedRows } = await trx
    .deleteFrom("observations")
    .where("revision_id", "in", (eb) =>
      eb.selectFrom("observation_revisions").select("id").where("upload_id", "in", uploadIds),
    )
    .executeTakeFirst();
  // Real figures that came after a demo one keep their value; only their count of revisions drops.
  await sql`update observations o set revision_count = o.revision_count - 1
    from observation_revisions r where r.upload_id = any(${uploadIds}::uuid[])
    and r.indicator_code = o.indicator_code and r.region_code = o.region_code and r.period = o.period`.execute(
    trx,
  );
  await trx.deleteFrom("observation_revisions").where("upload_id", "in", uploadIds).execute();
  await trx.deleteFrom("uploads").where("id", "in", uploadIds).execute();
  return Number(numDeletedRows);
}
