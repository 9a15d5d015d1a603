/** Error codes of the database layer; the HTTP edge maps them to problem+json. */
export type DbErrorCode =
  | "program_invalid"
  | "indicator_code_taken"
  | "not_found"
  | "conflict"
  | "invalid_rule";

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "DbError";
  }
}
