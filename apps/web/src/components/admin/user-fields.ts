import type { AdminMessages } from "~/i18n/admin";

/** Labels of the user fields the API may name in a problem's `invalid` list. */
export function userFieldLabels(t: AdminMessages): Record<string, string> {
  return {
    username: t.users.username,
    password: t.users.password,
    role: t.users.role,
    email: t.users.email,
    displayName: t.users.displayName,
    lang: t.users.lang,
    regions: t.users.regions,
    disabled: t.users.status,
    confidential: t.confidential.grant,
    agency: t.users.agency,
  };
}

/** A trimmed text field, or null when left empty. */
export function readText(data: FormData, name: string): string | null {
  const value = String(data.get(name) ?? "").trim();
  return value === "" ? null : value;
}
