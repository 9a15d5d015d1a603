// What the ingestion benchmark reads from Postgres around a run (WAL, checkpoints, autovacuum,
// lock waits, the settings in force) and its second baseline: the same durable effect as an
// upload (rows staged, revisions and current values in the real tables), written by hand.
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** The cluster's counters that a run moves: WAL position and bytes, checkpoints, autovacuums. */
export interface PgCounters {
  lsn: string;
  walBytes: number;
  checkpointsTimed: number;
  checkpointsRequested: number;
  autovacuums: number;
  autoanalyzes: number;
}

/** Forces a checkpoint and lets its counters reach the statistics (the checkpointer reports late). */
export async function checkpoint(client: pg.Client): Promise<void> {
  await client.query("checkpoint");
  await new Promise((r) => setTimeout(r, 1000));
}

/** Reads the counters (as an admin: pg_stat_wal and the checkpointer are the cluster's). */
export async function readCounters(client: pg.Client): Promise<PgCounters> {
  const wal = await client.query(
    "select pg_current_wal_lsn()::text as lsn, (select wal_bytes from pg_stat_wal)::float8 as bytes",
  );
  // PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
  const checkpointer = await client.query(
    "select to_regclass('pg_catalog.pg_stat_checkpointer') is not null as v17",
  );
  const cp = await client.query(
    checkpointer.rows[0].v17
      ? "select num_timed::int as timed, num_requested::int as req from pg_stat_checkpointer"
      : "select checkpoints_timed::int as timed, checkpoints_req::int as req from pg_stat_bgwriter",
  );
  const vac = await client.query(`select coalesce(sum(autovacuum_count), 0)::int as v,
    coalesce(sum(autoanalyze_count), 0)::int as a from pg_stat_user_tables`);
  return {
    lsn: wal.rows[0].lsn,
    walBytes: Number(wal.rows[0].bytes),
    checkpointsTimed: cp.rows[0].timed,
    checkpointsRequested: cp.rows[0].req,
    autovacuums: vac.rows[0].v,
    autoanalyzes: vac.rows[0].a,
  };
}

/** What moved between two readings: WAL bytes by LSN (and by pg_stat_wal), checkpoints, vacuums. */
export async function counterDelta(client: pg.Client, before: PgCounters, after: PgCounters) {
  const diff = await client.query("select pg_wal_lsn_diff($1, $2)::float8 as bytes", [
    after.lsn,
    before.lsn,
  ]);
  return {
    walBytes: Number(diff.rows[0].bytes),
    walStatBytes: after.walBytes - before.walBytes,
    checkpoints:
      after.checkpointsTimed +
      after.checkpointsRequested -
      before.checkpointsTimed -
      before.checkpointsRequested,
    checkpointsRequested: after.checkpointsRequested - before.checkpointsRequested,
    autovacuums: after.autovacuums - before.autovacuums,
    autoanalyzes: after.autoanalyzes - before.autoanalyzes,
  };
}

/** The settings the benchmark's cluster runs with (chosen in scripts/bench.mjs). */
export async function readSettings(client: pg.Client): Promise<Record<string, string>> {
  const { rows } = await client.query(`select name, current_setting(name) as value from unnest(
    array['server_version', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout',
      'synchronous_commit', 'fsync', 'full_page_writes', 'wal_compression', 'work_mem',
      'autovacuum']) as name`);
  return Object.fromEntries(rows.map((r: { name: string; value: string }) => [r.name, r.value]));
}

/**
 * Samples the backends waiting on a lock every `everyMs` until stopped: how many samples saw
 * at least one, and the most seen at once (cheap: one pg_stat_activity read a sample).
 */
export function sampleLockWaits(client: pg.Client, everyMs = 200) {
  let samples = 0;
  let waited = 0;
  let most = 0;
  const kinds: Record<string, number> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query(`select wait_event as kind, count(*)::int as n
        from pg_stat_activity where wait_event_type = 'Lock' group by wait_event`);
      const n = rows.reduce((sum: number, r: { n: number }) => sum + r.n, 0);
      for (const r of rows) kinds[r.kind] = (kinds[r.kind] ?? 0) + r.n;
      samples += 1;
      if (n > 0) waited += 1;
      most = Math.max(most, n);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return {
      lockWaitSamples: waited,
      lockSamples: samples,
      lockWaitersMax: most,
      lockKinds: kinds,
    };
  };
}

export interface BenchFigure {
  indicator: string;
  period: string;
  region: string;
  value: number;
}

const CHUNK = 100_000;

/**
 * The second baseline, run by the schema's owner: the rows COPYed into a staging table, then
 * per 100,000 rows one statement that inserts the revisions (provenance: upload, row, author)
 * and the current values into the real tables, foreign keys on, the later upload winning.
 */
export async function sameEffectBaseline(
  ownerUrl: string,
  rows: number,
  figure: (i: number) => BenchFigure,
  nation: string,
): Promise<{ rowsPerSec: number; copyMs: number }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`create table bench_stage (row_number int primary key, indicator text not null,
      region text not null, period text not null, value numeric not null)`);
    const upload = await client.query(`insert into uploads (kind, status, created_by)
      values ('api', 'processing', 'bench') returning id, seq`);
    const { id, seq } = upload.rows[0];
    const started = performance.now();
    const copy = client.query(copyFrom("copy bench_stage from stdin"));
    await pipeline(
      async function* () {
        let lines: string[] = [];
        for (let i = 0; i < rows; i++) {
          const f = figure(i);
          lines.push(`${i + 2}\t${f.indicator}\t${f.region || nation}\t${f.period}\t${f.value}\n`);
          if (lines.length === 5000) {
            yield lines.join("");
            lines = [];
          }
        }
        yield lines.join("");
      },
      copy as unknown as Writable,
    );
    const copyMs = performance.now() - started;
    for (let from = 0; from < rows + 2; from += CHUNK) {
      await client.query(
        `with rev as (
          insert into observation_revisions (indicator_code, region_code, period, year, value,
            upload_row, upload_id, upload_seq, author)
          select indicator, region, period, left(period, 4)::int, value, row_number, $1, $2, 'bench'
          from bench_stage where row_number >= $3 and row_number < $4
          on conflict (indicator_code, region_code, period, upload_seq) do nothing
          returning id, indicator_code, region_code, period, year, value)
        insert into observations (indicator_code, region_code, period, year, value, revision_id,
          upload_seq)
        select indicator_code, region_code, period, year, value, id, $2 from rev
        on conflict (indicator_code, region_code, period) do update set value = excluded.value,
          revision_id = excluded.revision_id, upload_seq = excluded.upload_seq,
          revision_count = observations.revision_count + 1
        where observations.upload_seq < excluded.upload_seq`,
        [id, seq, from, from + CHUNK],
      );
    }
    const seconds = (performance.now() - started) / 1000;
    return { rowsPerSec: rows / seconds, copyMs };
  } finally {
    await client.query("drop table if exists bench_stage");
    await client.end();
  }
}
