import { listPrograms, loadProgramDefinitions } from "@spm/db";
import { missingNarratives } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ProgramSelect } from "~/components/program-select";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.owed.title };
}

const PROGRAM = /^[A-Z][A-Z0-9-]{1,63}$/;

/**
 * The narratives a programme still owes (managers): every indicator × place × year whose level
 * needs an explanation and has none, newest year first, each linked to the indicator page where
 * it is written. Read from the stored statuses; not cached (it changes as narratives are written).
 */
export default async function NarrativesOwedPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  await requireUser("manager");
  const { locale, t } = await getMessages();
  const m = t.owed;
  const q = await props.searchParams;
  const programs = await listPrograms(db());
  const asked = typeof q.program === "string" && PROGRAM.test(q.program) ? q.program : undefined;
  const chosen = programs.find((p) => p.code === asked) ?? programs[0];
  if (!chosen) {
    return (
      <section aria-labelledby="owed-title">
        <h1 id="owed-title">{m.title}</h1>
        <p className="empty">{m.noPrograms}</p>
      </section>
    );
  }
  const definition = (await loadProgramDefinitions(db())).find((p) => p.code === chosen.code);
  const { levels, missing } = await missingNarratives(db(), { program: chosen.code });
  const indicators = new Map(definition?.indicators.map((i) => [i.code, i]) ?? []);
  const places = new Map(
    [definition?.nation, ...(definition?.regions ?? [])].flatMap((p) =>
      p ? [[p.code, p.name[locale]] as const] : [],
    ),
  );
  const rows = [...missing].sort(
    (a, b) =>
      b.year - a.year || a.indicator.localeCompare(b.indicator) || a.region.localeCompare(b.region),
  );
  const levelNames = levels.map((l) => t.level[l as "red"] ?? l).join(", ");
  return (
    <section aria-labelledby="owed-title" data-program={chosen.code}>
      <h1 id="owed-title">{m.title}</h1>
      <p>{format(m.intro, { levels: levelNames })}</p>
      {programs.length > 1 && (
        <form method="get" className="filters" aria-label={m.program}>
          <ProgramSelect
            label={m.program}
            programs={programs.map((p) => ({ code: p.code, name: p.name[locale] }))}
            value={chosen.code}
          />
          <button type="submit">{m.show}</button>
        </form>
      )}
      {rows.length === 0 ? (
        <p className="empty" data-owed="0">
          {format(m.none, { program: chosen.name[locale] })}
        </p>
      ) : (
        <>
          <p data-owed={rows.length}>{format(m.count, { count: rows.length })}</p>
          <ScrollBox label={format(m.caption, { program: chosen.name[locale] })}>
            <table data-table="narratives-owed">
              <caption className="visually-hidden">
                {format(m.caption, { program: chosen.name[locale] })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.year}</th>
                  <th scope="col">{m.indicator}</th>
                  <th scope="col">{m.place}</th>
                  <th scope="col">{m.level}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const link = new URLSearchParams({ year: String(r.year) });
                  if (r.region !== definition?.nation.code) link.set("region", r.region);
                  return (
                    <tr
                      key={`${r.indicator}|${r.region}|${r.year}`}
                      data-indicator={r.indicator}
                      data-region={r.region}
                      data-year={r.year}
                    >
                      <td>{r.year}</td>
                      <th scope="row">
                        <a
                          href={`/indicators/${encodeURIComponent(r.indicator)}?${link}#narratives-title`}
                        >
                          {indicators.get(r.indicator)?.name[locale] ?? r.indicator}
                        </a>
                        <div className="muted">{r.indicator}</div>
                      </th>
                      <td>{places.get(r.region) ?? r.region}</td>
                      <td>
                        <StatusBadge level={r.level} label={t.level[r.level as "red"] ?? r.level} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
    </section>
  );
}
