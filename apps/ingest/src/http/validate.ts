import { resolveViewDates, type ViewDates } from "@spm/kpi";
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

/**
 * A view's days as every status and export answer resolves them (a day after today is today,
 * `asOf` defaults to `reportedOn`), or 400 `date_before_program` naming the field.
 */
export function resolveDatesOrThrow(args: Parameters<typeof resolveViewDates>[0]): ViewDates {
  const resolved = resolveViewDates(args);
  if (resolved.ok) return resolved.dates;
  const message = `a day from ${resolved.earliest}, the programme's first year`;
  throw new HttpProblem(400, "Bad Request", `${resolved.field} is before ${resolved.earliest}`, {
    code: resolved.code,
    invalid: [{ field: resolved.field, message }],
  });
}
