// The dashboard benchmark's synthetic programme: monthly regional indicators over many regions,
// loaded as data (programme import), with its figures written straight into the observation
// tables in two set-based statements (set-up, not measured).
import type { Db } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { type ProgramDefinition, programDefinitionSchema } from "@spm/kpi";
import { sql } from "kysely";

const text = (s: string) => ({ en: s, ru: `${s} (ru)`, kk: `${s} (kk)` });
const AGGREGATIONS = ["mean", "last", "sum"] as const;

/** A programme of `indicators` monthly regional indicators over `regions` regions (2018–2022). */
export function buildBenchProgram(shape: {
  indicators: number;
  regions: number;
}): ProgramDefinition {
  const base = buildProgram({
    indicators: Array.from({ length: shape.indicators }, (_, i) => {
      const aggregation = AGGREGATIONS[i % AGGREGATIONS.length] ?? "mean";
      // Sums of twelve months make yearly values twelve times larger: so must the targets be.
      const scale = aggregation === "sum" ? 12 : 1;
      return {
        unit: aggregation === "sum" ? ("number" as const) : ("percent" as const),
        frequency: "monthly" as const,
        aggregation,
        disaggregation: "regional" as const,
        baseline: { year: 2017, value: 40 * scale, source: "bench" },
        targets: Object.fromEntries([50, 60, 70, 80, 90].map((t, k) => [2018 + k, t * scale])),
      };
    }),
  });
  // The factory knows one direction: spread the indicators over four once it has built them.
  return programDefinitionSchema.parse({
    ...base,
    indicators: base.indicators.map((ind, i) => ({ ...ind, direction: `D${(i % 4) + 1}` })),
    directions: [1, 2, 3, 4].map((d) => ({ code: `D${d}`, name: text(`Direction ${d}`) })),
    regions: Array.from({ length: shape.regions }, (_, r) => ({
      code: `ZZ-${String(r + 1).padStart(3, "0")}`,
      name: text(`Region ${r + 1}`),
    })),
  });
}

/** The programme's monthly periods `YYYYMM` from its start year to its end year. */
export function monthsOf(program: ProgramDefinition): string[] {
  const { start, end } = program.years;
  return Array.from({ length: (end - start + 1) * 12 }, (_, i) => {
    const month = String((i % 12) + 1).padStart(2, "0");
    return `${start + Math.floor(i / 12)}${month}`;
  });
}

/**
 * Writes one figure per indicator × region × month as a completed upload: the revisions with
 * one `insert … select` from unnest × generate_series, the current values from those
 * revisions. Values climb from the baseline at a pace that differs per indicator, so the
 * statuses spread over green, amber and red. Returns the number of figures.
 */
export async function loadBenchFigures(db: Db, program: ProgramDefinition): Promise<number> {
  const upload = await db
    .insertInto("uploads")
    .values({
      kind: "seed",
      filename: "dashboard benchmark",
      format: "bench",
      status: "completed",
      created_by: "bench",
      started_at: new Date(),
      finished_at: new Date(),
    })
    .returning(["id", "seq"])
    .executeTakeFirstOrThrow();
  const codes = program.indicators.map((i) => i.code);
  const regions = program.regions.map((r) => r.code);
  const months = monthsOf(program);
  // A level of 40 + pace × (years since 2017), pace 4..16 by indicator, ± 2 by region and a
  // little within the year; percent capped at 100. A sum's twelve months make twelve times it.
  await sql`insert into observation_revisions (indicator_code, region_code, period, year, value,
      upload_id, upload_seq, author)
    select i.code, r.code, m.period, left(m.period, 4)::int,
      round(least(100, 40 + (4 + (i.n % 7) * 2) * (left(m.period, 4)::int - 2017)
        + (r.n % 5) - 2 + ((m.k - 1) % 12) / 12.0)::numeric, 2),
      ${upload.id}::uuid, ${upload.seq}::bigint, 'bench'
    from unnest(${codes}::text[]) with ordinality as i(code, n)
    cross join unnest(${regions}::text[]) with ordinality as r(code, n)
    cross join unnest(${months}::text[]) with ordinality as m(period, k)`.execute(db);
  const { numAffectedRows } = await sql`insert into observations (indicator_code,
      region_code, period, year, value, revision_id, upload_seq)
    select indicator_code, region_code, period, year, value, id, upload_seq
    from observation_revisions where upload_id = ${upload.id}::uuid`.execute(db);
  const figures = Number(numAffectedRows ?? 0);
  await db
    .updateTable("uploads")
    .set({ received: figures, inserted: figures, progress_done: figures, progress_total: figures })
    .where("id", "=", upload.id)
    .execute();
  return figures;
}
