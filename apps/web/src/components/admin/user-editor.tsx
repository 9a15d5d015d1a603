"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import { callApi, invalidFields, type Problem } from "./api-client";
import { ProblemMessage } from "./problem-message";
import { RegionPicker, readRegions } from "./region-picker";
import { AgencySelect, LangSelect, RoleSelect } from "./role-select";
import type { AgencyOption, RegionOption, UserRow } from "./types";
import { readText, userFieldLabels } from "./user-fields";

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Only what differs from the stored user goes to the API (a PATCH that changes rights ends sessions). */
function changesOf(user: UserRow, data: FormData, isSelf: boolean): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const displayName = readText(data, "displayName");
  const email = readText(data, "email");
  const regions = readRegions(data);
  const password = String(data.get("password") ?? "");
  if (displayName !== user.displayName) changes.displayName = displayName;
  if (email !== user.email) changes.email = email;
  if (data.get("lang") !== user.lang) changes.lang = data.get("lang");
  if (!sameSet(regions, user.regions ?? [])) changes.regions = regions.length ? regions : null;
  if (!isSelf && data.get("role") !== user.role) changes.role = data.get("role");
  if (!isSelf && data.has("disabled") !== user.disabled) changes.disabled = data.has("disabled");
  if (data.has("confidential") !== user.confidential)
    changes.confidential = data.has("confidential");
  if (data.has("agency") && readText(data, "agency") !== user.agency)
    changes.agency = readText(data, "agency");
  if (password !== "") changes.password = password;
  return changes;
}

/** An "Edit" button opening a modal dialog with the user's role, regions, agency, status and password. */
export function UserEditor(props: {
  user: UserRow;
  isSelf: boolean;
  regions: RegionOption[];
  agencies: AgencyOption[];
  labels: AdminMessages;
  onSaved: (message: string) => void;
}) {
  const { user, isSelf, labels: t } = props;
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const bad = invalidFields(problem);

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  function close() {
    dialog.current?.close();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesOf(user, new FormData(event.currentTarget), isSelf);
    if (Object.keys(changes).length === 0) {
      props.onSaved(t.users.unchanged);
      return close();
    }
    setBusy(true);
    setProblem(null);
    const result = await callApi("PATCH", `users/${encodeURIComponent(user.id)}`, changes);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    props.onSaved(format(t.users.saved, { username: user.username }));
    close();
    router.refresh();
  }

  return (
    <>
      <button
        ref={opener}
        type="button"
        className="link-button"
        aria-label={format(t.users.editLabel, { username: user.username })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t.users.edit}
      </button>
      {open && (
        <dialog
          ref={dialog}
          className={styles.dialog}
          aria-labelledby={`${id}-title`}
          onClose={() => {
            setOpen(false);
            setProblem(null);
            opener.current?.focus();
          }}
        >
          <form className={`form ${styles.form}`} onSubmit={submit} data-form="user-edit">
            <h2 id={`${id}-title`}>{format(t.users.editTitle, { username: user.username })}</h2>
            {isSelf && <p className={styles.hint}>{t.users.selfHint}</p>}
            <label>
              {t.users.displayName}
              <input name="displayName" defaultValue={user.displayName ?? ""} autoComplete="off" />
            </label>
            <label>
              {t.users.email}
              <input
                name="email"
                type="email"
                defaultValue={user.email ?? ""}
                autoComplete="off"
                aria-invalid={bad.has("email") || undefined}
              />
            </label>
            <RoleSelect
              label={t.users.role}
              roles={t.role}
              defaultValue={user.role}
              disabled={isSelf}
            />
            <LangSelect label={t.users.lang} langs={t.lang} defaultValue={user.lang} />
            <RegionPicker
              options={props.regions}
              selected={user.regions}
              labels={t.regions}
              invalid={bad.has("regions")}
            />
            <AgencySelect
              label={t.users.agency}
              none={t.users.noAgency}
              agencies={props.agencies}
              defaultValue={user.agency}
              invalid={bad.has("agency")}
            />
            <label className={styles.check}>
              <input
                type="checkbox"
                name="disabled"
                defaultChecked={user.disabled}
                disabled={isSelf}
              />
              <span>{t.users.disable}</span>
            </label>
            <label className={styles.check}>
              <input type="checkbox" name="confidential" defaultChecked={user.confidential} />
              <span>{t.confidential.grant}</span>
            </label>
            <label>
              {t.users.newPassword}
              <input
                name="password"
                type="password"
                minLength={12}
                autoComplete="new-password"
                aria-describedby={`${id}-password`}
                aria-invalid={bad.has("password") || undefined}
              />
              <span id={`${id}-password`} className={styles.hint}>
                {t.users.newPasswordHint} {t.users.passwordHint}
              </span>
            </label>
            {problem && (
              <ProblemMessage
                problem={problem}
                labels={t.errors}
                fieldLabels={userFieldLabels(t)}
              />
            )}
            <div className={styles.buttons}>
              <button type="submit" disabled={busy}>
                {busy ? t.common.saving : t.common.save}
              </button>
              <button type="button" className={styles.secondary} onClick={close}>
                {t.common.cancel}
              </button>
            </div>
          </form>
        </dialog>
      )}
    </>
  );
}
