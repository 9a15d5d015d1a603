import { z } from "zod";

// The request schemas of the upload routes (the router and the OpenAPI document read them).
const MAX_JSON_ROWS = 50_000;
export const batchBody = z.object({
  observations: z.array(z.unknown()).min(1).max(MAX_JSON_ROWS),
  dryRun: z.boolean().optional(),
  /** `form`: typed into the dashboard's entry grid (the upload's kind); `api` otherwise. */
  kind: z.enum(["api", "form"]).optional(),
});
export const idParam = z.object({ id: z.uuid("not a valid upload id") });
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
export const uploadQuery = z.object({ dryRun: flag.optional() });
export const detailQuery = z.object({
  errorsOffset: z.coerce.number().int().min(0).optional(),
  errorsLimit: z.coerce.number().int().min(1).max(10_000).optional(),
  code: z.string().max(60).optional(),
});
