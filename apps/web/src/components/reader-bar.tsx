"use client";

import { useEffect, useState } from "react";
import { format } from "~/i18n/format";
import { subscribeLive } from "./live-state";
import { SignOutButton } from "./sign-out";
import { UnreadCount } from "./unread-count";

export interface ReaderBarLabels {
  bell: string;
  /** "{n} unread" */
  unread: string;
  /** "Signed in as {name} ({role})" */
  signedInAs: string;
  role: string;
  signOut: string;
}

/**
 * The header's part that is the reader's own: the bell with the unread count and the name. It
 * is filled in the browser (the page around it is cached for every reader of the same role).
 */
export function ReaderBar(props: { labels: ReaderBarLabels }) {
  const { labels } = props;
  const [reader, setReader] = useState<{ name: string; unread: number } | null>(null);
  useEffect(() => subscribeLive((state) => setReader(state.reader)), []);
  const unread = reader?.unread ?? 0;
  return (
    <>
      <a className="bell" href="/notifications" data-unread={reader ? unread : undefined}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M8 2a4 4 0 0 0-4 4v3l-1.5 2h11L12 9V6a4 4 0 0 0-4-4zM6.5 13a1.5 1.5 0 0 0 3 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
          />
        </svg>
        <span>{labels.bell}</span>
        <UnreadCount n={unread} label={labels.unread} />
      </a>
      <span className="user" data-reader={reader ? "loaded" : "loading"}>
        <span>
          {reader ? format(labels.signedInAs, { name: reader.name, role: labels.role }) : ""}
        </span>
        <SignOutButton label={labels.signOut} />
      </span>
    </>
  );
}
