"use client";

import { useEffect, useId, useRef, useState } from "react";
import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";

/** The new token's secret, shown once: focus moves here so nobody misses it. */
export function TokenSecret(props: {
  name: string;
  secret: string;
  labels: AdminMessages["tokens"];
  onDone: () => void;
}) {
  const t = props.labels;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopy("copied");
    } catch {
      field.current?.select();
      setCopy("failed");
    }
  }

  return (
    <section className={styles.secret} aria-labelledby={`${id}-title`} data-token-secret-panel>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {format(t.secretTitle, { name: props.name })}
      </h2>
      <p className={styles.warning}>{t.secretWarning}</p>
      <label className={styles.secretField}>
        <span>{t.secretLabel}</span>
        <input
          ref={field}
          readOnly
          value={props.secret}
          data-token-secret
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <div className={styles.buttons}>
        <button type="button" onClick={copySecret}>
          {t.copy}
        </button>
        <button type="button" className={styles.secondary} onClick={props.onDone}>
          {t.secretDone}
        </button>
      </div>
      <p role="status" className={styles.notice}>
        {copy === "copied" ? t.copied : copy === "failed" ? t.copyFailed : null}
      </p>
    </section>
  );
}
