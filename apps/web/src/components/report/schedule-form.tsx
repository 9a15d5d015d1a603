"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, type Problem } from "~/components/admin/api-client";
import type { ReportsMessages } from "~/i18n/reports";

/** The form's label of a field the API refused (`recipients.2` → the recipients' label). */
function fieldLabel(field: string, t: ReportsMessages["schedule"]): string {
  const name = field.split(".")[0];
  if (name === "program" || name === "frequency" || name === "recipients" || name === "lang")
    return t[name];
  return field;
}

/** A manager's form that schedules a programme's annual report by e-mail (POST /report-schedules). */
export function ScheduleForm(props: {
  programs: { code: string; name: string }[];
  languages: { code: string; name: string }[];
  locale: string;
  t: ReportsMessages["schedule"];
}) {
  const { t } = props;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(form: FormData) {
    setBusy(true);
    setProblem(null);
    const recipients = String(form.get("recipients") ?? "")
      .split(/[\s,;]+/)
      .filter(Boolean);
    const result = await callApi("POST", "report-schedules", {
      program: form.get("program"),
      frequency: form.get("frequency"),
      lang: form.get("lang"),
      recipients,
    });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    router.refresh();
  }

  return (
    <form action={submit} data-schedule-form className="filters">
      <label>
        {t.program}{" "}
        <select name="program" required>
          {props.programs.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        {t.frequency}{" "}
        <select name="frequency" defaultValue="quarterly">
          <option value="monthly">{t.monthly}</option>
          <option value="quarterly">{t.quarterly}</option>
        </select>
      </label>{" "}
      <label>
        {t.lang}{" "}
        <select name="lang" defaultValue={props.locale}>
          {props.languages.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.recipients}
        <textarea name="recipients" rows={2} required />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? t.saving : t.submit}
      </button>
      {problem && (
        <p role="alert">
          {problem.status === 0 ? t.unreachable : t.failed}{" "}
          {[...new Set(problem.invalid.map((i) => fieldLabel(i.field, t)))].join("; ")}
        </p>
      )}
    </form>
  );
}

/** Stops a schedule (DELETE /report-schedules/:id), then shows the list again. */
export function ScheduleDelete(props: { id: string; label: string; text: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      aria-label={props.label}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await callApi("DELETE", `report-schedules/${encodeURIComponent(props.id)}`);
        setBusy(false);
        router.refresh();
      }}
    >
      {props.text}
    </button>
  );
}
