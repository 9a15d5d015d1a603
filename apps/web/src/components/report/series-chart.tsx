import type { TargetValue } from "@spm/kpi";

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 56, right: 12, top: 10, bottom: 40 };

const targetPoint = (t: TargetValue | null): number | null =>
  t === null ? null : Array.isArray(t) ? (t[0] + t[1]) / 2 : t;

/** Values by year (a line, withheld years left out) against the targets (dashed), as SVG. */
export function SeriesChart(props: {
  years: { year: number; value: number | null; target: TargetValue | null }[];
  title: string;
  legend: { value: string; target: string };
  format: (v: number) => string;
}) {
  const { years } = props;
  const numbers = years
    .flatMap((y) => [y.value, targetPoint(y.target)])
    .filter((v): v is number => v !== null);
  if (years.length < 2 || numbers.length === 0) return null;
  // Some room around the figures; a scale of non-negative figures never goes below zero.
  const [min, max] = [Math.min(...numbers), Math.max(...numbers)];
  const room = (max - min || Math.abs(max) || 1) * 0.15;
  const lo = min >= 0 ? Math.max(0, min - room) : min - room;
  const hi = max + room;
  const x = (i: number) => PAD.left + (i / (years.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) =>
    HEIGHT - PAD.bottom - ((v - lo) / (hi - lo || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (pick: (p: (typeof years)[number]) => number | null) =>
    years
      .map((p, i) => [i, pick(p)] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null)
      .map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(" ");
  return (
    <svg
      className="report-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={props.title}
    >
      <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(lo)} y2={y(lo)} />
      {[lo, hi].map((v) => (
        <text key={v} x={PAD.left - 4} y={y(v) + 4} textAnchor="end" fontSize="10">
          {props.format(v)}
        </text>
      ))}
      {years.map((p, i) => (
        <text key={p.year} x={x(i)} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" fontSize="10">
          {p.year}
        </text>
      ))}
      <polyline className="target-line" points={line((p) => targetPoint(p.target))} />
      <polyline className="value-line" points={line((p) => p.value)} />
      {years.map((p, i) =>
        p.value === null ? null : (
          <circle key={p.year} className="value-dot" cx={x(i)} cy={y(p.value)} r="3" />
        ),
      )}
      <g fontSize="10">
        <line
          className="value-line"
          x1={PAD.left}
          x2={PAD.left + 20}
          y1={HEIGHT - 8}
          y2={HEIGHT - 8}
        />
        <text x={PAD.left + 24} y={HEIGHT - 4}>
          {props.legend.value}
        </text>
        <line
          className="target-line"
          x1={PAD.left + 140}
          x2={PAD.left + 160}
          y1={HEIGHT - 8}
          y2={HEIGHT - 8}
        />
        <text x={PAD.left + 164} y={HEIGHT - 4}>
          {props.legend.target}
        </text>
      </g>
    </svg>
  );
}
