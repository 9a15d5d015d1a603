"use client";

import type { Locale } from "@spm/kpi";
import type { ImportResult } from "@spm/services";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import type { ProgramsMessages } from "~/i18n/programs";
import styles from "./admin.module.css";
import { type Problem, sendText } from "./api-client";
import { ProblemMessage } from "./problem-message";
import { ProgramDiff } from "./program-diff";
import { programCodeOf } from "./program-file";

interface Chosen {
  code: string;
  text: string;
  contentType: string;
}

/** Upload a programme file: a dry run's diff first, then apply (or apply with force, asked). */
export function ProgramImport(props: {
  labels: ProgramsMessages;
  errors: AdminMessages["errors"];
  locale: Locale;
}) {
  const t = props.labels;
  const router = useRouter();
  const id = useId();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function reset() {
    setPreview(null);
    setApplied(null);
    setProblem(null);
    setMessage(null);
  }

  async function put(file: Chosen, query: string) {
    setBusy(true);
    const result = await sendText<ImportResult>(
      "PUT",
      `programs/${encodeURIComponent(file.code)}${query}`,
      file.text,
      file.contentType,
    );
    setBusy(false);
    if (!result.ok) setProblem(result.problem);
    return result.ok ? result.data : null;
  }

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const file = (new FormData(event.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) return setMessage(t.noFile);
    const text = await file.text().catch(() => null);
    if (text === null) return setMessage(t.unreadable);
    const json = file.name.toLowerCase().endsWith(".json");
    const code = programCodeOf(text, json);
    if (!code) return setMessage(t.noCode);
    const next = { code, text, contentType: json ? "application/json" : "application/yaml" };
    setChosen(next);
    setPreview(await put(next, "?dryRun=true"));
  }

  async function apply(force: boolean) {
    if (!chosen || !preview) return;
    const count = preview.conflicts.length;
    if (force && !window.confirm(format(t.confirmForce, { count }))) return;
    setProblem(null);
    const result = await put(chosen, force ? "?force=true" : "");
    if (!result) return;
    setPreview(null);
    setApplied(result);
    router.refresh();
  }

  return (
    <div data-program-import>
      <form
        className={`form ${styles.form}`}
        onSubmit={check}
        aria-labelledby={`${id}-t`}
        data-form="program-check"
      >
        <h2 id={`${id}-t`}>{t.uploadTitle}</h2>
        <label>
          {t.file}
          <input
            type="file"
            name="file"
            accept=".yaml,.yml,.json"
            required
            aria-describedby={`${id}-h`}
            onChange={reset}
          />
        </label>
        <span id={`${id}-h`} className={styles.hint}>
          {t.fileHint}
        </span>
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        {problem && <ProblemMessage problem={problem} labels={props.errors} fieldLabels={{}} />}
        <button type="submit" disabled={busy}>
          {busy && !preview ? t.checking : t.check}
        </button>
      </form>
      {preview && (
        <section aria-labelledby={`${id}-d`} data-dry-run>
          <h2 id={`${id}-d`}>{t.dryRunTitle}</h2>
          <p role="status">{t.nothingWritten}</p>
          <ProgramDiff result={preview} t={t} locale={props.locale} />
          <div className={styles.buttons}>
            <button type="button" onClick={() => apply(false)} disabled={busy}>
              {busy ? t.applying : t.apply}
            </button>
            {preview.conflicts.length > 0 && (
              <button
                type="button"
                className={styles.danger}
                onClick={() => apply(true)}
                disabled={busy}
              >
                {t.applyForce}
              </button>
            )}
          </div>
        </section>
      )}
      {applied && (
        <section data-import-result={applied.status}>
          <p role="status">{format(t.applied[applied.status], { code: applied.code })}</p>
          <ProgramDiff result={applied} t={t} locale={props.locale} done />
        </section>
      )}
    </div>
  );
}
