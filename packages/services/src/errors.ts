/** Error codes of the use cases; the HTTP edge and the CLI map them to answers. */
export type ServiceErrorCode =
  | "indicator_code_taken"
  | "dhis2_id_taken"
  | "not_found"
  | "conflict"
  | "invalid_rule"
  | "out_of_range";

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ServiceError";
  }
}
