"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi } from "~/components/admin/api-client";
import { format } from "~/i18n";
import type { ApprovalsMessages } from "~/i18n/approvals";

type Action = "submit" | "approve" | "return" | "reopen";

/**
 * The actions the reader may take on one unit (the page decides which by role, place and
 * state); returning asks for a comment. The API checks everything again.
 */
export function ApprovalActions(props: {
  program: string;
  year: number;
  /** The place; absent for the nation. */
  region?: string;
  actions: Action[];
  labels: ApprovalsMessages;
}) {
  const { labels: t } = props;
  const router = useRouter();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  if (props.actions.length === 0) return null;

  const act = async (action: Action) => {
    setBusy(true);
    setMessage(null);
    const result = await callApi<{ state: keyof ApprovalsMessages["states"] }>(
      "POST",
      "approvals",
      {
        program: props.program,
        year: props.year,
        ...(props.region ? { region: props.region } : {}),
        action,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
    );
    setBusy(false);
    if (result.ok) {
      setMessage({ kind: "ok", text: format(t.done, { state: t.states[result.data.state] }) });
      setComment("");
      router.refresh();
      return;
    }
    const { problem } = result;
    const detail =
      problem.status === 0
        ? t.network
        : [problem.detail, ...problem.invalid.map((i) => `${i.field}: ${i.message}`)]
            .filter(Boolean)
            .join("; ");
    setMessage({
      kind: "error",
      text: problem.status === 0 ? detail : format(t.failed, { detail }),
    });
  };

  return (
    <div data-approval-actions>
      {props.actions.includes("return") && (
        <p>
          <label htmlFor={commentId}>{t.commentLabel}</label>
          <br />
          <input
            id={commentId}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
            data-approval-comment
          />
        </p>
      )}
      {props.actions.map((action) => (
        <button
          key={action}
          type="button"
          disabled={busy}
          onClick={() => act(action)}
          data-approval-action={action}
        >
          {t.act[action]}
        </button>
      ))}
      <p role="status" className={message?.kind === "error" ? "error" : undefined}>
        {message?.text}
      </p>
    </div>
  );
}
