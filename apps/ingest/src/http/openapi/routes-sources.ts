import { newSourceSchema, sourceChangesSchema } from "@spm/services";
import { z } from "zod";
import { pullsQuery } from "../sources";
import type { ApiRoute } from "./routes";
import * as out from "./schemas";

const when = z.string().describe("an ISO 8601 date-time");

/** A source as answered: the credential's kind and presence (`hasSecret`), never the credential. */
const source = z.looseObject({
  id: z.uuid(),
  program: z.string(),
  name: z.string(),
  kind: z.enum(["dhis2", "url"]),
  url: z.string(),
  dhis2: z.looseObject({}).nullable(),
  authKind: z.enum(["none", "token", "basic"]),
  authUsername: z.string().nullable(),
  hasSecret: z.boolean(),
  everyMinutes: z.number().int(),
  enabled: z.boolean(),
  nextPullAt: when,
  lastPullAt: when.nullable(),
  lastOutcome: z.enum(["uploaded", "unchanged", "failed"]).nullable(),
  lastUploadId: z.uuid().nullable(),
  lastError: z.looseObject({ code: z.string(), params: z.looseObject({}) }).nullable(),
  failures: z.number().int(),
});
const oneSource = z.looseObject({ source });

/** The routes of sources: scheduled pulls into uploads (admins only). */
export const SOURCE_ROUTES: ApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/sources",
    role: "admin",
    tag: "admin",
    summary: "Sources: scheduled pulls from DHIS2 or a CSV/JSON address",
    ok: { status: 200, schema: z.looseObject({ sources: z.array(source) }) },
  },
  {
    method: "POST",
    path: "/api/v1/sources",
    role: "admin",
    tag: "admin",
    summary: "Create a source (its credential is kept sealed and never shown)",
    body: newSourceSchema,
    ok: { status: 201, schema: oneSource },
  },
  {
    method: "GET",
    path: "/api/v1/sources/:id",
    role: "admin",
    tag: "admin",
    summary: "One source with its last pull",
    ok: { status: 200, schema: oneSource },
  },
  {
    method: "PATCH",
    path: "/api/v1/sources/:id",
    role: "admin",
    tag: "admin",
    summary: "Change a source",
    body: sourceChangesSchema,
    ok: { status: 200, schema: oneSource },
  },
  {
    method: "DELETE",
    path: "/api/v1/sources/:id",
    role: "admin",
    tag: "admin",
    summary: "Delete a source (its uploads stay)",
    ok: { status: 204 },
  },
  {
    method: "POST",
    path: "/api/v1/sources/:id/pull",
    role: "admin",
    tag: "admin",
    summary: "Pull a source now into an upload",
    ok: {
      status: 202,
      schema: z.looseObject({
        uploadId: z.uuid(),
        outcome: z.enum(["uploaded", "unchanged"]),
      }),
    },
  },
  {
    method: "GET",
    path: "/api/v1/sources/:id/pulls",
    role: "admin",
    tag: "admin",
    summary: "The uploads a source's pulls made",
    query: pullsQuery,
    ok: { status: 200, schema: z.looseObject({ pulls: z.array(out.upload) }) },
  },
];
