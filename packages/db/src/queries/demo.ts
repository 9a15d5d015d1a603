import { generateDemoFigures, parsePeriod } from "@spm/kpi";
import { sql } from "kysely";
import type { Db } from "../client";
import { recordAudit } from "./audit";
import { loadProgramDefinitions } from "./catalog";
import { applyObservations, type ObservationInput } from "./observations";
import { addStatusWork } from "./status-work";

// Every demo figure carries this source, so pages and exports can label it.
export const DEMO_SOURCE = "Synthetic demo data (npm run spm -- demo load); not an official figure";

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

/**
 * Loads synthetic figures for every programme, as one `demo` upload. A figure that already has
 * a real value is left alone: demo data never overwrites or mixes with real uploads.
 */
export async function loadDemoData(
  db: Db,
  actor: string,
  only?: readonly string[],
): Promise<{ inserted: number; skipped: number }> {
  if (await hasDemoData(db)) return { inserted: 0, skipped: 0 };
  const programs = (await loadProgramDefinitions(db)).filter((p) => !only || only.includes(p.code));
  return db.transaction().execute(async (trx) => {
    const upload = await trx
      .insertInto("uploads")
      .values({
        kind: "demo",
        filename: "synthetic demo data",
        format: "demo",
        status: "completed",
        created_by: actor,
      })
      .returning(["id", "seq"])
      .executeTakeFirstOrThrow();
    const inputs: ObservationInput[] = programs.flatMap((program) =>
      generateDemoFigures(program).map((f) => {
        const parsed = parsePeriod(f.period);
        return {
          indicator: f.indicator,
          region: f.region ?? program.nation.code,
          period: f.period,
          year: parsed.ok ? parsed.period.year : Number(f.period.slice(0, 4)),
          value: f.value,
          source: DEMO_SOURCE,
        };
      }),
    );
    const taken = await trx
      .selectFrom("observations")
      .select(["indicator_code", "region_code", "period"])
      .execute();
    const real = new Set(taken.map((t) => `${t.indicator_code}|${t.region_code}|${t.period}`));
    const fresh = inputs.filter((i) => !real.has(`${i.indicator}|${i.region}|${i.period}`));
    await applyObservations(trx, fresh, {
      uploadId: upload.id,
      uploadSeq: upload.seq,
      author: actor,
    });
    await addStatusWork(trx, [...new Set(fresh.map((f) => f.indicator))], "demo");
    const counts = { inserted: fresh.length, skipped: inputs.length - fresh.length };
    await trx
      .updateTable("uploads")
      .set({ received: inputs.length, inserted: fresh.length, unchanged: counts.skipped })
      .where("id", "=", upload.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: "demo.load",
      entityType: "upload",
      entityId: upload.id,
      after: counts,
    });
    return counts;
  });
}

/** Removes every demo figure and its history; real figures are untouched. */
export async function removeDemoData(db: Db, actor: string): Promise<{ removed: number }> {
  return db.transaction().execute(async (trx) => {
    const demo = (
      await trx.selectFrom("uploads").select("id").where("kind", "=", "demo").execute()
    ).map((u) => u.id);
    if (demo.length === 0) return { removed: 0 };
    const touched = await trx
      .selectFrom("observation_revisions")
      .select("indicator_code")
      .distinct()
      .where("upload_id", "in", demo)
      .execute();
    await addStatusWork(
      trx,
      touched.map((t) => t.indicator_code),
      "demo",
    );
    const { numDeletedRows } = await trx
      .deleteFrom("observations")
      .where("revision_id", "in", (eb) =>
        eb.selectFrom("observation_revisions").select("id").where("upload_id", "in", demo),
      )
      .executeTakeFirst();
    // Real figures that came after a demo one keep their value; only their count of revisions drops.
    await sql`update observations o set revision_count = o.revision_count - 1
      from observation_revisions r where r.upload_id = any(${demo}::uuid[])
      and r.indicator_code = o.indicator_code and r.region_code = o.region_code and r.period = o.period`.execute(
      trx,
    );
    await trx.deleteFrom("observation_revisions").where("upload_id", "in", demo).execute();
    await trx.deleteFrom("uploads").where("id", "in", demo).execute();
    const removed = Number(numDeletedRows);
    await recordAudit(trx, {
      actor,
      action: "demo.remove",
      entityType: "upload",
      entityId: demo.join(","),
      after: { removed },
    });
    return { removed };
  });
}
