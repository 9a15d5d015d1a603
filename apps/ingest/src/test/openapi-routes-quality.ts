import type { Db } from "@spm/db";
import type { ProgramDefinition } from "@spm/kpi";
import { expect } from "vitest";
import { processUpload } from "../ingest/process-upload";
import { call } from "./openapi-contract";

type Headers = Record<string, string>;
type Auth = Record<"viewer" | "steward" | "manager" | "admin", Headers>;

/**
 * Real answers of the contract test for data quality: an outlier sent and processed, the
 * programme's warnings listed, its figure marked for follow-up.
 */
export async function answerQualityRoutes(auth: Auth, program: ProgramDefinition, db: Db) {
  const indicator = program.indicators[1]?.code ?? "";
  const history = [10, 11, 9, 10, 10].map((value, i) => ({
    indicator,
    period: String(2012 + i),
    value,
  }));
  for (const observations of [history, [{ indicator, period: "2017", value: 60 }]]) {
    const res = await call("POST", "/api/v1/observations", "/api/v1/observations", {
      headers: auth.steward,
      body: { observations },
    });
    const { uploadId } = (await res.json()) as { uploadId: string };
    await processUpload(db, uploadId, { now: () => new Date() });
  }
  const listed = await call(
    "GET",
    "/api/v1/data-quality",
    `/api/v1/data-quality?program=${program.code}`,
    { headers: auth.viewer },
  );
  const { warnings } = (await listed.json()) as { warnings: { id: string; code: string }[] };
  expect(warnings.map((w) => w.code)).toContain("outlier");
  await call(
    "POST",
    "/api/v1/data-quality/:id/follow-up",
    `/api/v1/data-quality/${warnings[0]?.id}/follow-up`,
    { headers: auth.steward, body: { followUp: true, comment: "contract test" } },
  );
}
