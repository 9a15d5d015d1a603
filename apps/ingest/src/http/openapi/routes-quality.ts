import { z } from "zod";
import { dataQualityQuery, followUpBody } from "../data-quality";
import type { ApiRoute } from "./routes";

const when = z.string().describe("an ISO 8601 date-time");
const followUp = z
  .looseObject({ comment: z.string().nullable(), by: z.string(), at: when })
  .nullable();

const qualityList = z.looseObject({
  program: z.string(),
  warnings: z.array(
    z.looseObject({
      id: z.string(),
      indicator: z.string(),
      region: z.string(),
      period: z.string(),
      value: z.number().nullable(),
      withheld: z.boolean(),
      code: z.string(),
      message: z.string(),
      uploadId: z.string(),
      createdAt: when,
      followUp,
    }),
  ),
});

const followUpAnswer = z.looseObject({
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  followUp,
});

/** The routes of data quality: the warnings of a programme's figures and follow-up marks. */
export const QUALITY_ROUTES: ApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/data-quality",
    role: "viewer",
    tag: "uploads",
    summary: "The warnings of validation rules and outliers on a programme's figures",
    query: dataQualityQuery,
    ok: { status: 200, schema: qualityList },
  },
  {
    method: "POST",
    path: "/api/v1/data-quality/:id/follow-up",
    role: "steward",
    tag: "uploads",
    summary: "Mark a warning's figure for follow-up, or clear the mark (stewards for their places)",
    body: followUpBody,
    ok: { status: 200, schema: followUpAnswer },
  },
];
