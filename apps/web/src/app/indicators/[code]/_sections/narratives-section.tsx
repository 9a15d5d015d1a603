import { listCurrentNarratives, loadProgramDefinitions } from "@spm/db";
import { narrativeLevels, textFor } from "@spm/kpi";
import { type EditorNarrative, NarrativeEditor } from "~/components/indicator/narrative-editor";
import { format } from "~/i18n";
import { db } from "~/lib/db";
import type { SectionContext } from "./context";

/**
 * The shown place's narratives by year (why the figure deviates, the measures taken), the years
 * whose level needs one and has none marked, and for stewards of the place and managers, the
 * form to write one in the reader's language.
 */
export async function NarrativesSection({
  ctx,
  canWrite,
}: {
  ctx: SectionContext;
  canWrite: boolean;
}) {
  const { data, t, locale } = ctx;
  const code = data.view.indicator.code;
  const [narratives, programs] = await Promise.all([
    listCurrentNarratives(db(), { indicators: [code], region: data.region }),
    loadProgramDefinitions(db()),
  ]);
  const program = programs.find((p) => p.code === data.program.code);
  const levels = new Set(program ? narrativeLevels(program) : ["red"]);
  const levelOf = new Map(data.view.years.map((y) => [y.year, y.status.level]));
  const years: number[] = [];
  for (let y = data.program.years.start; y <= data.program.years.end; y++) years.push(y);
  const missing = years.filter(
    (y) => levels.has(levelOf.get(y) ?? "") && !narratives.some((n) => n.year === y),
  );
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const editorYears: EditorNarrative[] = years.map((year) => {
    const n = narratives.find((x) => x.year === year);
    return {
      year,
      version: n?.version ?? 0,
      explanation: n?.explanation ?? {},
      measures: n?.measures ?? {},
    };
  });
  const written = [...narratives].sort((a, b) => b.year - a.year);
  return (
    <section aria-labelledby="narratives-title" data-section="narratives">
      <h2 id="narratives-title">{t.narratives.title}</h2>
      <p className="muted">{t.narratives.intro}</p>
      {missing.length > 0 && (
        <p data-narratives-missing={missing.join(",")}>
          <span aria-hidden="true">✎ </span>
          {missing.map((y) => `${y}: ${t.narratives.missing}`).join("; ")}
        </p>
      )}
      {written.length === 0 ? (
        <p>{format(t.narratives.empty, { region: data.regionName })}</p>
      ) : (
        written.map((n) => {
          const explanation = textFor(n.explanation, locale);
          const measures = n.measures ? textFor(n.measures, locale) : undefined;
          const other = (lang: string | undefined) =>
            lang && lang !== locale
              ? ` (${format(t.narratives.inLanguage, { lang: t.narratives.languages[lang as "en"] })})`
              : "";
          return (
            <article key={n.year} id={`narrative-${n.year}`} data-narrative-year={n.year}>
              <h3>{n.year}</h3>
              {explanation && (
                <p lang={explanation.lang}>
                  <strong>{t.narratives.explanation}</strong>
                  {other(explanation.lang)}: {explanation.text}
                </p>
              )}
              {measures && (
                <p lang={measures.lang}>
                  <strong>{t.narratives.measures}</strong>
                  {other(measures.lang)}: {measures.text}
                </p>
              )}
              <p className="muted">
                {format(t.narratives.by, {
                  author: n.author,
                  date: date.format(n.writtenAt),
                  version: n.version,
                })}
              </p>
            </article>
          );
        })
      )}
      {canWrite && (
        <NarrativeEditor
          code={code}
          place={data.region}
          nation={data.region === data.nationCode}
          lang={locale}
          years={editorYears}
          initialYear={missing[0] ?? Math.min(data.program.years.end, new Date().getUTCFullYear())}
          labels={t.narratives}
        />
      )}
    </section>
  );
}
