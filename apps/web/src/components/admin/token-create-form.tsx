"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import { callApi, invalidFields, type Problem } from "./api-client";
import { ProblemMessage } from "./problem-message";
import { RegionPicker, readRegions } from "./region-picker";
import { RoleSelect } from "./role-select";
import { TokenSecret } from "./token-secret";
import type { RegionOption } from "./types";

interface Created {
  token: string;
  info: { id: string; name: string };
}

/** The end of the chosen day in UTC, so a token "valid until 31 May" still works on 31 May. */
function endOfDay(date: string): string | undefined {
  return date ? `${date}T23:59:59.999Z` : undefined;
}

/** Creates an API token and shows its secret once; the table refreshes behind it. */
export function TokenCreateForm(props: {
  regions: RegionOption[];
  today: string;
  /** The last day a token may live to (TOKEN_MAX_DAYS ahead). */
  latest: string;
  labels: AdminMessages;
}) {
  const t = props.labels;
  const router = useRouter();
  const id = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const bad = invalidFields(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const regions = readRegions(data);
    setBusy(true);
    setProblem(null);
    setCreated(null);
    const result = await callApi<Created>("POST", "tokens", {
      name: String(data.get("name") ?? "").trim(),
      role: data.get("role"),
      regions: regions.length > 0 ? regions : null,
      confidential: data.has("confidential"),
      expiresAt: endOfDay(String(data.get("expiresAt") ?? "")),
    });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    form.reset();
    setCreated(result.data);
    router.refresh();
  }

  const fieldLabels = {
    name: t.tokens.name,
    role: t.tokens.role,
    regions: t.tokens.regions,
    confidential: t.confidential.grant,
    expiresAt: t.tokens.expiry,
  };
  return (
    <>
      {created && (
        <TokenSecret
          name={created.info.name}
          secret={created.token}
          labels={t.tokens}
          onDone={() => setCreated(null)}
        />
      )}
      <form
        className={`form ${styles.form}`}
        onSubmit={submit}
        aria-labelledby={`${id}-title`}
        data-form="token-create"
      >
        <h2 id={`${id}-title`}>{t.tokens.createTitle}</h2>
        <label>
          {t.tokens.name}
          <input
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            aria-describedby={`${id}-name`}
            aria-invalid={bad.has("name") || undefined}
          />
          <span id={`${id}-name`} className={styles.hint}>
            {t.tokens.nameHint}
          </span>
        </label>
        <RoleSelect label={t.tokens.role} roles={t.role} defaultValue="steward" />
        <RegionPicker
          options={props.regions}
          selected={null}
          labels={t.regions}
          invalid={bad.has("regions")}
        />
        <label className={styles.check}>
          <input type="checkbox" name="confidential" aria-describedby={`${id}-confidential`} />
          <span>{t.confidential.grant}</span>
          <span id={`${id}-confidential`} className={styles.hint}>
            {t.confidential.tokenHint}
          </span>
        </label>
        <label>
          <span>
            {t.tokens.expiry} <span className={styles.hint}>{t.common.optional}</span>
          </span>
          <input
            name="expiresAt"
            type="date"
            min={props.today}
            max={props.latest}
            aria-describedby={`${id}-expiry`}
            aria-invalid={bad.has("expiresAt") || undefined}
          />
          <span id={`${id}-expiry`} className={styles.hint}>
            {t.tokens.expiryHint}
          </span>
        </label>
        {problem && (
          <ProblemMessage problem={problem} labels={t.errors} fieldLabels={fieldLabels} />
        )}
        <button type="submit" disabled={busy}>
          {busy ? t.tokens.creating : t.tokens.create}
        </button>
      </form>
    </>
  );
}
