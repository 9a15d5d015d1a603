import type { ReactNode } from "react";

/**
 * A wide table's own scrolling box: on a phone the table scrolls inside it, not the page. It is
 * a named region in the tab order so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollBox(props: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    <section className="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
