import {
  type Database,
  lockedUnitsAmong,
  type ObservationInput,
  type UploadErrorInput,
} from "@spm/db";
import { approvalUnitKey, formatRowError, type ProgramIndex, rowError } from "@spm/kpi";
import type { Transaction } from "kysely";

/**
 * Splits a chunk's valid rows into those it may apply and those for an approved (locked) unit,
 * refused `period_locked`. Call it in the transaction that applies the rows: the units' locks are
 * held until it commits, so an approval cannot slip in between this check and the commit.
 */
export async function refuseLockedRows(
  trx: Transaction<Database>,
  rows: readonly ObservationInput[],
  index: ProgramIndex,
): Promise<{ open: ObservationInput[]; refused: UploadErrorInput[] }> {
  const programOf = (row: ObservationInput) => index.indicators.get(row.indicator)?.program.code;
  const units = rows.flatMap((r) => {
    const program = programOf(r);
    return program ? [{ program, year: r.year, region: r.region }] : [];
  });
  const locked = new Set(
    (await lockedUnitsAmong(trx, units)).map((u) => approvalUnitKey(u.program, u.year, u.region)),
  );
  if (locked.size === 0) return { open: [...rows], refused: [] };
  const open: ObservationInput[] = [];
  const refused: UploadErrorInput[] = [];
  for (const r of rows) {
    const program = programOf(r);
    if (!program || !locked.has(approvalUnitKey(program, r.year, r.region))) {
      open.push(r);
      continue;
    }
    const e = rowError("period", "period_locked", { year: r.year, region: r.region });
    refused.push({ row: r.row ?? 0, ...e, message: formatRowError(e, "en") });
  }
  return { open, refused };
}
