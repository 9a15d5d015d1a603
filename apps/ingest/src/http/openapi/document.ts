import { z } from "zod";
import { API_ROUTES, type ApiRoute } from "./routes";
import { problem } from "./schemas";

/** `/users/:id` as OpenAPI writes it: `/users/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, "{$1}");
}

type JsonSchema = Record<string, unknown>;
const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    reused: "inline",
  }) as JsonSchema;
  return rest;
};

const ERRORS: Record<string, string> = {
  "400": "Bad input: `invalid` names each field and why",
  "401": "Not signed in",
  "403": "Signed in below the role this needs",
  "404": "No such thing",
  "422": "Well-formed but refused",
  "429": "Too many requests",
};
const problemAnswer = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function operation(route: ApiRoute) {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query = route.query ? toSchema(route.query, "input") : undefined;
  const properties = (query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const queryParams = Object.entries(properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema,
  }));
  const { ok } = route;
  const success = {
    description: "Success",
    ...(ok.schema
      ? { content: { "application/json": { schema: toSchema(ok.schema, "output") } } }
      : ok.type
        ? { content: Object.fromEntries(ok.type.split(", ").map((t) => [t, {}])) }
        : {}),
  };
  const errors = ["400", "404", "422", "429"].concat(route.role === "public" ? [] : ["401", "403"]);
  return {
    operationId: `${route.method.toLowerCase()}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: route.summary,
    tags: [route.tag],
    "x-min-role": route.role,
    ...(route.role === "public" ? { security: [] } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              [route.bodyType ?? "application/json"]: { schema: toSchema(route.body, "input") },
            },
          },
        }
      : {}),
    responses: {
      [String(ok.status)]: success,
      ...Object.fromEntries(errors.sort().map((s) => [s, problemAnswer(ERRORS[s] ?? "")])),
    },
  };
}

/** The OpenAPI 3.1 document of the API, built from the route table. */
export function buildOpenApiDocument(version = "1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "State Program Monitor API",
      version,
      description:
        "Figures, indicators and their status, uploads, alerts. Errors are RFC 9457 problem+json. " +
        "`x-min-role` names the lowest role an operation needs (`public`: no credentials).",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ session: [] }, { bearer: [] }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: toSchema(problem, "output") },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "spm_session" },
        bearer: { type: "http", scheme: "bearer", description: "An API token" },
      },
    },
  };
}
