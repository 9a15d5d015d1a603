import {
  approvalRequestSchema,
  indicatorPatchSchema,
  indicatorPreviewSchema,
  narrativeBodySchema,
} from "@spm/kpi";
import { z } from "zod";
import { importQuery } from "../admin";
import { approvalsQuery } from "../approvals";
import { loginBody } from "../auth";
import { completenessQuery } from "../completeness";
import { exportQuery } from "../exports";
import { historyQuery } from "../indicator-edits";
import { observationQuery, statusListQuery, statusQuery } from "../indicators";
import { missingQuery, narrativeQuery } from "../narratives";
import { QUEUE_BOARD_PATH } from "../queue-board";
import { annualReportQuery } from "../reports";
import { batchBody, detailQuery, uploadQuery } from "../upload-schemas";
import { MANAGE_ROUTES } from "./routes-manage";
import { QUALITY_ROUTES } from "./routes-quality";
import { SOURCE_ROUTES } from "./routes-sources";
import * as out from "./schemas";
import * as managing from "./schemas-managing";

/** Who may call a route: anyone, or a signed-in caller from this role up. */
export type MinRole = "public" | "viewer" | "steward" | "manager" | "admin";

export interface ApiRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The Express path, `:name` for a path parameter. */
  path: string;
  role: MinRole;
  tag: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** How the body is sent, when it is not JSON. */
  bodyType?: string;
  /** The success answer: its status, and a JSON schema or another media type. */
  ok: { status: number; schema?: z.ZodType; type?: string };
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const limit = (max: number) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).optional() });

/** Every route of the API: the OpenAPI document is built from this table. */
export const API_ROUTES: ApiRoute[] = [
  // Operations
  {
    method: "GET",
    path: "/healthz",
    role: "public",
    tag: "operations",
    summary: "Liveness",
    ok: { status: 200, schema: out.alive },
  },
  {
    method: "GET",
    path: "/readyz",
    role: "public",
    tag: "operations",
    summary: "Readiness (database and Redis)",
    ok: { status: 200, schema: out.ready },
  },
  {
    method: "GET",
    path: "/metrics",
    role: "public",
    tag: "operations",
    summary: "Prometheus metrics",
    ok: { status: 200, type: "text/plain" },
  },
  {
    method: "GET",
    path: QUEUE_BOARD_PATH,
    role: "admin",
    tag: "operations",
    summary: "The job queues' board (a web page)",
    ok: { status: 200, type: "text/html" },
  },
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    role: "public",
    tag: "operations",
    summary: "This description of the API (OpenAPI 3.1)",
    ok: { status: 200, schema: out.anyObject },
  },
  // Signing in
  {
    method: "POST",
    path: "/api/v1/auth/login",
    role: "public",
    tag: "auth",
    summary: "Sign in: sets the session cookie",
    body: loginBody,
    ok: { status: 200, schema: out.oneUser },
  },
  {
    method: "POST",
    path: "/api/v1/auth/logout",
    role: "public",
    tag: "auth",
    summary: "Sign out: ends the session",
    ok: { status: 204 },
  },
  {
    method: "GET",
    path: "/api/v1/auth/me",
    role: "viewer",
    tag: "auth",
    summary: "The caller: a user or an API token",
    ok: { status: 200, schema: out.me },
  },
  // Figures and indicators
  {
    method: "GET",
    path: "/api/v1/indicators",
    role: "viewer",
    tag: "indicators",
    summary: "Every indicator with its latest figure and status",
    query: statusListQuery,
    ok: { status: 200, schema: out.indicatorList },
  },
  {
    method: "GET",
    path: "/api/v1/indicators/:code",
    role: "viewer",
    tag: "indicators",
    summary: "One indicator: definition, yearly series and status",
    query: statusQuery,
    ok: { status: 200, schema: out.indicator },
  },
  {
    method: "GET",
    path: "/api/v1/indicators/:code/observations",
    role: "viewer",
    tag: "indicators",
    summary: "The current figures of one indicator",
    query: observationQuery,
    ok: { status: 200, schema: out.observations },
  },
  {
    method: "PATCH",
    path: "/api/v1/indicators/:code",
    role: "manager",
    tag: "indicators",
    summary:
      "Change an indicator's definition with a reason (If-Match: its version; managers of every region)",
    body: indicatorPatchSchema,
    ok: { status: 200, schema: managing.indicatorEdit },
  },
  {
    method: "POST",
    path: "/api/v1/indicators/:code/preview",
    role: "manager",
    tag: "indicators",
    summary: "Each year's status before and after a change of the definition, nothing saved",
    body: indicatorPreviewSchema,
    ok: { status: 200, schema: managing.indicatorPreview },
  },
  {
    method: "GET",
    path: "/api/v1/indicators/:code/history",
    role: "viewer",
    tag: "indicators",
    summary: "Every change of an indicator's definition: who, when, what and why",
    query: historyQuery,
    ok: { status: 200, schema: managing.indicatorHistory },
  },
  {
    method: "PUT",
    path: "/api/v1/indicators/:code/narratives/:year",
    role: "steward",
    tag: "indicators",
    summary:
      "Write a year's narrative at a place (region absent: the nation; stewards for their places)",
    query: narrativeQuery,
    body: narrativeBodySchema,
    ok: { status: 200, schema: managing.narrativeVersion },
  },
  {
    method: "GET",
    path: "/api/v1/indicators/:code/narratives/:year",
    role: "viewer",
    tag: "indicators",
    summary: "A year's narrative at a place, with every earlier version",
    query: narrativeQuery,
    ok: { status: 200, schema: managing.narrative },
  },
  {
    method: "GET",
    path: "/api/v1/narratives/missing",
    role: "manager",
    tag: "indicators",
    summary: "The years whose level needs a narrative and that have none",
    query: missingQuery,
    ok: { status: 200, schema: managing.missingNarratives },
  },
  {
    method: "GET",
    path: "/api/v1/completeness",
    role: "viewer",
    tag: "programs",
    summary:
      "Who has reported what: a programme year's figures expected, due, received, approved, late and overdue, per place and per agency",
    query: completenessQuery,
    ok: { status: 200, schema: managing.completeness },
  },
  {
    method: "GET",
    path: "/api/v1/approvals",
    role: "steward",
    tag: "uploads",
    summary:
      "Each unit (programme × year × place) of a programme: its approval state, who and when, its figures' counts",
    query: approvalsQuery,
    ok: { status: 200, schema: managing.approvalList },
  },
  {
    method: "POST",
    path: "/api/v1/approvals",
    role: "steward",
    tag: "uploads",
    summary:
      "Submit a year's figures at a place (stewards of that place), approve, return with a comment or reopen them (managers of that place); approved figures are locked",
    body: approvalRequestSchema,
    ok: { status: 200, schema: managing.approvalUnit },
  },
  {
    method: "GET",
    path: "/api/v1/programs",
    role: "viewer",
    tag: "programs",
    summary: "The programmes loaded",
    ok: { status: 200, schema: out.programs },
  },
  {
    method: "GET",
    path: "/api/v1/programs/:code/template.:ext",
    role: "viewer",
    tag: "programs",
    summary: "A programme's upload template (ext: csv or xlsx)",
    ok: { status: 200, type: `text/csv, ${XLSX}` },
  },
  {
    method: "PUT",
    path: "/api/v1/programs/:code",
    role: "admin",
    tag: "programs",
    summary:
      "Load or change a programme's definition (YAML or JSON); dryRun=true answers what would change and writes nothing",
    query: importQuery,
    body: out.anyObject,
    bodyType: "application/yaml",
    ok: { status: 200, schema: out.programImported },
  },
  {
    method: "GET",
    path: "/api/v1/programs/:code/definition.yaml",
    role: "admin",
    tag: "programs",
    summary: "A programme's current definition, managers' edits included",
    ok: { status: 200, type: "application/yaml" },
  },
  // Sending figures
  {
    method: "POST",
    path: "/api/v1/observations",
    role: "steward",
    tag: "uploads",
    summary: "Send a batch of figures as JSON",
    query: uploadQuery,
    body: batchBody,
    ok: { status: 202, schema: out.accepted },
  },
  {
    method: "POST",
    path: "/api/v1/uploads",
    role: "steward",
    tag: "uploads",
    summary: "Send a file of figures (CSV, Excel or DHIS2 data values) in the field `file`",
    query: uploadQuery,
    body: z.object({ file: z.string().describe("the file") }),
    bodyType: "multipart/form-data",
    ok: { status: 202, schema: out.accepted },
  },
  {
    method: "GET",
    path: "/api/v1/uploads",
    role: "steward",
    tag: "uploads",
    summary: "Recent uploads (one's own; every one from manager up)",
    query: limit(200),
    ok: { status: 200, schema: out.uploadList },
  },
  {
    method: "GET",
    path: "/api/v1/uploads/:id",
    role: "steward",
    tag: "uploads",
    summary: "An upload's report with its rejected rows",
    query: detailQuery,
    ok: { status: 200, schema: out.upload },
  },
  {
    method: "GET",
    path: "/api/v1/export",
    role: "viewer",
    tag: "programs",
    summary: "Every figure of a programme as CSV, a workbook, JSON or a DHIS2 data value set",
    query: exportQuery,
    ok: { status: 200, type: "text/csv" },
  },
  {
    method: "GET",
    path: "/api/v1/reports/annual.pdf",
    role: "viewer",
    tag: "programs",
    summary: "A programme year's annual report as a PDF (A4), as the reader may see it",
    query: annualReportQuery,
    ok: { status: 200, type: "application/pdf" },
  },
  {
    method: "GET",
    path: "/api/v1/uploads/:id/rejected.csv",
    role: "steward",
    tag: "uploads",
    summary: "An upload's rejected rows as CSV",
    ok: { status: 200, type: "text/csv" },
  },
  {
    method: "POST",
    path: "/api/v1/uploads/:id/retry",
    role: "steward",
    tag: "uploads",
    summary: "Process a failed upload again",
    ok: { status: 202, schema: out.accepted },
  },
  ...MANAGE_ROUTES,
  ...SOURCE_ROUTES,
  ...QUALITY_ROUTES,
];
