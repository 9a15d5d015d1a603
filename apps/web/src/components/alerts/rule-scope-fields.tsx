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
  return (
    <>
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
    </>
  );
}
