import type { AlertsMessages } from "~/i18n/alerts";
import { Checkboxes } from "./checkboxes";
import type { EditorRule } from "./rule-form-data";

const CHANNELS = ["email", "in_app", "webhook"] as const;
const ROLES = ["manager", "admin", "steward", "viewer"] as const;

/** Whom a rule tells and how: its channels, users, roles, addresses, webhooks and language. */
export function RuleRecipientFields(props: { rule: EditorRule | null; t: AlertsMessages }) {
  const { rule, t } = props;
  const e = t.editor;
  const r = rule?.recipients ?? {};
  return (
    <>
      <fieldset>
        <legend>{e.channels}</legend>
        <Checkboxes
          name="channels"
          options={CHANNELS.map((c) => ({ value: c, label: t.channel[c] }))}
          checked={rule?.channels ?? ["email", "in_app"]}
        />
      </fieldset>

      <fieldset>
        <legend>{e.recipients}</legend>
        <label>
          {e.users}
          <input name="users" defaultValue={(r.users ?? []).join(", ")} />
        </label>
        <fieldset className="plain">
          <legend>{e.roles}</legend>
          <Checkboxes
            name="roles"
            options={ROLES.map((role) => ({ value: role, label: role }))}
            checked={r.roles ?? []}
          />
        </fieldset>
        <label>
          {e.addresses}
          <textarea name="addresses" rows={2} defaultValue={(r.addresses ?? []).join("\n")} />
        </label>
        <label>
          {e.webhooks}
          <textarea name="webhooks" rows={2} defaultValue={(r.webhooks ?? []).join("\n")} />
        </label>
        <p className="muted">{e.webhookHelp}</p>
        <label>
          {e.locale}
          <select name="locale" defaultValue={rule?.locale ?? "ru"}>
            <option value="ru">Русский</option>
            <option value="kk">Қазақша</option>
            <option value="en">English</option>
          </select>
        </label>
      </fieldset>
    </>
  );
}
