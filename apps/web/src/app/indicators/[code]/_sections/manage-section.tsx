import { findIndicatorVersions, listIndicatorChanges } from "@spm/db";
import { targetSourceOf } from "@spm/kpi";
import { type EditorYear, TargetEditor } from "~/components/indicator/target-editor";
import { format } from "~/i18n";
import { db } from "~/lib/db";
import type { SectionContext } from "./context";

/** A changed field's value as one line of text. */
function shown(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * For managers: the yearly targets editor (previewed, saved with a reason) and the history of the
 * definition. Shown by role only (the page is cached per role): a manager limited to regions
 * sees the form and is told by the API that definitions are not theirs to change.
 */
export async function ManageSection({ ctx }: { ctx: SectionContext }) {
  const { data, t, locale, common } = ctx;
  const { indicator } = data.view;
  const [versions, changes] = await Promise.all([
    findIndicatorVersions(db(), [indicator.code]),
    listIndicatorChanges(db(), indicator.code, 50),
  ]);
  const version = versions.get(indicator.code) ?? 1;
  const years: EditorYear[] = [];
  for (let year = data.program.years.start; year <= data.program.years.end; year++) {
    years.push({
      year,
      target: indicator.targets[String(year)] ?? null,
      standing: targetSourceOf(indicator, year),
      document: indicator.targetSources?.[String(year)]?.document ?? "",
    });
  }
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="manage-title" data-section="manage">
      <h2 id="manage-title">{t.manage.title}</h2>
      <p id="manage-intro">
        {t.manage.intro} <span className="muted">{format(t.manage.version, { version })}</span>
      </p>
      <TargetEditor
        code={indicator.code}
        version={version}
        range={indicator.polarity === "range"}
        years={years}
        labels={t.manage}
        levels={common.level}
      />
      <h3>{t.manage.history}</h3>
      {changes.length === 0 ? (
        <p className="muted">{t.manage.historyEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table data-table="definition-history">
            <caption className="visually-hidden">{t.manage.historyCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.manage.when}</th>
                <th scope="col">{t.manage.who}</th>
                <th scope="col">{t.manage.what}</th>
                <th scope="col">{t.manage.why}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.version} data-version={c.version}>
                  <td>
                    {dateTime.format(c.changedAt)}{" "}
                    <span className="muted">({t.manage.kind[c.kind]})</span>
                  </td>
                  <td>{c.actor}</td>
                  <td>
                    <ul>
                      {c.changes.map((f) => (
                        <li key={f.field}>
                          <code>{f.field}</code>: {shown(f.before)} → {shown(f.after)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{c.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
