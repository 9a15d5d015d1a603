"use client";

import { useEffect, useState } from "react";
import { CATALOGUES, resolveLocale } from "~/i18n";

/** Shown when a page fails: a plain message in the reader's language and a way to try again. */
export default function ErrorPage(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const [lang, setLang] = useState<"ru" | "kk" | "en">("ru");
  useEffect(() => {
    const cookie = document.cookie.match(/(?:^|; )spm_lang=([^;]+)/)?.[1];
    setLang(resolveLocale(cookie, navigator.language));
  }, []);
  const t = CATALOGUES[lang];
  return (
    <section role="alert">
      <h1>{t.error.title}</h1>
      {props.error.digest && <p className="muted">{props.error.digest}</p>}
      <button type="button" onClick={() => props.reset()}>
        {t.error.retry}
      </button>
    </section>
  );
}
