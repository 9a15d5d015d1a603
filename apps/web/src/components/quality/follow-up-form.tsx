"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { callApi, type Problem } from "~/components/admin/api-client";
import { format } from "~/i18n";
import type { QualityMessages } from "~/i18n/quality";

/** Marks a warning's figure for follow-up (with a comment), or clears its mark. */
export function FollowUpForm(props: { id: string; marked: boolean; t: QualityMessages }) {
  const { t } = props;
  const router = useRouter();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const comment = String(new FormData(event.currentTarget).get("comment") ?? "").trim();
    setBusy(true);
    setProblem(null);
    const body = props.marked ? { followUp: false } : { followUp: true, comment: comment || null };
    const result = await callApi("POST", `data-quality/${props.id}/follow-up`, body);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="follow-up" data-follow-up-form={props.id}>
      {!props.marked && (
        <label>
          <span className="visually-hidden">{t.comment}</span>
          <input type="text" name="comment" maxLength={2000} placeholder={t.comment} />
        </label>
      )}
      <button type="submit" disabled={busy}>
        {props.marked ? t.clear : t.mark}
      </button>
      {problem && (
        <p role="alert" className="error">
          {problem.status === 0 ? t.network : format(t.failed, { status: problem.status })}
        </p>
      )}
    </form>
  );
}
