import { loadProgramDefinitions } from "@spm/db";
import { type CompletenessCounts, toIsoDate } from "@spm/kpi";
import { programCompleteness } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ProgramSelect } from "~/components/program-select";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import type { Messages } from "~/i18n/messages/en";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatDay } from "~/lib/format";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.completeness.title };
}

const PROGRAM = /^[A-Z][A-Z0-9-]{1,63}$/;
const COLUMNS = ["expected", "due", "received", "approved", "late", "overdue"] as const;

/** The share of due figures received, in words and a number (never colour alone). */
function share(c: CompletenessCounts, m: Messages["completeness"]): string {
  if (c.due === 0) return m.nothingDue;
  const inOfDue = Math.max(0, c.due - c.overdue);
  return `${Math.round((100 * inOfDue) / c.due)}%`;
}

function CountsTable(props: {
  caption: string;
  head: string;
  rows: { key: string; name: string; counts: CompletenessCounts }[];
  m: Messages["completeness"];
  kind: "region" | "agency";
}) {
  const { m } = props;
  return (
    <ScrollBox label={props.caption}>
      <table data-table={`completeness-${props.kind}`}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="num">
                {m[c]}
              </th>
            ))}
            <th scope="col" className="num">
              {m.share}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{r.name}</th>
              {COLUMNS.map((c) => (
                <td key={c} className="num" data-count={c}>
                  {r.counts[c]}
                </td>
              ))}
              <td className="num">{share(r.counts, m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/**
 * Who has reported what (DESIGN "Data collection"): for a programme year, per place and per
 * agency, the figures expected, due by today, received, approved, late and overdue, with totals.
 */
export default async function CompletenessPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  await requireUser("viewer");
  const { locale, t } = await getMessages();
  const m = t.completeness;
  const q = await props.searchParams;
  const programs = await loadProgramDefinitions(db());
  const asked = typeof q.program === "string" && PROGRAM.test(q.program) ? q.program : undefined;
  const program = programs.find((p) => p.code === asked) ?? programs[0];
  if (!program) {
    return (
      <section aria-labelledby="completeness-title">
        <h1 id="completeness-title">{m.title}</h1>
        <p className="empty">{m.noPrograms}</p>
      </section>
    );
  }
  const today = toIsoDate(new Date());
  const { start, end } = program.years;
  const clamp = (y: number) => Math.min(end, Math.max(start, y));
  const askedYear = typeof q.year === "string" && /^\d{4}$/.test(q.year) ? Number(q.year) : NaN;
  const year = Number.isNaN(askedYear) ? clamp(Number(today.slice(0, 4)) - 1) : clamp(askedYear);
  const got = await programCompleteness(db(), { program: program.code, year, asOf: today });
  const places = new Map(
    [program.nation, ...program.regions].map((p) => [p.code, p.name[locale]] as const),
  );
  const agencies = new Map((program.agencies ?? []).map((a) => [a.code, a.name[locale]] as const));
  const years = Array.from({ length: end - start + 1 }, (_, i) => start + i);
  return (
    <section aria-labelledby="completeness-title" data-program={program.code} data-year={year}>
      <h1 id="completeness-title">{m.title}</h1>
      <form method="get" className="filters" aria-label={m.title}>
        <ProgramSelect
          label={m.program}
          programs={programs.map((p) => ({ code: p.code, name: p.name[locale] }))}
          value={program.code}
        />
        <label>
          {m.year}
          <select name="year" defaultValue={String(year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{m.show}</button>
      </form>
      <p>{format(m.intro, { year, date: formatDay(today, locale) })}</p>
      <h2>{m.total}</h2>
      <dl className="counts" data-total>
        {COLUMNS.map((c) => (
          <div key={c} data-count={c}>
            <dt>{m[c]}</dt>
            <dd>{got.total[c]}</dd>
          </div>
        ))}
        <div data-count="share">
          <dt>{m.share}</dt>
          <dd>{share(got.total, m)}</dd>
        </div>
      </dl>
      <h2>{m.byRegion}</h2>
      <CountsTable
        caption={m.byRegion}
        head={m.place}
        kind="region"
        m={m}
        rows={got.byRegion.map((r) => ({
          key: r.region,
          name: places.get(r.region) ?? r.region,
          counts: r.counts,
        }))}
      />
      <h2>{m.byAgency}</h2>
      <CountsTable
        caption={m.byAgency}
        head={m.agency}
        kind="agency"
        m={m}
        rows={got.byAgency.map((r) => ({
          key: r.agency ?? "",
          name: r.agency ? (agencies.get(r.agency) ?? r.agency) : m.noAgency,
          counts: r.counts,
        }))}
      />
    </section>
  );
}
