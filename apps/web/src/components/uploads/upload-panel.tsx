"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { format } from "~/i18n";
import type { UploadsMessages } from "~/i18n/uploads";
import { followUpload, sendFile, UploadProblem, type UploadReport } from "./upload-client";
import { UploadReportView } from "./upload-report";

type Phase =
  | { kind: "idle" }
  | { kind: "running"; label: string; report?: UploadReport }
  | { kind: "preview"; file: File; report: UploadReport }
  | { kind: "done"; report: UploadReport }
  | { kind: "error"; message: string };

/** Choose or drop a file, see a dry-run preview, apply it, follow its progress, read its report. */
export function UploadPanel(props: { t: UploadsMessages; levels: Record<string, string> }) {
  const { t, levels } = props;
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [preview, setPreview] = useState(true);
  const [over, setOver] = useState(false);

  async function run(file: File, dryRun: boolean) {
    const label = format(dryRun ? t.checking : t.sending, { file: file.name });
    setPhase({ kind: "running", label });
    try {
      const id = await sendFile(file, dryRun);
      const report = await followUpload(id, (r) => setPhase({ kind: "running", label, report: r }));
      if (report.status === "failed") {
        setPhase({
          kind: "error",
          message: format(t.failed, { reason: report.failureReason ?? "" }),
        });
      } else setPhase(dryRun ? { kind: "preview", file, report } : { kind: "done", report });
    } catch (error) {
      const detail = error instanceof UploadProblem ? error.detail : null;
      setPhase({ kind: "error", message: detail ? format(t.problem, { detail }) : t.unreachable });
    }
    router.refresh();
  }

  const choose = (file: File | undefined) => file && void run(file, preview);
  const busy = phase.kind === "running";
  return (
    <section aria-live="polite">
      <label
        className={`dropzone${over ? " over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!busy) choose(e.dataTransfer.files[0]);
        }}
      >
        <span>{t.drop}</span>
        <input
          type="file"
          name="file"
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            choose(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} />{" "}
        {t.preview}
      </label>
      {phase.kind === "running" && (
        <div>
          <p>{phase.label}</p>
          {phase.report && phase.report.progress.total > 0 && (
            <>
              <progress value={phase.report.progress.done} max={phase.report.progress.total} />
              <p className="muted">{format(t.processing, { ...phase.report.progress })}</p>
            </>
          )}
        </div>
      )}
      {phase.kind === "error" && (
        <p role="alert" className="error">
          {phase.message}
        </p>
      )}
      {phase.kind === "preview" && (
        <div data-preview>
          <h2>{t.previewTitle}</h2>
          <UploadReportView report={phase.report} t={t} levels={levels} />
          <button type="button" onClick={() => void run(phase.file, false)}>
            {t.apply}
          </button>{" "}
          <button type="button" className="link-button" onClick={() => setPhase({ kind: "idle" })}>
            {t.cancel}
          </button>
        </div>
      )}
      {phase.kind === "done" && (
        <div data-done>
          <h2>{t.doneTitle}</h2>
          <UploadReportView report={phase.report} t={t} levels={levels} />
        </div>
      )}
    </section>
  );
}
