/** English catalogue of the uploads page: the shape the other languages must match. */
export const uploadsEn = {
  title: "Uploads",
  intro:
    "Send figures as a CSV or Excel file. Every file is checked first: you see what it would change before anything is written.",
  drop: "Drop a CSV or Excel file here, or choose one",
  choose: "Choose a file",
  preview: "Check first (dry run)",
  checking: "Checking {file}…",
  sending: "Sending {file}…",
  processing: "Processing: {done} of {total} rows",
  previewTitle: "What this file would do",
  previewText:
    "This upload would insert {inserted}, update {updated}, leave {unchanged} unchanged and reject {rejected} rows.",
  apply: "Apply the upload",
  cancel: "Cancel",
  doneTitle: "Upload finished",
  doneText:
    "Inserted {inserted}, updated {updated}, unchanged {unchanged}, rejected {rejected} of {received} rows.",
  failed: "The upload failed: {reason}",
  statusChanges: "Status changes",
  noStatusChanges: "No indicator changes its status.",
  change: "{indicator} ({region}): {from} → {to}",
  errorsTitle: "Rejected rows",
  filterCode: "Show errors of kind",
  allCodes: "all kinds",
  row: "Row",
  field: "Field",
  code: "Code",
  message: "Reason",
  downloadRejected: "Download the rejected rows (CSV) to fix and send again",
  templates: "Templates",
  templateCsv: "{program} — CSV template",
  templateXlsx: "{program} — Excel template",
  history: "Recent uploads",
  noHistory: "No uploads yet. Your first file will appear here with its report.",
  when: "When",
  file: "File",
  state: "State",
  counts: "Inserted / updated / unchanged / rejected",
  dryRun: "check only",
  stateNames: {
    queued: "waiting",
    processing: "processing",
    completed: "completed",
    failed: "failed",
  },
  problem: "The server refused the file: {detail}",
  unreachable: "The server could not be reached. Try again.",
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type UploadsMessages = Widen<typeof uploadsEn>;
