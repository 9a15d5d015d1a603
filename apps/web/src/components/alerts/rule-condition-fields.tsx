"use client";

import { useState } from "react";
import { StatusBadge } from "~/components/status-badge";
import type { AlertsMessages } from "~/i18n/alerts";
import { Checkboxes } from "./checkboxes";
import type { EditorRule } from "./rule-form-data";

const CURRENT = ["red", "overdue", "amber", "grey", "green", "none"];
const TRAJECTORY = ["off_track", "acceleration_needed", "on_track", "achieved", "not_available"];

const levelsOf = (c: EditorRule["condition"] | undefined) =>
  c && "levels" in c ? c.levels : ["red", "overdue"];

/** When a rule's alert holds: its kind, the levels or value it names, and for how long. */
export function RuleConditionFields(props: {
  rule: EditorRule | null;
  e: AlertsMessages["editor"];
  levels: Record<string, string>;
  trajectories: Record<string, string>;
}) {
  const { rule, e } = props;
  const [kind, setKind] = useState<string>(rule?.condition.kind ?? "status_is");
  return (
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
        <LevelChoices
          name="levels"
          legend={e.kinds.status_is}
          levels={CURRENT}
          labels={props.levels}
          checked={levelsOf(rule?.condition)}
        />
      )}
      {kind === "trajectory_is" && (
        <LevelChoices
          name="trajectoryLevels"
          legend={e.kinds.trajectory_is}
          levels={TRAJECTORY}
          labels={props.trajectories}
          checked={levelsOf(rule?.condition)}
        />
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
  );
}

function LevelChoices(props: {
  name: string;
  legend: string;
  levels: string[];
  labels: Record<string, string>;
  checked: string[];
}) {
  return (
    <fieldset className="plain">
      <legend className="visually-hidden">{props.legend}</legend>
      <Checkboxes
        name={props.name}
        options={props.levels.map((level) => ({
          value: level,
          label: <StatusBadge level={level} label={props.labels[level] ?? level} />,
        }))}
        checked={props.checked}
      />
    </fieldset>
  );
}
