"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { subscribeLive } from "./live-state";
import { UnreadCount } from "./unread-count";

/**
 * The header's navigation, folded behind a menu button on narrow screens (a disclosure: the
 * button says whether it is open and which element it opens; Escape closes it and returns to
 * the button). Wide screens show it whole; without script it stays unfolded (globals.css). For a
 * signed-in reader (`unread`: "{n} unread") the button carries the bell's count, folded with it.
 */
export function SiteMenu(props: { label: string; unread?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const signedIn = props.unread !== undefined;
  useEffect(
    () => (signedIn ? subscribeLive((state) => setUnread(state.reader.unread)) : undefined),
    [signedIn],
  );
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        {props.label}
        {props.unread && <UnreadCount n={unread} label={props.unread} />}
      </button>
      <div id={id} className="site-menu" data-open={open ? "" : undefined}>
        {props.children}
      </div>
    </>
  );
}
