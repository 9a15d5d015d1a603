import type { ColumnType, Generated } from "kysely";

// The tables of managing a programme (issue 15), kept apart from database.ts to keep files short.
type Json<T> = ColumnType<T, string, string>;
type Texts = { en?: string; ru?: string; kk?: string };

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
