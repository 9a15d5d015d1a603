"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi } from "~/components/admin/api-client";
import { format } from "~/i18n";
import type { IndicatorMessages } from "~/i18n/indicator";

type Lang = "en" | "ru" | "kk";

/** A year's current narrative as the editor starts from it (version 0: none yet). */
export interface EditorNarrative {
  year: number;
  version: number;
  explanation: Partial<Record<Lang, string>>;
  measures: Partial<Record<Lang, string>>;
}

/** Whether the signed-in reader may write this place's narratives (their places, or every one). */
function useMayWrite(place: string): boolean | null {
  const [may, setMay] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/v1/auth/me", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((me) => {
        const who = me?.user ?? me?.token;
        const rank = ["steward", "manager", "admin"].includes(who?.role);
        const regions: string[] | null = who?.regions ?? null;
        if (live) setMay(rank && (regions === null || regions.includes(place)));
      })
      .catch(() => live && setMay(false));
    return () => {
      live = false;
    };
  }, [place]);
  return may;
}

/**
 * Writes a year's narrative at the shown place in the reader's language: the explanation of the
 * deviation and the measures taken, sent with the version it was read at (a narrative written
 * meanwhile is refused, not overwritten). Stewards see it for their own places only.
 */
export function NarrativeEditor(props: {
  code: string;
  /** The place the page shows; `nation` when it is the nation (sent without `region`). */
  place: string;
  nation: boolean;
  lang: Lang;
  years: EditorNarrative[];
  /** The year to start on: the first that needs a narrative, else the latest. */
  initialYear: number;
  labels: IndicatorMessages["narratives"];
}) {
  const { labels: t, lang } = props;
  const router = useRouter();
  const may = useMayWrite(props.place);
  const [year, setYear] = useState(props.initialYear);
  const current = props.years.find((y) => y.year === year);
  const [explanation, setExplanation] = useState(current?.explanation[lang] ?? "");
  const [measures, setMeasures] = useState(current?.measures[lang] ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  if (may === null) return null;
  if (!may) return <p className="muted">{t.notYours}</p>;

  const choose = (next: number) => {
    const n = props.years.find((y) => y.year === next);
    setYear(next);
    setExplanation(n?.explanation[lang] ?? "");
    setMeasures(n?.measures[lang] ?? "");
    setMessage(null);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const keep = (texts: Partial<Record<Lang, string>> | undefined, mine: string) => {
      const out: Partial<Record<Lang, string>> = { ...texts };
      if (mine.trim()) out[lang] = mine.trim();
      else delete out[lang];
      return out;
    };
    const measuresOut = keep(current?.measures, measures);
    const query = props.nation ? "" : `?region=${encodeURIComponent(props.place)}`;
    const res = await callApi<{ version: number }>(
      "PUT",
      `indicators/${encodeURIComponent(props.code)}/narratives/${year}${query}`,
      {
        explanation: keep(current?.explanation, explanation),
        ...(Object.keys(measuresOut).length ? { measures: measuresOut } : {}),
      },
      { "if-match": `"${current?.version ?? 0}"` },
    );
    setBusy(false);
    if (!res.ok) {
      const { problem } = res;
      const text =
        problem.status === 412
          ? t.stale
          : problem.status === 403
            ? t.notYours
            : format(t.failed, {
                detail:
                  problem.invalid.map((i) => `${i.field}: ${i.message}`).join("; ") ||
                  (problem.detail ?? String(problem.status)),
              });
      return setMessage({ kind: "error", text });
    }
    setMessage({ kind: "ok", text: format(t.saved, { version: res.data.version }) });
    router.refresh();
  };

  const language = t.languages[lang];
  return (
    <form onSubmit={save} data-narrative-editor="">
      <h3>{t.write}</h3>
      <p>
        <label>
          {t.year}{" "}
          <select name="year" value={year} onChange={(e) => choose(Number(e.target.value))}>
            {props.years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label>
          {format(t.writeExplanation, { lang: language })}
          <br />
          <textarea
            name="explanation"
            required
            maxLength={4000}
            rows={3}
            lang={lang}
            value={explanation}
            onChange={(e) => setExplanation(e.target.value)}
          />
        </label>
      </p>
      <p>
        <label>
          {format(t.writeMeasures, { lang: language })}
          <br />
          <textarea
            name="measures"
            maxLength={4000}
            rows={3}
            lang={lang}
            value={measures}
            onChange={(e) => setMeasures(e.target.value)}
          />
        </label>
      </p>
      <p>
        <button type="submit" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
      </p>
      {message && (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "error" : undefined}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
