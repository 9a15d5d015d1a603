"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { format } from "~/i18n";
import type { SourcesMessages } from "~/i18n/sources";
import { callApi } from "./api-client";

/** Turns a source's schedule on or off, or deletes it after asking (its uploads stay). */
export function SourceActions(props: {
  source: { id: string; name: string; enabled: boolean };
  labels: SourcesMessages;
}) {
  const t = props.labels;
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function run(method: "PATCH" | "DELETE", body?: unknown) {
    setBusy(true);
    await callApi(method, `sources/${props.source.id}`, body);
    setBusy(false);
    router.refresh();
  }

  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => run("PATCH", { enabled: !props.source.enabled })}
      >
        {props.source.enabled ? t.disable : t.enable}
      </button>{" "}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          if (window.confirm(format(t.confirmRemove, { name: props.source.name }))) run("DELETE");
        }}
      >
        {t.remove}
      </button>
    </>
  );
}
