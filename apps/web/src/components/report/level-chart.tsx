import { CURRENT_LEVELS, type CurrentLevel } from "@spm/kpi";

// Paper first: the chart is drawn on the server as SVG (no script to wait for before printing).
const BAR = 18;
const GAP = 8;
const LABEL = 48;
const WIDTH = 640;

/**
 * One stacked bar per direction (labelled by its code: the names are in the text beside it):
 * how many of its indicators have each level, with the legend below as text.
 */
export function LevelChart(props: {
  rows: { label: string; counts: Record<CurrentLevel, number> }[];
  levelLabel: Record<CurrentLevel, string>;
  title: string;
}) {
  const total = (counts: Record<CurrentLevel, number>) =>
    CURRENT_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  const most = Math.max(1, ...props.rows.map((r) => total(r.counts)));
  const unit = (WIDTH - LABEL - 8) / most;
  const height = props.rows.length * (BAR + GAP);
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={props.title}>
        {props.rows.map((row, i) => {
          const y = i * (BAR + GAP);
          let x = LABEL;
          return (
            <g key={row.label}>
              <text
                x={LABEL - 6}
                y={y + BAR * 0.7}
                textAnchor="end"
                fontSize="11"
                className="legend"
              >
                {row.label}
              </text>
              {CURRENT_LEVELS.map((level) => {
                const w = row.counts[level] * unit;
                if (w === 0) return null;
                const at = x;
                x += w;
                return (
                  <g key={level} className={`bar-${level}`}>
                    <rect x={at} y={y} width={w} height={BAR} />
                    <text x={at + w / 2} y={y + BAR * 0.7} textAnchor="middle" fontSize="10">
                      {row.counts[level]}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {CURRENT_LEVELS.map((level) => (
          <span key={level} className={`bar-${level}`}>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" />
            </svg>{" "}
            {props.levelLabel[level]}{" "}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
