import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import type { Problem } from "./api-client";

function headline(problem: Problem, t: AdminMessages["errors"]): string {
  if (problem.status === 0) return t.network;
  if (problem.status === 401) return t.unauthorized;
  if (problem.status === 403) return t.forbidden;
  if (problem.status === 404) return t.notFound;
  if (problem.status === 409) return t.conflict;
  if (problem.invalid.length > 0) return t.invalid;
  return format(t.failed, { status: problem.status });
}

/** An API error next to its form: a translated headline, the server's detail and each bad field. */
export function ProblemMessage(props: {
  id?: string;
  problem: Problem;
  labels: AdminMessages["errors"];
  fieldLabels: Record<string, string>;
}) {
  const { problem, fieldLabels } = props;
  return (
    <div id={props.id} role="alert" className="error" data-problem-status={problem.status}>
      <p>{headline(problem, props.labels)}</p>
      {problem.invalid.length > 0 ? (
        <ul>
          {problem.invalid.map((issue) => {
            const field = issue.field.split(".")[0] ?? issue.field;
            return (
              <li key={`${issue.field}:${issue.message}`}>
                {fieldLabels[field] ?? issue.field}: {issue.message}
              </li>
            );
          })}
        </ul>
      ) : (
        problem.detail && <p className="muted">{problem.detail}</p>
      )}
    </div>
  );
}
