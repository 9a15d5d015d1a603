"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import { callApi, invalidFields, type Problem } from "./api-client";
import { ProblemMessage } from "./problem-message";
import { RegionPicker, readRegions } from "./region-picker";
import { AgencySelect, LangSelect, RoleSelect } from "./role-select";
import type { AgencyOption, RegionOption } from "./types";
import { readText, userFieldLabels } from "./user-fields";

/** Creates a user account through the API, then refreshes the table above it. */
export function UserCreateForm(props: {
  regions: RegionOption[];
  agencies: AgencyOption[];
  labels: AdminMessages;
}) {
  const t = props.labels;
  const router = useRouter();
  const id = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bad = invalidFields(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const regions = readRegions(data);
    const username = String(data.get("username") ?? "").trim();
    setBusy(true);
    setProblem(null);
    setNotice(null);
    const result = await callApi("POST", "users", {
      username,
      password: String(data.get("password") ?? ""),
      role: data.get("role"),
      lang: data.get("lang"),
      displayName: readText(data, "displayName"),
      email: readText(data, "email"),
      regions: regions.length > 0 ? regions : null,
      confidential: data.has("confidential"),
      ...(data.has("agency") ? { agency: readText(data, "agency") } : {}),
    });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    form.reset();
    setNotice(format(t.users.created, { username }));
    router.refresh();
  }

  return (
    <form
      className={`form ${styles.form}`}
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-form="user-create"
    >
      <h2 id={`${id}-title`}>{t.users.createTitle}</h2>
      <label>
        {t.users.username}
        <input
          name="username"
          required
          autoComplete="off"
          aria-describedby={`${id}-username`}
          aria-invalid={bad.has("username") || undefined}
        />
        <span id={`${id}-username`} className={styles.hint}>
          {t.users.usernameHint}
        </span>
      </label>
      <label>
        {t.users.password}
        <input
          name="password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          aria-describedby={`${id}-password`}
          aria-invalid={bad.has("password") || undefined}
        />
        <span id={`${id}-password`} className={styles.hint}>
          {t.users.passwordHint}
        </span>
      </label>
      <label>
        <span>
          {t.users.displayName} <span className={styles.hint}>{t.common.optional}</span>
        </span>
        <input
          name="displayName"
          autoComplete="off"
          aria-invalid={bad.has("displayName") || undefined}
        />
      </label>
      <label>
        <span>
          {t.users.email} <span className={styles.hint}>{t.common.optional}</span>
        </span>
        <input
          name="email"
          type="email"
          autoComplete="off"
          aria-invalid={bad.has("email") || undefined}
        />
      </label>
      <RoleSelect label={t.users.role} roles={t.role} defaultValue="viewer" />
      <LangSelect label={t.users.lang} langs={t.lang} defaultValue="ru" />
      <RegionPicker
        options={props.regions}
        selected={null}
        labels={t.regions}
        invalid={bad.has("regions")}
      />
      <AgencySelect
        label={t.users.agency}
        none={t.users.noAgency}
        agencies={props.agencies}
        defaultValue={null}
        invalid={bad.has("agency")}
      />
      <label className={styles.check}>
        <input type="checkbox" name="confidential" />
        <span>{t.confidential.grant}</span>
      </label>
      {problem && (
        <ProblemMessage problem={problem} labels={t.errors} fieldLabels={userFieldLabels(t)} />
      )}
      <p role="status" className={styles.notice}>
        {notice}
      </p>
      <button type="submit" disabled={busy}>
        {busy ? t.users.creating : t.users.create}
      </button>
    </form>
  );
}
