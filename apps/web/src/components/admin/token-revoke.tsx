"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import { callApi, type Problem } from "./api-client";
import { ProblemMessage } from "./problem-message";

/** "Revoke", then an inline confirmation (focus moves to it) before the DELETE is sent. */
export function TokenRevoke(props: {
  id: string;
  name: string;
  labels: AdminMessages["tokens"];
  errors: AdminMessages["errors"];
}) {
  const t = props.labels;
  const router = useRouter();
  const [step, setStep] = useState<"idle" | "confirm" | "busy">("idle");
  const [problem, setProblem] = useState<Problem | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (step === "confirm") confirmButton.current?.focus();
    if (step === "idle" && wasConfirming.current) revokeButton.current?.focus();
    wasConfirming.current = step === "confirm";
  }, [step]);

  async function revoke() {
    setStep("busy");
    setProblem(null);
    const result = await callApi("DELETE", `tokens/${encodeURIComponent(props.id)}`);
    if (!result.ok) {
      setProblem(result.problem);
      return setStep("idle");
    }
    router.refresh();
  }

  if (step === "idle") {
    return (
      <>
        <button
          ref={revokeButton}
          type="button"
          className={styles.danger}
          aria-label={format(t.revokeLabel, { name: props.name })}
          onClick={() => setStep("confirm")}
        >
          {t.revoke}
        </button>
        {problem && <ProblemMessage problem={problem} labels={props.errors} fieldLabels={{}} />}
      </>
    );
  }
  return (
    <fieldset
      className={styles.confirm}
      onKeyDown={(e) => {
        if (e.key === "Escape" && step === "confirm") setStep("idle");
      }}
    >
      <legend>{format(t.revokeConfirm, { name: props.name })}</legend>
      <div className={styles.buttons}>
        <button
          ref={confirmButton}
          type="button"
          className={styles.danger}
          disabled={step === "busy"}
          onClick={revoke}
          data-confirm-revoke
        >
          {step === "busy" ? t.revoking : t.revokeYes}
        </button>
        <button
          type="button"
          className={styles.secondary}
          disabled={step === "busy"}
          onClick={() => setStep("idle")}
        >
          {t.revokeNo}
        </button>
      </div>
    </fieldset>
  );
}
