import { ServiceError } from "@spm/services";
import { HttpProblem } from "./problem";

/**
 * A use case's refusal as the answer the edge gives (anything else is passed on unchanged):
 * `not_found` 404, `forbidden` 403, `stale_version` 412, `invalid_input` and
 * `invalid_definition` 422 naming each field, any other code 409.
 */
export function serviceProblem(error: unknown): unknown {
  if (!(error instanceof ServiceError)) return error;
  switch (error.code) {
    case "not_found":
      return new HttpProblem(404, "Not Found", error.message);
    case "forbidden":
      return new HttpProblem(403, "Forbidden", error.message);
    case "stale_version":
      return new HttpProblem(412, "Precondition Failed", error.message, { code: error.code });
    case "invalid_input":
    case "invalid_definition":
      return new HttpProblem(422, "Unprocessable Content", error.message, {
        invalid: error.details.map((d) => ({ field: d.path, message: d.message })),
      });
    default:
      return new HttpProblem(409, "Conflict", error.message);
  }
}
