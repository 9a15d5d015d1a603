"use client";

import type { RulePreviewRow } from "@spm/services";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { callApi, type Problem } from "~/components/admin/api-client";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import type { AlertsMessages } from "~/i18n/alerts";
import { ProblemText } from "./problem-text";

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

const CURRENT = ["red", "overdue", "amber", "grey", "green", "none"];
const TRAJECTORY = ["off_track", "acceleration_needed", "on_track", "achieved", "not_available"];
const CHANNELS = ["email", "in_app", "webhook"] as const;
const ROLES = ["manager", "admin", "steward", "viewer"] as const;

const list = (text: string, split: RegExp) =>
  text
    .split(split)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the form into a rule; the API validates it (and names every bad field). */
function readRule(form: HTMLFormElement): EditorRule {
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

/** The rule editor: every field of a rule, a preview of what it watches now, save and delete. */
export function RuleEditor(props: {
  programs: EditorProgram[];
  rule: EditorRule | null;
  ruleId: string | null;
  programCode: string | null;
  t: AlertsMessages;
  levels: Record<string, string>;
  trajectories: Record<string, string>;
}) {
  const { t, rule } = props;
  const router = useRouter();
  const e = t.editor;
  const [programCode, setProgramCode] = useState(
    props.programCode ?? props.programs[0]?.code ?? "",
  );
  const program = props.programs.find((p) => p.code === programCode);
  const scope = rule?.scope;
  const [indicatorsMode, setIndicatorsMode] = useState(
    !scope || scope.indicators === "all"
      ? "all"
      : "direction" in scope.indicators
        ? "direction"
        : "indicator",
  );
  const [placesMode, setPlacesMode] = useState(
    !scope ? "national" : typeof scope.regions === "object" ? "region" : scope.regions,
  );
  const [kind, setKind] = useState<string>(rule?.condition.kind ?? "status_is");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<{
    watched: number;
    holding: number;
    rows: RulePreviewRow[];
  } | null>(null);
  const [busy, setBusy] = useState(false);

  const levelsOf = (c: EditorRule["condition"] | undefined) =>
    c && "levels" in c ? c.levels : ["red", "overdue"];
  const r = rule?.recipients ?? {};

  async function run(action: "preview" | "save", form: HTMLFormElement) {
    setBusy(true);
    setProblem(null);
    setSaved(false);
    const body = readRule(form);
    const result =
      action === "preview"
        ? await callApi<{ watched: number; holding: number; rows: RulePreviewRow[] }>(
            "POST",
            "alert-rules/preview",
            { ...body, program: programCode },
          )
        : props.ruleId
          ? await callApi("PATCH", `alert-rules/${props.ruleId}`, body)
          : await callApi("POST", "alert-rules", { ...body, program: programCode });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    if (action === "preview") return setPreview(result.data as never);
    setSaved(true);
    router.push("/alerts#rules");
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void run(submitter?.value === "preview" ? "preview" : "save", event.currentTarget);
  }

  async function remove() {
    if (!props.ruleId || !window.confirm(e.confirmDelete)) return;
    setBusy(true);
    const result = await callApi("DELETE", `alert-rules/${props.ruleId}`);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    router.push("/alerts#rules");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="rule-editor" data-rule-editor noValidate>
      {problem && <ProblemText problem={problem} t={t.errors} />}
      {saved && (
        <p role="status" className="notice">
          {e.saved}
        </p>
      )}
      <label>
        {e.name}
        <input name="name" required maxLength={200} defaultValue={rule?.name ?? ""} />
      </label>
      <label>
        {e.program}
        <select
          name="program"
          value={programCode}
          disabled={props.ruleId !== null}
          onChange={(ev) => setProgramCode(ev.target.value)}
        >
          {props.programs.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </select>
      </label>

      <fieldset>
        <legend>{e.indicators}</legend>
        {(["all", "direction", "indicator"] as const).map((mode) => (
          <label key={mode} className="inline">
            <input
              type="radio"
              name="indicatorsMode"
              value={mode}
              checked={indicatorsMode === mode}
              onChange={() => setIndicatorsMode(mode)}
            />
            {{ all: e.allIndicators, direction: e.byDirection, indicator: e.byIndicator }[mode]}
          </label>
        ))}
        {indicatorsMode === "direction" && (
          <label>
            {e.byDirection}
            <select
              name="direction"
              defaultValue={
                scope && typeof scope.indicators === "object" && "direction" in scope.indicators
                  ? scope.indicators.direction
                  : undefined
              }
            >
              {program?.directions.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {indicatorsMode === "indicator" && (
          <label>
            {e.byIndicator}
            <select
              name="indicator"
              defaultValue={
                scope && typeof scope.indicators === "object" && "indicator" in scope.indicators
                  ? scope.indicators.indicator
                  : undefined
              }
            >
              {program?.indicators.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.name} ({i.code})
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>{e.places}</legend>
        {(["national", "all", "region"] as const).map((mode) => (
          <label key={mode} className="inline">
            <input
              type="radio"
              name="placesMode"
              value={mode}
              checked={placesMode === mode}
              onChange={() => setPlacesMode(mode)}
            />
            {{ national: e.national, all: e.allPlaces, region: e.oneRegion }[mode]}
          </label>
        ))}
        {placesMode === "region" && (
          <label>
            {e.oneRegion}
            <select
              name="region"
              defaultValue={
                scope && typeof scope.regions === "object" ? scope.regions.region : undefined
              }
            >
              {program?.regions.map((reg) => (
                <option key={reg.code} value={reg.code}>
                  {reg.name} ({reg.code})
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>{e.condition}</legend>
        <label>
          {e.condition}
          <select name="kind" value={kind} onChange={(ev) => setKind(ev.target.value)}>
            {Object.entries(e.kinds).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {kind === "status_is" && (
          <fieldset className="plain">
            <legend className="visually-hidden">{e.kinds.status_is}</legend>
            {CURRENT.map((level) => (
              <label key={level} className="inline">
                <input
                  type="checkbox"
                  name="levels"
                  value={level}
                  defaultChecked={levelsOf(rule?.condition).includes(level)}
                />
                <StatusBadge level={level} label={props.levels[level] ?? level} />
              </label>
            ))}
          </fieldset>
        )}
        {kind === "trajectory_is" && (
          <fieldset className="plain">
            <legend className="visually-hidden">{e.kinds.trajectory_is}</legend>
            {TRAJECTORY.map((level) => (
              <label key={level} className="inline">
                <input
                  type="checkbox"
                  name="trajectoryLevels"
                  value={level}
                  defaultChecked={levelsOf(rule?.condition).includes(level)}
                />
                <StatusBadge level={level} label={props.trajectories[level] ?? level} />
              </label>
            ))}
          </fieldset>
        )}
        {(kind === "value_above" || kind === "value_below") && (
          <label>
            {e.value}
            <input
              type="number"
              step="any"
              name="value"
              required
              defaultValue={rule && "value" in rule.condition ? rule.condition.value : undefined}
            />
          </label>
        )}
        <label>
          {e.for}
          <input type="number" name="for" min={1} max={1000} defaultValue={rule?.for ?? 1} />
        </label>
        <p className="muted">{e.forHelp}</p>
      </fieldset>

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

      <label>
        {e.repeat}
        <input
          type="number"
          name="repeatIntervalMinutes"
          min={1}
          defaultValue={rule?.repeatIntervalMinutes ?? 1440}
        />
      </label>
      <label className="inline">
        <input type="checkbox" name="sendResolved" defaultChecked={rule?.sendResolved ?? true} />
        {e.sendResolved}
      </label>
      <label className="inline">
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} />
        {e.enabled}
      </label>

      <p className="actions">
        <button type="submit" name="action" value="preview" disabled={busy}>
          {e.preview}
        </button>
        <button type="submit" name="action" value="save" disabled={busy}>
          {e.save}
        </button>
        {props.ruleId && (
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            {e.delete}
          </button>
        )}
        <a href="/alerts#rules">{e.cancel}</a>
      </p>

      {preview && (
        <section aria-labelledby="preview-title" aria-live="polite" data-preview>
          <h2 id="preview-title">{e.previewTitle}</h2>
          <p>
            {preview.watched === 0
              ? e.previewNone
              : format(e.previewText, { watched: preview.watched, holding: preview.holding })}
          </p>
          {preview.rows.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.columns.indicator}</th>
                  <th scope="col">{t.columns.place}</th>
                  <th scope="col">{t.columns.level}</th>
                  <th scope="col">{t.columns.value}</th>
                  <th scope="col">{e.holdsNow}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 200).map((row) => (
                  <tr
                    key={`${row.indicator}|${row.region}`}
                    data-preview-row={row.indicator}
                    data-holds={row.holds}
                  >
                    <td>
                      {program?.indicators.find((i) => i.code === row.indicator)?.name ??
                        row.indicator}
                    </td>
                    <td>
                      {row.region === program?.nation
                        ? t.national
                        : (program?.regions.find((x) => x.code === row.region)?.name ?? row.region)}
                    </td>
                    <td>
                      <StatusBadge level={row.level} label={props.levels[row.level] ?? row.level} />
                    </td>
                    <td>{row.value ?? "—"}</td>
                    <td>{row.holds ? e.yes : e.no}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </form>
  );
}
