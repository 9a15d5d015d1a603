import { type Db, loadProgramDefinitions } from "@spm/db";
import { type Agency, agenciesOf } from "@spm/kpi";
import { ServiceError } from "../errors";

/** Refuses (`invalid_input`, field `agency`) an agency code no loaded programme lists. */
export async function assertAgencyKnown(db: Db, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined) return;
  const known = agenciesOf(await loadProgramDefinitions(db)).map((a) => a.code);
  if (!known.includes(code)) {
    throw new ServiceError("invalid_input", `no programme lists the agency ${code}`, [
      {
        path: "agency",
        message: known.length ? `one of ${known.join(", ")}` : "no programme lists agencies",
      },
    ]);
  }
}

/** Every agency the loaded programmes list (each code once), for pickers. */
export async function listAgencies(db: Db): Promise<Agency[]> {
  return agenciesOf(await loadProgramDefinitions(db));
}
