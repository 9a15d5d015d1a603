/** A small line of an indicator's yearly values (decorative: the numbers stand beside it). */
export function Sparkline(props: {
  points: { year: number; value: number | null }[];
  width?: number;
  height?: number;
}) {
  const width = props.width ?? 84;
  const height = props.height ?? 22;
  const points = props.points.filter((p): p is { year: number; value: number } => p.value !== null);
  if (points.length < 2) return null;
  const years = points.map((p) => p.year);
  const values = points.map((p) => p.value);
  const [x0, x1] = [Math.min(...years), Math.max(...years)];
  const [y0, y1] = [Math.min(...values), Math.max(...values)];
  const x = (year: number) => 2 + ((year - x0) / (x1 - x0 || 1)) * (width - 4);
  const y = (value: number) => height - 2 - ((value - y0) / (y1 - y0 || 1)) * (height - 4);
  // One decimal is a tenth of a pixel; trailing zeros dropped (200 rows of these on a page).
  const n = (v: number) => String(Math.round(v * 10) / 10);
  const path = points.map((p) => `${n(x(p.year))},${n(y(p.value))}`).join(" ");
  const last = points[points.length - 1] as { year: number; value: number };
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <polyline points={path} />
      <circle cx={n(x(last.year))} cy={n(y(last.value))} r="2.2" />
    </svg>
  );
}
