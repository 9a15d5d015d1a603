// A traffic light is never colour alone: an icon and a word stand beside it.
const ICONS: Record<string, string> = {
  green: "✓",
  achieved: "✓",
  on_track: "✓",
  amber: "!",
  acceleration_needed: "!",
  red: "✕",
  off_track: "✕",
  overdue: "⏱",
  grey: "?",
  not_available: "?",
  none: "•",
};

/** Shows a status level as icon + word, coloured by level, with an optional explanation. */
export function StatusBadge(props: { level: string; label: string; title?: string }) {
  return (
    <span className={`badge level-${props.level}`} title={props.title} data-level={props.level}>
      <span className="icon" aria-hidden="true">
        {ICONS[props.level] ?? "•"}
      </span>
      <span>{props.label}</span>
    </span>
  );
}
