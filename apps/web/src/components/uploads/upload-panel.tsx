"use client";

import type { Locale } from "@spm/kpi";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { format } from "~/i18n";
import type { UploadsMessages } from "~/i18n/uploads";
import { formatValue } from "~/lib/format";
import { followUpload, sendFile, UploadProblem, type UploadReport } from "./upload-client";
import { UploadReportView } from "./upload-report";

type Sent = { loaded: number; total: number };
type Phase =
  | { kind: "idle" }
  | { kind: "running"; label: string; sent?: Sent; report?: UploadReport }
  | { kind: "preview"; file: File; report: UploadReport }
  | { kind: "done"; report: UploadReport }
  | { kind: "error"; message: string };

/** Choose or drop a file, see a dry-run preview, apply it, follow its progress, read its report. */
export function UploadPanel(props: {
  t: UploadsMessages;
  levels: Record<string, string>;
  locale: Locale;
  limitMb: number;
}) {
  const { t, levels, locale, limitMb } = props;
  const mb = (bytes: number) => formatValue(Math.round(bytes / 104_857.6) / 10, locale);
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [preview, setPreview] = useState(true);
  const [over, setOver] = useState(false);

  async function run(file: File, dryRun: boolean) {
    if (file.size > limitMb * 1024 * 1024) {
      const message = format(t.tooLarge, { size: mb(file.size), limit: limitMb });
      return setPhase({ kind: "error", message });
    }
    const label = format(dryRun ? t.checking : t.sending, { file: file.name });
    setPhase({ kind: "running", label, sent: { loaded: 0, total: file.size } });
    try {
      const id = await sendFile(file, dryRun, (loaded, total) =>
        setPhase({ kind: "running", label, sent: { loaded, total } }),
      );
      const report = await followUpload(id, (r) => setPhase({ kind: "running", label, report: r }));
      if (report.status === "failed") {
        setPhase({
          kind: "error",
          message: format(t.failed, { reason: report.failureReason ?? "" }),
        });
      } else setPhase(dryRun ? { kind: "preview", file, report } : { kind: "done", report });
    } catch (error) {
      setPhase({ kind: "error", message: problemMessage(error, file) });
    }
    router.refresh();
  }

  function problemMessage(error: unknown, file: File): string {
    if (!(error instanceof UploadProblem) || !error.detail) return t.unreachable;
    if (error.code === "upload_too_large")
      return format(t.tooLarge, {
        size: mb(file.size),
        limit: String(error.params?.limitMb ?? limitMb),
      });
    return format(t.problem, { detail: error.detail });
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
          accept=".csv,.txt,.tsv,.xlsx,.json,.xml,text/csv,application/json,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
          <RunningProgress phase={phase} t={t} mb={mb} />
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
          <UploadReportView report={phase.report} t={t} levels={levels} locale={locale} />
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
          <UploadReportView report={phase.report} t={t} levels={levels} locale={locale} />
        </div>
      )}
    </section>
  );
}

/** Bytes sent by the browser, then the server staging the rows, then the worker's progress. */
function RunningProgress(props: {
  phase: Extract<Phase, { kind: "running" }>;
  t: UploadsMessages;
  mb: (bytes: number) => string;
}) {
  const { phase, t, mb } = props;
  const { sent, report } = phase;
  if (report && report.progress.total > 0)
    return (
      <div data-progress="processing">
        <progress value={report.progress.done} max={report.progress.total} />
        <p className="muted">{format(t.processing, { ...report.progress })}</p>
      </div>
    );
  if (sent && sent.loaded < sent.total) {
    const percent = Math.floor((100 * sent.loaded) / Math.max(sent.total, 1));
    return (
      <div data-progress="sending">
        <progress value={sent.loaded} max={sent.total} />
        <p className="muted">
          {format(t.sent, { sent: mb(sent.loaded), size: mb(sent.total), percent })}
        </p>
      </div>
    );
  }
  return (
    <div data-progress="staging">
      <progress />
      <p className="muted">{t.staging}</p>
    </div>
  );
}
