// The rule editor's data: the programme choices it offers, the rule as the API holds it, and
// the reading of the form's fields into that rule.

export interface EditorProgram {
  code: string;
  name: string;
  nation: string;
  directions: { code: string; name: string }[];
  regions: { code: string; name: string }[];
  indicators: { code: string; name: string }[];
}

/** The rule as the API holds it (defaults applied). */
export interface EditorRule {
  name: string;
  scope: {
    indicators: "all" | { direction: string } | { indicator: string };
    regions: "national" | "all" | { region: string };
  };
  condition:
    | { kind: "status_is"; levels: string[] }
    | { kind: "trajectory_is"; levels: string[] }
    | { kind: "value_above" | "value_below"; value: number }
    | { kind: "overdue" };
  for: number;
  channels: string[];
  recipients: { users?: string[]; roles?: string[]; addresses?: string[]; webhooks?: string[] };
  repeatIntervalMinutes: number;
  sendResolved: boolean;
  enabled: boolean;
  locale: string;
}

const list = (text: string, split: RegExp) =>
  text
    .split(split)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the form into a rule; the API validates it (and names every bad field). */
export function readRule(form: HTMLFormElement): EditorRule {
  const d = new FormData(form);
  const get = (k: string) => String(d.get(k) ?? "");
  const indicators =
    get("indicatorsMode") === "direction"
      ? { direction: get("direction") }
      : get("indicatorsMode") === "indicator"
        ? { indicator: get("indicator") }
        : ("all" as const);
  const regions =
    get("placesMode") === "region"
      ? { region: get("region") }
      : (get("placesMode") as "national" | "all");
  const kind = get("kind");
  const condition =
    kind === "status_is" || kind === "trajectory_is"
      ? { kind, levels: d.getAll(kind === "status_is" ? "levels" : "trajectoryLevels").map(String) }
      : kind === "value_above" || kind === "value_below"
        ? { kind, value: Number(get("value")) }
        : { kind: "overdue" as const };
  const recipients: EditorRule["recipients"] = {};
  const users = list(get("users"), /[,\s]+/);
  const roles = d.getAll("roles").map(String);
  const addresses = list(get("addresses"), /[\n,;]+/);
  const webhooks = list(get("webhooks"), /\s+/);
  if (users.length) recipients.users = users;
  if (roles.length) recipients.roles = roles;
  if (addresses.length) recipients.addresses = addresses;
  if (webhooks.length) recipients.webhooks = webhooks;
  return {
    name: get("name"),
    scope: { indicators, regions },
    condition: condition as EditorRule["condition"],
    for: Number(get("for")),
    channels: d.getAll("channels").map(String),
    recipients,
    repeatIntervalMinutes: Number(get("repeatIntervalMinutes")),
    sendResolved: d.get("sendResolved") === "on",
    enabled: d.get("enabled") === "on",
    locale: get("locale"),
  };
}
