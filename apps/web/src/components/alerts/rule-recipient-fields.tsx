import type { AlertsMessages } from "~/i18n/alerts";
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
        {CHANNELS.map((c) => (
          <label key={c} className="inline">
            <input
              type="checkbox"
              name="channels"
              value={c}
              defaultChecked={(rule?.channels ?? ["email", "in_app"]).includes(c)}
            />
            {t.channel[c]}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{e.recipients}</legend>
        <label>
          {e.users}
          <input name="users" defaultValue={(r.users ?? []).join(", ")} />
        </label>
        <fieldset className="plain">
          <legend>{e.roles}</legend>
          {ROLES.map((role) => (
            <label key={role} className="inline">
              <input
                type="checkbox"
                name="roles"
                value={role}
                defaultChecked={(r.roles ?? []).includes(role)}
              />
              {role}
            </label>
          ))}
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
