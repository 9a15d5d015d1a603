import type { ReactNode } from "react";

// A traffic light is never colour alone: an icon (drawn, so no font can lose it) and a word.
const PATHS: Record<string, ReactNode> = {
  check: <path d="M4 8.5l2.5 2.5L12 5.5" fill="none" stroke="currentColor" strokeWidth="2" />,
  bang: (
    <>
      <path d="M8 3.5v6" stroke="currentColor" strokeWidth="2" />
      <circle cx="8" cy="12" r="1.2" fill="currentColor" />
    </>
  ),
  cross: <path d="M5 5l6 6M11 5l-6 6" stroke="currentColor" strokeWidth="2" />,
  clock: (
    <>
      <circle cx="8" cy="8" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 5.5V8l2 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </>
  ),
  question: (
    <>
      <path
        d="M6 6a2 2 0 1 1 2.5 1.9c-.4.2-.5.5-.5.9v.7"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
      />
      <circle cx="8" cy="12" r="1" fill="currentColor" />
    </>
  ),
  dot: <circle cx="8" cy="8" r="2.5" fill="currentColor" />,
};

const ICON_OF: Record<string, keyof typeof PATHS> = {
  green: "check",
  achieved: "check",
  on_track: "check",
  amber: "bang",
  acceleration_needed: "bang",
  red: "cross",
  off_track: "cross",
  overdue: "clock",
  grey: "question",
  not_available: "question",
  none: "dot",
};

/**
 * The icons, once per page (the root layout): each badge then draws a `<use>` of one, which
 * keeps a page of 4,000 badges small in both its HTML and its RSC payload.
 */
export function StatusIconSprite() {
  return (
    <svg width="0" height="0" style={{ position: "absolute" }} aria-hidden="true">
      {Object.entries(PATHS).map(([name, path]) => (
        <symbol key={name} id={`spm-i-${name}`} viewBox="0 0 16 16">
          {path}
        </symbol>
      ))}
    </svg>
  );
}

/** Shows a status level as icon + word, coloured by level, with an optional explanation. */
export function StatusBadge(props: { level: string; label: string; title?: string }) {
  return (
    <span className={`badge level-${props.level}`} title={props.title} data-level={props.level}>
      {/* The circle and its size come from CSS (.badge .icon): a table of 200 rows has 400. */}
      <svg className="icon" aria-hidden="true">
        <use href={`#spm-i-${ICON_OF[props.level] ?? "dot"}`} />
      </svg>
      <span>{props.label}</span>
    </span>
  );
}
