"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { format } from "~/i18n";
import { describeSourceError, type SourcesMessages } from "~/i18n/sources";
import { callApi } from "./api-client";

type Outcome =
  | { kind: "done"; uploadId: string; unchanged: boolean }
  | { kind: "failed"; text: string };

/** "Pull now": the pull runs while the button waits; the upload's report is linked after it. */
export function SourcePull(props: { sourceId: string; labels: SourcesMessages }) {
  const t = props.labels;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function pull() {
    setBusy(true);
    setOutcome(null);
    const result = await callApi<{ uploadId: string; outcome: string }>(
      "POST",
      `sources/${props.sourceId}/pull`,
    );
    setBusy(false);
    if (result.ok)
      setOutcome({
        kind: "done",
        uploadId: result.data.uploadId,
        unchanged: result.data.outcome === "unchanged",
      });
    else {
      const { problem } = result;
      const said = describeSourceError(t, {
        code: problem.code ?? `HTTP ${problem.status}`,
        params: problem.params,
      });
      setOutcome({ kind: "failed", text: format(said.text, said.values) });
    }
    router.refresh();
  }

  return (
    <div data-source-pull={props.sourceId}>
      <button type="button" onClick={pull} disabled={busy}>
        {busy ? t.pulling : t.pullNow}
      </button>
      {outcome?.kind === "done" && (
        <p role="status">
          {outcome.unchanged ? t.unchanged : t.pulled}{" "}
          <a href={`/uploads?upload=${outcome.uploadId}`}>{t.report}</a>
        </p>
      )}
      {outcome?.kind === "failed" && (
        <p role="alert" className="error">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
