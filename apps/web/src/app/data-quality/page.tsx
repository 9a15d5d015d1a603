import { listActorNames, listPrograms, loadProgramDefinitions } from "@spm/db";
import { type DataQualityItem, listDataQuality } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { formatDateTime } from "~/components/indicator/format";
import { ProgramSelect } from "~/components/program-select";
import { FollowUpForm } from "~/components/quality/follow-up-form";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import { getQualityMessages, type QualityMessages } from "~/i18n/quality";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatPeriodName, formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: getQualityMessages(locale).title };
}

const SHOW = { all: undefined, marked: true, unmarked: false } as const;
type Show = keyof typeof SHOW;

/**
 * Data quality: the warnings of a programme's validation rules and of the outlier check, each
 * figure's follow-up mark; stewards (for their places) and managers mark and clear. Not cached.
 */
export default async function DataQualityPage(props: {
  searchParams: Promise<{ program?: string; show?: string }>;
}) {
  await connection();
  const user = await requireUser("viewer");
  const { locale } = await getMessages();
  const t = getQualityMessages(locale);
  const query = await props.searchParams;
  const programs = await listPrograms(db());
  const program = programs.find((p) => p.code === query.program) ?? programs[0];
  const show: Show = query.show === "marked" || query.show === "unmarked" ? query.show : "all";
  if (!program) {
    return (
      <section aria-labelledby="quality-title">
        <h1 id="quality-title">{t.title}</h1>
        <p className="empty">{t.noPrograms}</p>
      </section>
    );
  }
  const { warnings } = await listDataQuality(
    db(),
    { program: program.code, followUp: SHOW[show], limit: 200 },
    { confidential: user.confidential, locale },
  );
  const definition = (await loadProgramDefinitions(db())).find((p) => p.code === program.code);
  const names = {
    indicators: new Map(definition?.indicators.map((i) => [i.code, i.name[locale]]) ?? []),
    places: new Map(
      definition
        ? [definition.nation, ...definition.regions].map((p) => [p.code, p.name[locale]])
        : [],
    ),
    actors: await listActorNames(
      db(),
      warnings.map((w) => w.followUp?.by ?? null),
    ),
  };
  // Stewards follow up their places' figures; viewers read.
  const mayMark = (region: string) =>
    user.role !== "viewer" && (user.regions === null || user.regions.includes(region));
  return (
    <section aria-labelledby="quality-title">
      <h1 id="quality-title">{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <form method="get" className="filters" data-quality-filters>
        <ProgramSelect
          label={t.program}
          programs={programs.map((p) => ({ code: p.code, name: p.name[locale] }))}
          value={program.code}
        />
        <label>
          {t.show}{" "}
          <select name="show" defaultValue={show}>
            <option value="all">{t.all}</option>
            <option value="marked">{t.marked}</option>
            <option value="unmarked">{t.unmarked}</option>
          </select>
        </label>
        <button type="submit">{t.apply}</button>
      </form>
      {warnings.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <WarningsTable
          warnings={warnings}
          t={t}
          caption={format(t.caption, { program: program.name[locale] })}
          value={(v) => formatValue(v, locale)}
          when={(d) => formatDateTime(d, locale)}
          period={(p) => formatPeriodName(p, locale)}
          names={names}
          mayMark={mayMark}
        />
      )}
    </section>
  );
}

function WarningsTable(props: {
  warnings: DataQualityItem[];
  t: QualityMessages;
  caption: string;
  value: (v: number) => string;
  when: (d: Date) => string;
  period: (p: string) => string;
  names: {
    indicators: Map<string, string>;
    places: Map<string, string>;
    actors: Map<string, string>;
  };
  mayMark: (region: string) => boolean;
}) {
  const { t, when, names } = props;
  return (
    <ScrollBox label={props.caption}>
      <table className="stacked" data-table="data-quality">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.indicator}</th>
            <th scope="col">{t.place}</th>
            <th scope="col">{t.period}</th>
            <th scope="col">{t.value}</th>
            <th scope="col">{t.warning}</th>
            <th scope="col">{t.upload}</th>
            <th scope="col">{t.followUp}</th>
          </tr>
        </thead>
        <tbody>
          {props.warnings.map((w) => (
            <tr key={w.id} data-warning={w.id} data-code={w.code}>
              <td data-label={t.indicator}>
                <a href={`/indicators/${encodeURIComponent(w.indicator)}`}>
                  {names.indicators.get(w.indicator) ?? w.indicator}
                </a>
                <div className="muted">{w.indicator}</div>
              </td>
              <td data-label={t.place} data-region={w.region}>
                {names.places.get(w.region) ?? w.region}
              </td>
              <td data-label={t.period} data-period={w.period}>
                {props.period(w.period)}
              </td>
              <td className="num" data-label={t.value}>
                {w.withheld ? t.withheld : w.value === null ? "—" : props.value(w.value)}
              </td>
              <td data-label={t.warning}>
                <strong>{t.codes[w.code as keyof QualityMessages["codes"]] ?? w.code}</strong>
                <div>{w.message}</div>
              </td>
              <td data-label={t.upload}>
                <a href={`/uploads?upload=${w.uploadId}`}>{when(w.createdAt)}</a>
              </td>
              <td data-label={t.followUp} data-followed={w.followUp ? "yes" : "no"}>
                {w.followUp ? (
                  <div>
                    {format(t.markedBy, {
                      by: names.actors.get(w.followUp.by) ?? w.followUp.by,
                      at: when(w.followUp.at),
                    })}
                    {w.followUp.comment && <div className="muted">{w.followUp.comment}</div>}
                  </div>
                ) : (
                  <div>{t.notMarked}</div>
                )}
                {props.mayMark(w.region) && (
                  <FollowUpForm id={w.id} marked={w.followUp !== null} t={t} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
