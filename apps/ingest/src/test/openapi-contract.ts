import type { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import { openApiPath } from "../http/openapi/document";
import { API_ROUTES } from "../http/openapi/routes";

// The contract test's means (apps/ingest/src/http/openapi.test.ts): calls of documented routes
// whose answers are checked against the served document, and the routes answered so far.

export type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
  components: { schemas: Record<string, object> };
};
export type Answer = { content?: Record<string, { schema?: object }> };
export type Operation = { requestBody?: Answer };

let context: { url: () => string; doc: () => Doc | undefined; ajv: Ajv2020 } | undefined;
/** Every route answered through `call`, to check at the end that none of the table was left out. */
export const answered = new Set<string>();

/** Where the API runs and the document it served (read when a call is made). */
export function bindContract(c: NonNullable<typeof context>): void {
  context = c;
}

function bound(): NonNullable<typeof context> {
  if (!context) throw new Error("bindContract first");
  return context;
}

/**
 * Calls a documented route and checks the answer's status and body (or media type) against the
 * document; `raw` sends a body that is not JSON (a file, a YAML definition).
 */
export async function call(
  method: string,
  route: string,
  path: string,
  init: {
    headers?: Record<string, string>;
    body?: unknown;
    raw?: { body: FormData | string; type?: string };
  } = {},
): Promise<Response> {
  const documented = API_ROUTES.find((r) => r.method === method && r.path === route);
  if (!documented) throw new Error(`${method} ${route} is not in the route table`);
  answered.add(`${method} ${route}`);
  const { ajv } = bound();
  const doc = bound().doc();
  // What is sent is what the document says may be sent.
  const operation = doc?.paths[openApiPath(route)]?.[method.toLowerCase()] as Operation | undefined;
  const request = operation?.requestBody?.content?.["application/json"]?.schema;
  if (request && init.body !== undefined)
    expect(ajv.validate(request, init.body), `${method} ${path} request`).toBe(true);
  const res = await fetch(bound().url() + path, {
    method,
    headers: {
      ...init.headers,
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(init.raw?.type ? { "content-type": init.raw.type } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : init.raw?.body,
  });
  const text = await res.clone().text();
  expect(res.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(documented.ok.status);
  const type = res.headers.get("content-type") ?? "";
  const types = documented.ok.type?.split(", ") ?? [];
  if (types.length > 0)
    expect(
      types.some((t) => type.startsWith(t)),
      type,
    ).toBe(true);
  const schema = answerSchema(method, route, res.status);
  if (schema) {
    const validate = ajv.compile(schema);
    const valid = validate(JSON.parse(text));
    expect(validate.errors ?? [], `${method} ${path}: ${text.slice(0, 500)}`).toEqual([]);
    expect(valid).toBe(true);
  }
  return res;
}

/** The documented JSON schema of a route's answer with this status. */
export function answerSchema(method: string, route: string, status = 200): object | undefined {
  const answer =
    bound().doc()?.paths[openApiPath(route)]?.[method.toLowerCase()]?.responses[status];
  return answer?.content?.["application/json"]?.schema;
}

/** Expects the answer, valid as it came, to fail its schema once a listed field is renamed. */
export async function bites(
  res: Response,
  method: string,
  route: string,
  list: string,
  field: string,
) {
  const body = (await res.json()) as Record<string, Record<string, unknown>[]>;
  const { [field]: value, ...rest } = body[list]?.[0] ?? {};
  expect(value, `${method} ${route}: the first of ${list} has ${field}`).toBeDefined();
  const { ajv } = bound();
  const schema = answerSchema(method, route) ?? {};
  expect(ajv.validate(schema, body), `${method} ${route} as answered`).toBe(true);
  const renamed = { ...body, [list]: [{ ...rest, [`${field}_renamed`]: value }] };
  expect(ajv.validate(schema, renamed), `${method} ${route} without ${field}`).toBe(false);
  return body;
}
