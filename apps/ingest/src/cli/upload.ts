import { openAsBlob } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const cliEnv = z.object({
  SPM_TOKEN: z.string().min(1, "set SPM_TOKEN to an API token (npm run spm -- token create ...)"),
  API_URL: z.string().url().optional(),
  API_PORT: z.coerce.number().int().optional(),
});

interface Report {
  status: string;
  counts: Record<string, number>;
  progress: { done: number; total: number };
  errors: { row: number; field: string; code: string; message: string }[];
  warnings?: { row: number; code: string; message: string }[];
  failureReason: string | null;
}

/**
 * `spm upload FILE [--dry-run]`: sends a file to the ingest API as a steward's script would,
 * shows progress on standard error and prints the final report (JSON) on standard output.
 */
export async function runUpload(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "dry-run": { type: "boolean" }, "idempotency-key": { type: "string" } },
  });
  const file = positionals[0];
  if (!file)
    throw new Error(
      "usage: spm upload FILE [--dry-run] [--idempotency-key K]  (SPM_TOKEN in the environment)",
    );
  const env = cliEnv.parse(process.env);
  const api = env.API_URL ?? `http://127.0.0.1:${env.API_PORT ?? 4000}`;
  const headers = { authorization: `Bearer ${env.SPM_TOKEN}` };
  const form = new FormData();
  form.append("file", await openAsBlob(file), basename(file));
  const res = await fetch(`${api}/api/v1/uploads${values["dry-run"] ? "?dryRun=true" : ""}`, {
    method: "POST",
    headers: {
      ...headers,
      ...(values["idempotency-key"] ? { "idempotency-key": values["idempotency-key"] } : {}),
    },
    body: form,
  });
  const accepted = (await res.json()) as { uploadId?: string; detail?: string; title?: string };
  if (!res.ok || !accepted.uploadId)
    throw new Error(`${res.status} ${accepted.detail ?? accepted.title ?? ""}`.trim());
  process.stderr.write(`upload ${accepted.uploadId} accepted\n`);
  let report: Report;
  for (;;) {
    const poll = await fetch(`${api}/api/v1/uploads/${accepted.uploadId}?errorsLimit=10000`, {
      headers,
    });
    report = (await poll.json()) as Report;
    process.stderr.write(
      `\r${report.status} ${report.progress.done}/${report.progress.total} rows`,
    );
    if (report.status === "completed" || report.status === "failed") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stderr.write("\n");
  const c = report.counts;
  process.stderr.write(
    `received ${c.received}: inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}\n`,
  );
  for (const e of report.errors.slice(0, 20))
    process.stderr.write(`  row ${e.row} ${e.field}: ${e.message} [${e.code}]\n`);
  for (const w of (report.warnings ?? []).slice(0, 20))
    process.stderr.write(`  row ${w.row} warning: ${w.message} [${w.code}]\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (report.status === "failed")
    throw new Error(`upload failed: ${report.failureReason ?? "unknown reason"}`);
}
