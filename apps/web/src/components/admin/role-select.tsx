import type { Role } from "@spm/db";
import type { AdminMessages } from "~/i18n/admin";
import { type AgencyOption, LANGS, type Lang, ROLES } from "./types";

/** The role of an account or token, each option named in the reader's language. */
export function RoleSelect(props: {
  label: string;
  roles: AdminMessages["role"];
  defaultValue: Role;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <label>
      {props.label}
      <select
        name="role"
        defaultValue={props.defaultValue}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {props.roles[r]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The account's interface language, each named in its own language. */
export function LangSelect(props: {
  label: string;
  langs: AdminMessages["lang"];
  defaultValue: Lang;
}) {
  return (
    <label>
      {props.label}
      <select name="lang" defaultValue={props.defaultValue}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {props.langs[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The agency an account works for ("My indicators"), or none; shown only when programmes list agencies. */
export function AgencySelect(props: {
  label: string;
  none: string;
  agencies: AgencyOption[];
  defaultValue: string | null;
  invalid?: boolean;
}) {
  if (props.agencies.length === 0) return null;
  return (
    <label>
      {props.label}
      <select
        name="agency"
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={props.invalid || undefined}
      >
        <option value="">{props.none}</option>
        {props.agencies.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name} ({a.code})
          </option>
        ))}
      </select>
    </label>
  );
}
