"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import type { AdminMessages } from "~/i18n/admin";
import type { SourcesMessages } from "~/i18n/sources";
import styles from "./admin.module.css";
import { callApi, invalidFields, type Problem } from "./api-client";
import { ProblemMessage } from "./problem-message";

const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** The API's body for the form: DHIS2 parameters for a DHIS2 source, the credential if any. */
function bodyOf(data: FormData) {
  const kind = String(data.get("kind"));
  const auth = String(data.get("authKind"));
  const periods = list(data.get("periods"));
  return {
    program: data.get("program"),
    name: String(data.get("name") ?? "").trim(),
    kind,
    url: String(data.get("url") ?? "").trim(),
    everyMinutes: Number(data.get("everyMinutes")),
    ...(kind === "dhis2"
      ? {
          dhis2: {
            dataSets: list(data.get("dataSets")),
            orgUnits: list(data.get("orgUnits")),
            children: data.has("children"),
            ...(periods.length > 0
              ? { periods }
              : { lastYears: Number(data.get("lastYears") || 1) }),
          },
        }
      : {}),
    auth:
      auth === "token"
        ? { kind: "token", token: data.get("token") }
        : auth === "basic"
          ? { kind: "basic", username: data.get("username"), password: data.get("password") }
          : { kind: "none" },
  };
}

/** Adds a source; the credential fields are write-only (never filled in from the server). */
export function SourceCreateForm(props: {
  programs: string[];
  labels: SourcesMessages;
  errors: AdminMessages["errors"];
}) {
  const t = props.labels;
  const router = useRouter();
  const id = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [kind, setKind] = useState("dhis2");
  const [auth, setAuth] = useState("token");
  const bad = invalidFields(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setProblem(null);
    setDone(false);
    const result = await callApi("POST", "sources", bodyOf(new FormData(form)));
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    form.reset();
    setDone(true);
    router.refresh();
  }

  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input name={name} autoComplete="off" aria-invalid={bad.has(name) || undefined} {...extra} />
    </label>
  );
  const fieldLabels = {
    name: t.name,
    program: t.program,
    url: t.url,
    dhis2: t.dataSets,
    auth: t.auth,
  };
  return (
    <form
      className={`form ${styles.form}`}
      onSubmit={submit}
      aria-labelledby={`${id}-t`}
      data-form="source-create"
    >
      <h2 id={`${id}-t`}>{t.create}</h2>
      {field("name", t.name, { required: true, maxLength: 100 })}
      <label>
        {t.program}
        <select name="program">
          {props.programs.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        {t.kind}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="dhis2">{t.kinds.dhis2}</option>
          <option value="url">{t.kinds.url}</option>
        </select>
      </label>
      {field("url", t.url, { required: true, type: "url", placeholder: "https://" })}
      <span className={styles.hint}>{t.urlHint}</span>
      {kind === "dhis2" && (
        <fieldset>
          {field("dataSets", t.dataSets, { required: true })}
          {field("orgUnits", t.orgUnits, { required: true })}
          <span className={styles.hint}>{t.idsHint}</span>
          <label className={styles.check}>
            <input type="checkbox" name="children" defaultChecked />
            <span>{t.children}</span>
          </label>
          {field("periods", t.periods)}
          <span className={styles.hint}>{t.periodsHint}</span>
          {field("lastYears", t.lastYears, { type: "number", min: 1, max: 20, defaultValue: 2 })}
          <span className={styles.hint}>{t.lastYearsHint}</span>
        </fieldset>
      )}
      <label>
        {t.auth}
        <select name="authKind" value={auth} onChange={(e) => setAuth(e.target.value)}>
          {(["none", "token", "basic"] as const).map((k) => (
            <option key={k} value={k}>
              {t.auths[k]}
            </option>
          ))}
        </select>
      </label>
      {auth === "token" && field("token", t.token, { type: "password", required: true })}
      {auth === "basic" && field("username", t.username, { required: true })}
      {auth === "basic" && field("password", t.password, { type: "password", required: true })}
      {auth !== "none" && <span className={styles.hint}>{t.secretHint}</span>}
      <label>
        {t.every}
        <select name="everyMinutes" defaultValue="1440">
          {Object.entries(t.everies).map(([minutes, label]) => (
            <option key={minutes} value={minutes}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <ProblemMessage problem={problem} labels={props.errors} fieldLabels={fieldLabels} />
      )}
      {done && <p role="status">{t.created}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t.creating : t.create}
      </button>
    </form>
  );
}
