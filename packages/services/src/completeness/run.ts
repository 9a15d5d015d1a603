/**
 * Completeness of a programme's reporting for a year (DESIGN "Data collection"): per place and per
 * agency, the figures expected, due by the day, received, approved, late and overdue. The figures
 * loaded with the programme (its history) and synthetic demo data are never late.
 */
import { type Db, listApprovedUnits, listFirstReceipts, loadProgramDefinitions } from "@spm/db";
import {
  type Completeness,
  expectedFigures,
  type IsoDate,
  type Receipt,
  receiptKey,
  tallyCompleteness,
  toIsoDate,
} from "@spm/kpi";
import { ServiceError } from "../errors";

export interface ProgramCompleteness extends Completeness {
  program: string;
  year: number;
  asOf: IsoDate;
}

/** The completeness of `program`'s `year` as of `asOf`; 404 unknown programme, 422 a year outside it. */
export async function programCompleteness(
  db: Db,
  args: { program: string; year: number; asOf: IsoDate },
): Promise<ProgramCompleteness> {
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === args.program);
  if (!program) throw new ServiceError("not_found", `no programme ${args.program}`);
  const { start, end } = program.years;
  if (args.year < start || args.year > end) {
    throw new ServiceError("invalid_input", `the programme runs from ${start} to ${end}`, [
      { path: "year", message: `a year from ${start} to ${end}` },
    ]);
  }
  const [found, approvedUnits] = await Promise.all([
    listFirstReceipts(db, { indicators: program.indicators.map((i) => i.code), year: args.year }),
    listApprovedUnits(db, [program.code]),
  ]);
  const approved = new Set(approvedUnits.filter((u) => u.year === args.year).map((u) => u.region));
  const receipts = new Map<string, Receipt>(
    found.map((r) => [
      receiptKey(r),
      { firstOn: toIsoDate(r.firstAt), seeded: r.kind === "seed" || r.kind === "demo" },
    ]),
  );
  const tally = tallyCompleteness(
    expectedFigures(program, args.year),
    receipts,
    (region) => approved.has(region),
    args.asOf,
  );
  return { program: program.code, year: args.year, asOf: args.asOf, ...tally };
}
