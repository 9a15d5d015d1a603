// The tables of recording an upload's outcomes by chunk (issue 14), apart from database.ts to
// keep files short.
import type { RowOutcome } from "./database";

/** A processed chunk of an upload: its last row is the watermark, one letter a row's outcome. */
export interface UploadChunksTable {
  upload_id: string;
  last_row: number;
  rows: number[];
  outcomes: string;
}

/** Every processed row's outcome, whether recorded on the row or by its chunk (a view). */
export interface UploadRowOutcomesView {
  upload_id: string;
  row_number: number;
  outcome: RowOutcome;
}
