"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, type Problem } from "~/components/admin/api-client";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import type { IndicatorMessages } from "~/i18n/indicator";

type Standing = "official" | "illustrative";

/** One programme year as the editor starts it: the stored target and its standing. */
export interface EditorYear {
  year: number;
  /** A number, `[min, max]` for a range indicator, or null (no target that year). */
  target: number | [number, number] | null;
  standing: Standing;
  document: string;
}

interface Row {
  year: number;
  value: string;
  min: string;
  max: string;
  standing: Standing;
  document: string;
}

interface PreviewYear {
  year: number;
  before: { level: string };
  after: { level: string | null };
}

const toRow = (y: EditorYear): Row => ({
  year: y.year,
  value: typeof y.target === "number" ? String(y.target) : "",
  min: Array.isArray(y.target) ? String(y.target[0]) : "",
  max: Array.isArray(y.target) ? String(y.target[1]) : "",
  standing: y.standing,
  document: y.document,
});

/** A typed number ("1 234,5" as people type it), or null when empty, NaN when not a number. */
function numberOf(text: string): number | null {
  const t = text.replace(/\s/g, "").replace(",", ".");
  return t === "" ? null : Number(t);
}

/**
 * The patch of what the manager changed: only the years whose target, standing or document
 * differ from the stored ones (a cleared target removes the year).
 */
function patchOf(rows: Row[], initial: EditorYear[], range: boolean, problems: string[]) {
  const targets: Record<string, number | [number, number] | null> = {};
  const targetSources: Record<string, { kind: Standing; document?: string } | null> = {};
  rows.forEach((row, i) => {
    const start = toRow(initial[i] as EditorYear);
    const key = String(row.year);
    if (range ? row.min !== start.min || row.max !== start.max : row.value !== start.value) {
      const parts = (range ? [row.min, row.max] : [row.value]).map(numberOf);
      if (parts.some((p) => Number.isNaN(p))) problems.push(key);
      else if (parts.every((p) => p === null)) targets[key] = null;
      else if (parts.some((p) => p === null)) problems.push(key);
      else targets[key] = range ? [parts[0] as number, parts[1] as number] : (parts[0] as number);
    }
    if (row.standing !== start.standing || row.document.trim() !== start.document) {
      const document = row.document.trim();
      targetSources[key] = { kind: row.standing, ...(document ? { document } : {}) };
    }
  });
  return {
    ...(Object.keys(targets).length ? { targets } : {}),
    ...(Object.keys(targetSources).length ? { targetSources } : {}),
  };
}

/**
 * A manager's editor of an indicator's yearly targets: typed year by year beside the chart, the
 * status each year would get previewed through the API (the same validation and engine as the
 * edit), then saved with a reason and the version it was read at (a stale one is refused).
 */
export function TargetEditor(props: {
  code: string;
  version: number;
  range: boolean;
  years: EditorYear[];
  labels: IndicatorMessages["manage"];
  levels: Record<string, string>;
}) {
  const { labels: t, range } = props;
  const router = useRouter();
  const [rows, setRows] = useState(() => props.years.map(toRow));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState<"preview" | "save" | null>(null);
  const [preview, setPreview] = useState<PreviewYear[] | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const update = (i: number, change: Partial<Row>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
    setPreview(null);
  };

  const explain = (problem: Problem): string => {
    if (problem.status === 412) return t.stale;
    if (problem.status === 403) return t.forbidden;
    if (problem.invalid.length > 0)
      return format(t.invalid, {
        detail: problem.invalid.map((i) => `${i.field}: ${i.message}`).join("; "),
      });
    return format(t.failed, { detail: problem.detail ?? String(problem.status) });
  };

  const build = () => {
    const problems: string[] = [];
    const patch = patchOf(rows, props.years, range, problems);
    if (problems.length > 0) {
      setMessage({
        kind: "error",
        text: format(t.invalid, { detail: problems.map((y) => `${y}: ${t.target}`).join("; ") }),
      });
      return null;
    }
    if (Object.keys(patch).length === 0) {
      setMessage({ kind: "ok", text: t.nothing });
      return null;
    }
    return patch;
  };

  const runPreview = async () => {
    const patch = build();
    if (!patch) return;
    setBusy("preview");
    const res = await callApi<{ years: PreviewYear[] }>(
      "POST",
      `indicators/${encodeURIComponent(props.code)}/preview`,
      patch,
    );
    setBusy(null);
    if (res.ok) {
      setPreview(res.data.years);
      setMessage(null);
    } else setMessage({ kind: "error", text: explain(res.problem) });
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const patch = build();
    if (!patch) return;
    setBusy("save");
    const res = await callApi<{ version: number; changes: unknown[] }>(
      "PATCH",
      `indicators/${encodeURIComponent(props.code)}`,
      { reason, ...patch },
      { "if-match": `"${props.version}"` },
    );
    setBusy(null);
    if (!res.ok) return setMessage({ kind: "error", text: explain(res.problem) });
    setMessage({
      kind: "ok",
      text:
        res.data.changes.length === 0 ? t.nothing : format(t.saved, { version: res.data.version }),
    });
    setReason("");
    // The page re-renders with the new definition (its cache keys on the data version).
    router.refresh();
  };

  const afterOf = (year: number) => preview?.find((p) => p.year === year);
  return (
    <form onSubmit={save} data-target-editor="" aria-describedby="manage-intro">
      <div className="table-scroll">
        <table>
          <caption>{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.year}</th>
              {range ? (
                <>
                  <th scope="col">{t.min}</th>
                  <th scope="col">{t.max}</th>
                </>
              ) : (
                <th scope="col">{t.target}</th>
              )}
              <th scope="col">{t.standing}</th>
              <th scope="col">{t.document}</th>
              {preview && <th scope="col">{t.before}</th>}
              {preview && <th scope="col">{t.after}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const p = afterOf(row.year);
              const cell = (field: "value" | "min" | "max", label: string) => (
                <td>
                  <input
                    inputMode="decimal"
                    size={8}
                    aria-label={`${label} ${row.year}`}
                    name={`${field}-${row.year}`}
                    value={row[field]}
                    onChange={(e) => update(i, { [field]: e.target.value })}
                  />
                </td>
              );
              return (
                <tr key={row.year} data-year={row.year}>
                  <th scope="row">{row.year}</th>
                  {range ? (
                    <>
                      {cell("min", t.min)}
                      {cell("max", t.max)}
                    </>
                  ) : (
                    cell("value", t.target)
                  )}
                  <td>
                    <select
                      aria-label={`${t.standing} ${row.year}`}
                      name={`standing-${row.year}`}
                      value={row.standing}
                      onChange={(e) => update(i, { standing: e.target.value as Standing })}
                    >
                      <option value="official">{t.official}</option>
                      <option value="illustrative">{t.illustrative}</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`${t.document} ${row.year}`}
                      name={`document-${row.year}`}
                      maxLength={500}
                      value={row.document}
                      onChange={(e) => update(i, { document: e.target.value })}
                    />
                  </td>
                  {preview && (
                    <td>
                      {p && (
                        <StatusBadge
                          level={p.before.level}
                          label={props.levels[p.before.level] ?? p.before.level}
                        />
                      )}
                    </td>
                  )}
                  {preview && (
                    <td data-preview-after={p?.after.level ?? "withheld"}>
                      {p &&
                        (p.after.level === null ? (
                          t.withheld
                        ) : (
                          <StatusBadge
                            level={p.after.level}
                            label={props.levels[p.after.level] ?? p.after.level}
                          />
                        ))}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <label>
          {t.reason}
          <br />
          <textarea
            name="reason"
            required
            minLength={3}
            maxLength={2000}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      </p>
      <p>
        <button type="button" onClick={runPreview} disabled={busy !== null}>
          {busy === "preview" ? t.previewing : t.preview}
        </button>{" "}
        <button type="submit" disabled={busy !== null}>
          {busy === "save" ? t.saving : t.save}
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
