import type { Transaction } from "kysely";
import type { Database } from "../database";
import { applyObservations, type ObservationInput } from "./observations";

/**
 * Stores the historical figures a programme file carries (with their sources) as observation
 * revisions of a `seed` upload named `filename`, so they have the provenance trail of uploads.
 */
export async function storeProgramHistory(
  trx: Transaction<Database>,
  filename: string,
  inputs: ObservationInput[],
  actor: string,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  if (inputs.length === 0) return counts;
  const upload = await trx
    .insertInto("uploads")
    .values({
      kind: "seed",
      filename,
      format: "program",
      status: "completed",
      created_by: actor,
      received: inputs.length,
      progress_total: inputs.length,
      progress_done: inputs.length,
      started_at: new Date(),
      finished_at: new Date(),
    })
    .returning(["id", "seq"])
    .executeTakeFirstOrThrow();
  const outcomes = await applyObservations(trx, inputs, {
    uploadId: upload.id,
    uploadSeq: upload.seq,
    author: actor,
  });
  for (const o of outcomes) if (o !== "rejected") counts[o] += 1;
  await trx.updateTable("uploads").set(counts).where("id", "=", upload.id).execute();
  return counts;
}
