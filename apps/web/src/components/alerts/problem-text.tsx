import type { Problem } from "~/components/admin/api-client";
import { format } from "~/i18n";
import type { AlertsMessages } from "~/i18n/alerts";

/** An API error beside an alerts form: a translated headline, then each bad field or the detail. */
export function ProblemText(props: { problem: Problem; t: AlertsMessages["errors"] }) {
  const { problem, t } = props;
  return (
    <div role="alert" className="error" data-problem-status={problem.status}>
      <p>
        {problem.status === 0
          ? t.network
          : problem.invalid.length > 0
            ? t.invalid
            : format(t.failed, { status: problem.status })}
      </p>
      {problem.invalid.length > 0 ? (
        <ul>
          {problem.invalid.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              {i.field}: {i.message}
            </li>
          ))}
        </ul>
      ) : (
        problem.detail && <p className="muted">{problem.detail}</p>
      )}
    </div>
  );
}
