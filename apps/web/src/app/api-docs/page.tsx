import { connection } from "next/server";
import { env } from "~/env";
import { getApiDocsMessages } from "~/i18n/api-docs";
import { getMessages } from "~/i18n/server";

// Public like the document it shows (GET /api/v1/openapi.json needs no credentials): the
// operations, grouped by tag, rendered on the server (no script).

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  "x-min-role"?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
type Paths = Record<string, Record<string, Operation>>;

const OPENAPI_URL = "/api/v1/openapi.json";

async function loadPaths(): Promise<Paths | null> {
  try {
    const res = await fetch(env().API_URL + OPENAPI_URL, { cache: "no-store" });
    if (!res.ok) return null;
    return ((await res.json()) as { paths?: Paths }).paths ?? null;
  } catch {
    return null;
  }
}

export default async function ApiDocsPage() {
  await connection();
  const { locale, t } = await getMessages();
  const d = getApiDocsMessages(locale);
  const paths = await loadPaths();
  const operations = Object.entries(paths ?? {}).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? "operations"))];
  const tagName = (tag: string) => (d.tags as Record<string, string>)[tag] ?? tag;
  const summaries = d.operations as Record<string, string>;
  // The document's English summary, marked, where the catalogue has no text for an operation.
  const summaryOf = (op: Operation) => {
    const text = op.operationId ? summaries[op.operationId] : undefined;
    return text ? <p>{text}</p> : <p data-untranslated="">{op.summary}</p>;
  };
  const roleName = (role: string | undefined) =>
    role && role in t.role ? t.role[role as keyof typeof t.role] : d.public;
  return (
    <section className="api-docs">
      <h1>{d.title}</h1>
      <p>
        {d.intro} <a href={OPENAPI_URL}>{d.json}</a>
      </p>
      <p>{d.auth}</p>
      {!paths && <p className="error">{d.unavailable}</p>}
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tagName(tag)}</h2>
          <ul className="api-operations">
            {operations
              .filter((o) => (o.op.tags?.[0] ?? "operations") === tag)
              .map(({ path, method, op }) => {
                const ok = Object.entries(op.responses ?? {}).find(([s]) => s.startsWith("2"));
                return (
                  <li key={`${method} ${path}`}>
                    <p className="api-route">
                      <span className="api-method">{method}</span> <code>{path}</code>
                    </p>
                    {summaryOf(op)}
                    <dl>
                      <dt>{d.role}</dt>
                      <dd>{roleName(op["x-min-role"])}</dd>
                      {(op.parameters ?? []).length > 0 && (
                        <>
                          <dt>{d.parameters}</dt>
                          <dd>
                            {(op.parameters ?? []).map((p, i) => (
                              <span key={`${p.in}-${p.name}`}>
                                {i > 0 && ", "}
                                <code>{p.name}</code> ({p.in}
                                {p.required ? `, ${d.required}` : ""})
                              </span>
                            ))}
                          </dd>
                        </>
                      )}
                      {op.requestBody && (
                        <>
                          <dt>{d.body}</dt>
                          <dd>{Object.keys(op.requestBody.content ?? {}).join(", ")}</dd>
                        </>
                      )}
                      {ok && (
                        <>
                          <dt>{d.answers}</dt>
                          <dd>
                            {ok[0]} {Object.keys(ok[1].content ?? {}).join(", ")}
                          </dd>
                        </>
                      )}
                    </dl>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </section>
  );
}
