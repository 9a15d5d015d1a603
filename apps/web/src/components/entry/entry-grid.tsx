"use client";

import { formatRowError, type Locale, parseValue, type Unit } from "@spm/kpi";
import { useRouter } from "next/navigation";
import { type ClipboardEvent, type KeyboardEvent, useId, useRef, useState } from "react";
import { ScrollBox } from "~/components/scroll-box";
import { followUpload, type UploadReport } from "~/components/uploads/upload-client";
import { UploadReportView } from "~/components/uploads/upload-report";
import { format } from "~/i18n";
import type { EntryMessages } from "~/i18n/entry";
import type { UploadsMessages } from "~/i18n/uploads";
import { pastedColumn } from "./paste";
import { sendEntries } from "./send";

/** One figure owed, as the server formatted it for the reader. */
export interface EntryRow {
  key: string;
  indicator: string;
  indicatorName: string;
  unit: Unit;
  unitLabel: string;
  region: string;
  placeName: string;
  period: string;
  /** The period as people say it ("декабрь 2026 г."). */
  periodName: string;
  dueDate: string;
  state: "due" | "overdue";
  current: { text: string; source: string | null } | null;
}

type Phase =
  | { kind: "idle" }
  | { kind: "running"; dryRun: boolean }
  | { kind: "done"; report: UploadReport }
  | { kind: "error"; message: string };

/** A typed value's problem in the reader's language, or null when it reads (or is empty). */
function problemOf(text: string, unit: Unit, locale: Locale): string | null {
  if (text.trim() === "") return null;
  const read = parseValue(text, unit);
  return read.ok
    ? null
    : formatRowError({ field: "value", code: read.code, params: read.params }, locale);
}

/**
 * The grid of figures owed: one input per figure, checked as typed with the uploads' own
 * reading of numbers; Enter moves down, a pasted column fills down from the cell; "preview"
 * sends a dry run, "send" one upload of kind `form` (same Idempotency-Key until the values change).
 */
export function EntryGrid(props: {
  rows: EntryRow[];
  caption: string;
  t: EntryMessages;
  uploadsT: UploadsMessages;
  levels: Record<string, string>;
  locale: Locale;
}) {
  const { rows, t, locale } = props;
  const router = useRouter();
  const id = useId();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [source, setSource] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [notice, setNotice] = useState<string | null>(null);
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const typed = rows.filter((r) => (values[r.key] ?? "").trim() !== "");
  const problems = new Map(
    rows.flatMap((r) => {
      const p = problemOf(values[r.key] ?? "", r.unit, locale);
      return p ? [[r.key, p] as const] : [];
    }),
  );

  function setValue(key: string, text: string) {
    setValues((v) => ({ ...v, [key]: text }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, index: number) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    inputs.current[index + (event.shiftKey ? -1 : 1)]?.focus();
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>, index: number) {
    const column = pastedColumn(event.clipboardData.getData("text/plain"));
    if (column.length < 2) return;
    event.preventDefault();
    const filled = column.slice(0, rows.length - index);
    setValues((v) => {
      const next = { ...v };
      filled.forEach((text, i) => {
        const row = rows[index + i];
        if (row) next[row.key] = text;
      });
      return next;
    });
    setNotice(format(t.pasted, { count: filled.length }));
    inputs.current[Math.min(index + filled.length, rows.length - 1)]?.focus();
  }

  async function submit(dryRun: boolean) {
    setNotice(null);
    if (typed.length === 0) return setPhase({ kind: "error", message: t.nothingTyped });
    if (problems.size > 0) {
      setPhase({ kind: "error", message: format(t.invalid, { count: problems.size }) });
      inputs.current[rows.findIndex((r) => problems.has(r.key))]?.focus();
      return;
    }
    const observations = typed.map((r) => ({
      indicator: r.indicator,
      region: r.region,
      period: r.period,
      value: (values[r.key] ?? "").trim(),
      ...(source.trim() ? { source: source.trim() } : {}),
    }));
    const body = JSON.stringify({ observations, dryRun });
    if (idempotency.current?.body !== body) {
      idempotency.current = { body, key: crypto.randomUUID() };
    }
    setPhase({ kind: "running", dryRun });
    const sent = await sendEntries(body, idempotency.current.key);
    if (!sent.ok)
      return setPhase({ kind: "error", message: format(t.failed, { detail: sent.detail }) });
    const report = await followUpload(sent.uploadId, () => {});
    setPhase({ kind: "done", report });
    if (!dryRun) {
      setValues({});
      idempotency.current = null;
      router.refresh();
    }
  }

  const running = phase.kind === "running";
  return (
    <div className="entry-grid">
      <ScrollBox label={props.caption}>
        <table data-table="entry">
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.indicator}</th>
              <th scope="col">{t.place}</th>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.due}</th>
              <th scope="col">{t.current}</th>
              <th scope="col">{t.value}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, index) => {
              const problem = problems.get(r.key);
              const errorId = `${id}-e${index}`;
              return (
                <tr key={r.key} data-cell={r.key} data-state={r.state}>
                  <th scope="row">
                    {r.indicatorName}
                    <div className="muted">{r.indicator}</div>
                  </th>
                  <td>{r.placeName}</td>
                  <td data-period={r.period}>
                    {r.periodName}
                    {r.periodName !== r.period && <div className="muted">{r.period}</div>}
                  </td>
                  <td data-due={r.state}>
                    <span className={`tag state-${r.state}`}>
                      <span aria-hidden="true">{r.state === "overdue" ? "⚠ " : "◷ "}</span>
                      {t.state[r.state]}
                    </span>{" "}
                    {format(t.dueOn, { date: r.dueDate })}
                  </td>
                  <td data-current>
                    {r.current ? (
                      <>
                        {r.current.text}
                        {r.current.source && <div className="muted">{r.current.source}</div>}
                      </>
                    ) : (
                      <span className="muted">{t.none}</span>
                    )}
                  </td>
                  <td>
                    <input
                      ref={(el) => {
                        inputs.current[index] = el;
                      }}
                      name={`value-${index}`}
                      inputMode="decimal"
                      autoComplete="off"
                      size={10}
                      value={values[r.key] ?? ""}
                      aria-label={format(t.valueLabel, {
                        indicator: r.indicatorName,
                        place: r.placeName,
                        period: r.periodName,
                      })}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? errorId : undefined}
                      onChange={(e) => setValue(r.key, e.target.value)}
                      onKeyDown={(e) => onKeyDown(e, index)}
                      onPaste={(e) => onPaste(e, index)}
                    />
                    {r.unitLabel && <span aria-hidden="true"> {r.unitLabel}</span>}
                    {problem && (
                      <div id={errorId} className="field-error" data-problem>
                        <span aria-hidden="true">✕ </span>
                        {problem}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      <div className="form">
        <label>
          {t.source}
          <input
            name="source"
            maxLength={500}
            value={source}
            aria-describedby={`${id}-source`}
            onChange={(e) => setSource(e.target.value)}
          />
          <span id={`${id}-source`} className="muted">
            {t.sourceHint}
          </span>
        </label>
        <p role="status" data-entry-notice>
          {notice}
        </p>
        <div className="buttons">
          <button
            type="button"
            className="secondary"
            disabled={running}
            onClick={() => submit(true)}
          >
            {running && phase.dryRun ? t.previewing : t.preview}
          </button>
          <button type="button" disabled={running} onClick={() => submit(false)}>
            {running && !phase.dryRun ? t.sending : format(t.send, { count: typed.length })}
          </button>
        </div>
      </div>
      {phase.kind === "error" && (
        <p role="alert" className="error" data-entry-error>
          {phase.message}
        </p>
      )}
      {phase.kind === "done" && (
        <section aria-labelledby={`${id}-report`} data-entry-report={phase.report.id}>
          <h2 id={`${id}-report`}>{phase.report.dryRun ? t.previewTitle : t.sentTitle}</h2>
          <UploadReportView
            report={phase.report}
            t={props.uploadsT}
            levels={props.levels}
            locale={locale}
          />
          <p>
            <a href={`/uploads?upload=${encodeURIComponent(phase.report.id)}`}>{t.openReport}</a>
          </p>
        </section>
      )}
    </div>
  );
}
