"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { callApi, type Problem } from "~/components/admin/api-client";
import type { AlertsMessages } from "~/i18n/alerts";
import { ProblemText } from "./problem-text";

/** Acknowledge (with a comment) and silence-until forms of one alert. */
export function AlertActions(props: {
  id: string;
  firing: boolean;
  silenced: boolean;
  t: AlertsMessages;
}) {
  const { t } = props;
  const router = useRouter();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(path: string, body: unknown, message: string) {
    setBusy(true);
    setProblem(null);
    setDone(null);
    const result = await callApi("POST", `alerts/${props.id}/${path}`, body);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setDone(message);
    router.refresh();
  }

  function acknowledge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void send("ack", { comment: String(data.get("comment") ?? "") }, t.ack.done);
  }

  function silence(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const day = String(data.get("until") ?? "");
    // The end of the chosen day, in the reader's time zone.
    const until = day ? new Date(`${day}T23:59:59`).toISOString() : null;
    const comment = String(data.get("comment") ?? "").trim();
    void send("silence", { until, ...(comment ? { comment } : {}) }, t.silence.done);
  }

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="alert-actions">
      {problem && <ProblemText problem={problem} t={t.errors} />}
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {props.firing && (
        <form onSubmit={acknowledge} aria-labelledby="ack-title" data-ack-form>
          <h2 id="ack-title">{t.ack.title}</h2>
          <p className="muted">{t.ack.help}</p>
          <label>
            {t.ack.comment}
            <textarea name="comment" required maxLength={2000} rows={3} />
          </label>
          <button type="submit" disabled={busy}>
            {t.ack.submit}
          </button>
        </form>
      )}
      <form onSubmit={silence} aria-labelledby="silence-title" data-silence-form>
        <h2 id="silence-title">{t.silence.title}</h2>
        <p className="muted">{t.silence.help}</p>
        <label>
          {t.silence.until}
          <input type="date" name="until" min={tomorrow} required />
        </label>
        <label>
          {t.silence.comment}
          <input type="text" name="comment" maxLength={2000} />
        </label>
        <button type="submit" disabled={busy}>
          {t.silence.submit}
        </button>
      </form>
      {props.silenced && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void send("silence", { until: null }, t.silence.done)}
        >
          {t.silence.lift}
        </button>
      )}
    </div>
  );
}
