import type { ColumnType, Generated } from "kysely";

// The tables of managing a programme (issue 15), kept apart from database.ts to keep files short.
type Json<T> = ColumnType<T, string, string>;
type Texts = { en?: string; ru?: string; kk?: string };
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type MaybeStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** One change of an indicator's definition: a manager's edit or an import that changed it. */
export interface IndicatorChangesTable {
  id: Generated<string>;
  indicator_code: string;
  version: number;
  kind: "edit" | "import";
  actor: string;
  reason: string | null;
  changes: Json<{ field: string; before?: unknown; after?: unknown }[]>;
  changed_at: Generated<Date>;
}

/** One version of a narrative (the latest version of a key is the current text). */
export interface NarrativesTable {
  indicator_code: string;
  region_code: string;
  year: number;
  version: number;
  explanation: Json<Texts>;
  measures: Json<Texts> | null;
  author: string;
  written_at: Generated<Date>;
}

/** An approval unit that has left `open` once (no row: open); the latest action's who and when. */
export interface ApprovalsTable {
  program_code: string;
  year: number;
  region_code: string;
  state: "open" | "submitted" | "approved";
  last_action: "submit" | "approve" | "return" | "reopen";
  comment: string | null;
  acted_by: string;
  acted_at: Stamp;
  submitted_by: string | null;
  submitted_at: MaybeStamp;
  approved_by: string | null;
  approved_at: MaybeStamp;
}
