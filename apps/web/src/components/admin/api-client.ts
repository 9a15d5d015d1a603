// Browser-side calls to the ingest API through the dashboard's own origin (cookie session).

export interface FieldIssue {
  field: string;
  message: string;
}

/** A failed call: HTTP status (0 when the server was not reached) and the problem+json details. */
export interface Problem {
  status: number;
  detail: string | null;
  invalid: FieldIssue[];
  /** The problem's stable code and its parameters, when it has one. */
  code?: string | null;
  params?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: Problem };

function isIssue(value: unknown): value is FieldIssue {
  const v = value as FieldIssue | null;
  return typeof v?.field === "string" && typeof v?.message === "string";
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Sends one request to `/api/v1/<path>` and reads the JSON answer or the problem+json error. */
export async function callApi<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  return send<T>(method, path, {
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Sends a file's text as it is (e.g. YAML) with its content type; answers as callApi. */
export async function sendText<T>(
  method: "POST" | "PUT",
  path: string,
  text: string,
  contentType: string,
): Promise<ApiResult<T>> {
  return send<T>(method, path, { headers: { "content-type": contentType }, body: text });
}

async function send<T>(
  method: string,
  path: string,
  init: { headers: Record<string, string>; body: string | undefined },
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/${path}`, { method, credentials: "same-origin", ...init });
  } catch {
    return { ok: false, problem: { status: 0, detail: null, invalid: [] } };
  }
  const json = parseJson(await res.text().catch(() => ""));
  if (res.ok) return { ok: true, data: json as T };
  const p = (json ?? {}) as {
    detail?: unknown;
    invalid?: unknown;
    code?: unknown;
    params?: unknown;
  };
  return {
    ok: false,
    problem: {
      status: res.status,
      detail: typeof p.detail === "string" ? p.detail : null,
      invalid: Array.isArray(p.invalid) ? p.invalid.filter(isIssue) : [],
      code: typeof p.code === "string" ? p.code : null,
      params: p.params && typeof p.params === "object" ? (p.params as Record<string, unknown>) : {},
    },
  };
}

/** The top-level field names a problem complains about (`regions.0` → `regions`). */
export function invalidFields(problem: Problem | null): Set<string> {
  return new Set((problem?.invalid ?? []).map((i) => i.field.split(".")[0] ?? i.field));
}
