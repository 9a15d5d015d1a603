// Staging benchmark: the outbox step's writes alone, without parsing or HTTP: the rows of a
// BENCH_ROWS-row upload (default 200,000) stored by multi-row jsonb inserts (INGEST_STAGE=insert)
// and by COPY into narrow columns (copy), alternated BENCH_ROUNDS times (default 3) on one
// database, each in one transaction after a checkpoint, with its time and WAL bytes a row.
// Prints one JSON line at the end.
import {
  copyStagedRows,
  createDb,
  createUpload,
  migrateAsOwner,
  type StagedRow,
  stageRows,
  withOneConnection,
} from "@spm/db";
import pg from "pg";
import { databaseUrls } from "../processes";
import { checkpoint, counterDelta, readCounters } from "./ingest-pg";
import { note } from "./measure";

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = { insert: 2000, copy: 10_000 } as const;

const rows: StagedRow[] = Array.from({ length: ROWS }, (_, i) => {
  const indicator = `IND_${i % 400}`;
  const period = `${1950 + Math.floor(i / 400 / 12)}${String((((i / 400) % 12) | 0) + 1).padStart(2, "0")}`;
  const region = ["", "ZZ-N", "ZZ-S"][i % 3] as string;
  return {
    row: i + 2,
    raw: { indicator, period, region, value: String((i % 997) + 0.25) },
    figureKey: `${indicator}|${region}|${period}`,
  };
});

const newUpload = { kind: "file", createdBy: "bench", dryRun: false, regionsScope: null } as const;

async function stageOnce(db: ReturnType<typeof createDb>, mode: "insert" | "copy") {
  const batches = (size: number) =>
    Array.from({ length: Math.ceil(ROWS / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  if (mode === "insert") {
    await db.transaction().execute(async (trx) => {
      const upload = await createUpload(trx, newUpload);
      for (const batch of batches(BATCH.insert)) await stageRows(trx, upload.id, batch);
    });
    return;
  }
  await withOneConnection(db, (one, client) =>
    one.transaction().execute(async (trx) => {
      const upload = await createUpload(trx, newUpload);
      for (const batch of batches(BATCH.copy)) await copyStagedRows(client, upload.id, batch);
    }),
  );
}

async function main() {
  const urls = databaseUrls();
  await migrateAsOwner(urls.owner, urls.app);
  const db = createDb(urls.app, { max: 2 });
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  const runs: Record<"insert" | "copy", { ms: number; walBytesPerRow: number }[]> = {
    insert: [],
    copy: [],
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ["insert", "copy"] as const) {
        await checkpoint(admin);
        const before = await readCounters(admin);
        const t0 = performance.now();
        await stageOnce(db, mode);
        const ms = performance.now() - t0;
        const wal = await counterDelta(admin, before, await readCounters(admin));
        const run = { ms: Math.round(ms), walBytesPerRow: Math.round(wal.walBytes / ROWS) };
        runs[mode].push(run);
        note(`${mode}: ${Math.round(ROWS / (ms / 1000))} rows/s, ${run.walBytesPerRow} WAL B/row`);
      }
    }
    const best = (mode: "insert" | "copy") => Math.min(...runs[mode].map((r) => r.ms));
    const result = {
      rows: ROWS,
      rounds: ROUNDS,
      insertRowsPerSec: Math.round(ROWS / (best("insert") / 1000)),
      copyRowsPerSec: Math.round(ROWS / (best("copy") / 1000)),
      speedup: Number((best("insert") / best("copy")).toFixed(2)),
      runs,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await admin.end();
    await db.destroy();
  }
}

await main();
