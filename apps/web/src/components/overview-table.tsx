"use client";

import { Sparkline } from "./sparkline";
import { StatusBadge } from "./status-badge";

/**
 * One indicator's row, as compact plain data: the page sends these once (in the RSC payload)
 * instead of a rendered tree per row, which kept a 200-indicator overview near 600 KB.
 */
export interface OverviewRow {
  code: string;
  name: string;
  level: string;
  /** "Why this colour", in the reader's language. */
  why: string;
  latest: string;
  spark: [year: number, value: number][];
  target: string;
  illustrative: boolean;
  trajectory: string;
  /** A monitor's trend in words (it has no trajectory level); absent otherwise. */
  trend?: string;
  /** The years whose level needs a narrative and that have none (the programme's rule). */
  needsNarrative?: number[];
}

export interface OverviewTableLabels {
  /** "Needs a narrative: {years}". */
  needsNarrative: string;
  indicator: string;
  status: string;
  latest: string;
  target: string;
  trajectory: string;
  illustrative: string;
  level: Record<string, string>;
  trajectoryLevel: Record<string, string>;
}

/**
 * The table of one direction's indicators: name, status, latest value, target, trajectory. On a
 * phone each row stacks into a card, every cell under its column's name (`stacked`, data-label).
 */
export function OverviewTable(props: {
  rows: OverviewRow[];
  labels: OverviewTableLabels;
  /** The view the indicator pages open with (and their back link returns to). */
  linkQuery?: string;
}) {
  const { rows, labels } = props;
  const query = props.linkQuery ? `?${props.linkQuery}` : "";
  return (
    <table className="stacked">
      <thead>
        <tr>
          <th scope="col">{labels.indicator}</th>
          <th scope="col">{labels.status}</th>
          <th scope="col">{labels.latest}</th>
          <th scope="col">{labels.target}</th>
          <th scope="col">{labels.trajectory}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-indicator={r.code}>
            <td data-label="">
              <a href={`/indicators/${r.code}${query}`}>{r.name}</a>
              <div className="muted">{r.code}</div>
              {r.needsNarrative && r.needsNarrative.length > 0 && (
                <div className="tag" data-needs-narrative={r.needsNarrative.join(",")}>
                  <span aria-hidden="true">✎ </span>
                  {labels.needsNarrative.replace("{years}", r.needsNarrative.join(", "))}
                </div>
              )}
            </td>
            <td data-label={labels.status}>
              <StatusBadge level={r.level} label={labels.level[r.level] ?? r.level} title={r.why} />
            </td>
            <td className="num" data-label={labels.latest}>
              {r.latest}
              <Sparkline points={r.spark.map(([year, value]) => ({ year, value }))} />
            </td>
            <td className="num" data-label={labels.target}>
              {r.target}
              {r.illustrative && <div className="tag">{labels.illustrative}</div>}
            </td>
            <td data-label={labels.trajectory}>
              <StatusBadge
                level={r.trajectory}
                label={r.trend ?? labels.trajectoryLevel[r.trajectory] ?? r.trajectory}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
