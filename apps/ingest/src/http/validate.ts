import type { z } from "zod";
import { HttpProblem } from "./problem";

function invalid(error: z.ZodError, what: string): HttpProblem {
  return new HttpProblem(400, "Bad Request", `invalid ${what}`, {
    invalid: error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}

/** Parses query parameters with zod, or answers 400 naming every bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const result = schema.safeParse(query);
  if (!result.success) throw invalid(result.error, "query parameters");
  return result.data;
}

/** Parses a JSON body with zod, or answers 400 naming every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw invalid(result.error, "request body");
  return result.data;
}
