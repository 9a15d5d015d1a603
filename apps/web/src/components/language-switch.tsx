"use client";

import type { Locale } from "@spm/kpi";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE } from "~/i18n";

const ORDER: Locale[] = ["ru", "kk", "en"];

/** Switches the interface language; the choice is remembered in a cookie for a year. */
export function LanguageSwitch(props: {
  locale: Locale;
  labels: Record<Locale | "label", string>;
}) {
  const router = useRouter();
  return (
    <label className="lang">
      <span className="visually-hidden">{props.labels.label}</span>
      <select
        value={props.locale}
        onChange={(e) => {
          // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server
          document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        {ORDER.map((l) => (
          <option key={l} value={l} lang={l}>
            {props.labels[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
