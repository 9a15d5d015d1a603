/**
 * Sources (issue 16): what an administrator may save, how a source is shown (never its secret)
 * and the request a pull makes. Plain data in, plain data out.
 */
import type { SourceDhis2Params, SourceError, SourceRow } from "@spm/db";
import { z } from "zod";

// The floor keeps a source from hammering the instance it reads (DHIS2 jobs run hourly at most
// by default); the ceiling is a month.
export const SOURCE_MIN_MINUTES = 15;
export const SOURCE_MAX_MINUTES = 31 * 24 * 60;
// A DHIS2 identifier: a letter, then ten letters or digits (DHIS2 CodeGenerator).
const UID = z.string().regex(/^[A-Za-z][A-Za-z0-9]{10}$/, "a DHIS2 id: 11 letters or digits");
const PERIOD = z.string().regex(/^[0-9A-Za-z-]{4,20}$/, "a DHIS2 period such as 2021");

const sourceUrl = z
  .url({ protocol: /^https?$/, error: "an http or https address" })
  .max(2000)
  .refine((u) => !new URL(u).username && !new URL(u).password, {
    message: "credentials go in `auth`, never in the address",
  });

export const sourceDhis2Schema = z
  .object({
    dataSets: z.array(UID).min(1).max(50),
    orgUnits: z.array(UID).min(1).max(200),
    children: z.boolean().default(false),
    periods: z.array(PERIOD).min(1).max(100).optional(),
    lastYears: z.int().min(1).max(20).optional(),
  })
  .refine((d) => (d.periods === undefined) !== (d.lastYears === undefined), {
    message: "give either periods or lastYears",
    path: ["periods"],
  });

export const sourceAuthSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("token"), token: z.string().min(1).max(500) }),
  z.object({
    kind: z.literal("basic"),
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(500),
  }),
]);

const fields = {
  program: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(["dhis2", "url"]),
  url: sourceUrl,
  dhis2: sourceDhis2Schema.nullable().optional(),
  auth: sourceAuthSchema.optional(),
  everyMinutes: z.int().min(SOURCE_MIN_MINUTES).max(SOURCE_MAX_MINUTES).default(1440),
  enabled: z.boolean().default(true),
};

const dhis2WithKind = (s: { kind?: string; dhis2?: unknown }) =>
  s.kind !== "dhis2" || (s.dhis2 !== undefined && s.dhis2 !== null);

/** A new source, as the API and the admin page send it. */
export const newSourceSchema = z.object(fields).refine(dhis2WithKind, {
  message: "a DHIS2 source names its dataSets and orgUnits",
  path: ["dhis2"],
});
export type NewSource = z.infer<typeof newSourceSchema>;

/** Changes to a source: the fields given; `auth` given replaces the credential. */
export const sourceChangesSchema = z.object({
  name: fields.name.optional(),
  url: sourceUrl.optional(),
  dhis2: sourceDhis2Schema.nullable().optional(),
  auth: sourceAuthSchema.optional(),
  everyMinutes: z.int().min(SOURCE_MIN_MINUTES).max(SOURCE_MAX_MINUTES).optional(),
  enabled: z.boolean().optional(),
});
export type SourceChanges = z.infer<typeof sourceChangesSchema>;

/** A source as every reader sees it: the credential's kind and presence, never the credential. */
export interface SourceView {
  id: string;
  program: string;
  name: string;
  kind: "dhis2" | "url";
  url: string;
  dhis2: SourceDhis2Params | null;
  authKind: "none" | "token" | "basic";
  authUsername: string | null;
  hasSecret: boolean;
  everyMinutes: number;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  nextPullAt: string;
  lastPullAt: string | null;
  lastOutcome: "uploaded" | "unchanged" | "failed" | null;
  lastUploadId: string | null;
  lastError: SourceError | null;
  failures: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The view of a stored source. */
export function toSourceView(row: SourceRow): SourceView {
  return {
    id: row.id,
    program: row.program_code,
    name: row.name,
    kind: row.kind,
    url: row.url,
    dhis2: row.dhis2,
    authKind: row.auth_kind,
    authUsername: row.auth_username,
    hasSecret: row.secret_sealed !== null,
    everyMinutes: row.every_minutes,
    enabled: row.enabled,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    nextPullAt: iso(row.next_pull_at),
    lastPullAt: row.last_pull_at ? iso(row.last_pull_at) : null,
    lastOutcome: row.last_outcome,
    lastUploadId: row.last_upload_id,
    lastError: row.last_error,
    failures: row.failures,
  };
}

/** The owner a source's secret is sealed for (associated data of the seal). */
export const sourceSecretOwner = (id: string) => `source:${id}`;

/** The GET a pull makes: DHIS2's `dataValueSets` with its parameters, or the address as given. */
export function pullRequestOf(
  source: Pick<SourceRow, "kind" | "url" | "dhis2" | "auth_kind" | "auth_username">,
  secret: string | null,
  today: Date,
): { url: URL; headers: Record<string, string> } {
  const headers: Record<string, string> = { "user-agent": "state-program-monitor" };
  if (source.auth_kind === "token" && secret) headers.authorization = `ApiToken ${secret}`;
  if (source.auth_kind === "basic" && secret) {
    const pair = `${source.auth_username ?? ""}:${secret}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
  }
  if (source.kind !== "dhis2" || !source.dhis2) return { url: new URL(source.url), headers };
  headers.accept = "application/json";
  const url = new URL(`${source.url.replace(/\/+$/, "")}/api/dataValueSets.json`);
  const params = source.dhis2;
  for (const id of params.dataSets) url.searchParams.append("dataSet", id);
  for (const id of params.orgUnits) url.searchParams.append("orgUnit", id);
  if (params.children) url.searchParams.set("children", "true");
  if (params.periods) for (const p of params.periods) url.searchParams.append("period", p);
  else {
    const year = today.getUTCFullYear();
    url.searchParams.set("startDate", `${year - (params.lastYears ?? 1) + 1}-01-01`);
    url.searchParams.set("endDate", `${year}-12-31`);
  }
  return { url, headers };
}
