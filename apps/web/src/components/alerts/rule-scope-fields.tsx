"use client";

import { useState } from "react";
import type { AlertsMessages } from "~/i18n/alerts";
import type { EditorProgram, EditorRule } from "./rule-form-data";

/** What a rule watches: all indicators, a direction or one indicator; which places. */
export function RuleScopeFields(props: {
  program: EditorProgram | undefined;
  scope: EditorRule["scope"] | undefined;
  e: AlertsMessages["editor"];
}) {
  const { program, scope, e } = props;
  const chosen = scope && typeof scope.indicators === "object" ? scope.indicators : undefined;
  const [indicatorsMode, setIndicatorsMode] = useState<string>(
    !chosen ? "all" : "direction" in chosen ? "direction" : "indicator",
  );
  const [placesMode, setPlacesMode] = useState<string>(
    !scope ? "national" : typeof scope.regions === "object" ? "region" : scope.regions,
  );
  return (
    <>
      <fieldset>
        <legend>{e.indicators}</legend>
        <ModeChoice
          name="indicatorsMode"
          mode={indicatorsMode}
          onChange={setIndicatorsMode}
          modes={{ all: e.allIndicators, direction: e.byDirection, indicator: e.byIndicator }}
        />
        {indicatorsMode === "direction" && (
          <CodeSelect
            name="direction"
            label={e.byDirection}
            defaultValue={chosen && "direction" in chosen ? chosen.direction : undefined}
            options={(program?.directions ?? []).map((d) => ({ code: d.code, label: d.name }))}
          />
        )}
        {indicatorsMode === "indicator" && (
          <CodeSelect
            name="indicator"
            label={e.byIndicator}
            defaultValue={chosen && "indicator" in chosen ? chosen.indicator : undefined}
            options={(program?.indicators ?? []).map((i) => ({
              code: i.code,
              label: `${i.name} (${i.code})`,
            }))}
          />
        )}
      </fieldset>

      <fieldset>
        <legend>{e.places}</legend>
        <ModeChoice
          name="placesMode"
          mode={placesMode}
          onChange={setPlacesMode}
          modes={{ national: e.national, all: e.allPlaces, region: e.oneRegion }}
        />
        {placesMode === "region" && (
          <CodeSelect
            name="region"
            label={e.oneRegion}
            defaultValue={
              scope && typeof scope.regions === "object" ? scope.regions.region : undefined
            }
            options={(program?.regions ?? []).map((r) => ({
              code: r.code,
              label: `${r.name} (${r.code})`,
            }))}
          />
        )}
      </fieldset>
    </>
  );
}

/** Radio buttons for the ways a scope can be given, in the order of `modes`. */
function ModeChoice(props: {
  name: string;
  mode: string;
  onChange: (mode: string) => void;
  modes: Record<string, string>;
}) {
  return Object.entries(props.modes).map(([mode, label]) => (
    <label key={mode} className="inline">
      <input
        type="radio"
        name={props.name}
        value={mode}
        checked={props.mode === mode}
        onChange={() => props.onChange(mode)}
      />
      {label}
    </label>
  ));
}

function CodeSelect(props: {
  name: string;
  label: string;
  defaultValue: string | undefined;
  options: { code: string; label: string }[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.defaultValue}>
        {props.options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
