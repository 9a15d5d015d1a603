/** Error codes of the use cases; the HTTP edge and the CLI map them to answers. */
export type ServiceErrorCode =
  | "indicator_code_taken"
  | "dhis2_id_taken"
  | "not_found"
  | "conflict"
  | "invalid_rule"
  | "invalid_definition"
  | "stale_version"
  | "invalid_input"
  | "forbidden"
  | "address_not_public"
  | "address_unresolved"
  | "secrets_key_unset"
  | "name_taken"
  | "invalid_source"
  | "out_of_range"
  | "unit_open"
  | "unit_submitted"
  | "unit_approved";

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
