import { loadProgramDefinitions } from "@spm/db";
import { APPROVAL_ACTIONS, type ApprovalAction, approvalActionRole, stepApproval } from "@spm/kpi";
import { type ApprovalUnitView, listApprovalUnits } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { formatWhen } from "~/components/alerts/describe";
import { ApprovalActions } from "~/components/approvals/approval-actions";
import { ColumnHeads } from "~/components/column-heads";
import { ProgramSelect } from "~/components/program-select";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import { getApprovalsMessages } from "~/i18n/approvals";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: getApprovalsMessages(locale).title };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATE_ICON = { open: "○", submitted: "◐", approved: "✔" } as const;
const RANK = ["viewer", "steward", "manager", "admin"];

/**
 * Approval of a programme's year, place by place: each unit's state, its latest action and its
 * figures, and the actions the reader may take (stewards submit their places, managers approve,
 * return and reopen theirs). Stewards and up.
 */
export default async function ApprovalsPage({ searchParams }: Props) {
  await connection();
  const user = await requireUser("steward");
  const [search, { locale }] = await Promise.all([searchParams, getMessages()]);
  const t = getApprovalsMessages(locale);
  const programs = await loadProgramDefinitions(db());
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const program = programs.find((p) => p.code === one(search.program)) ?? programs[0];
  if (!program) {
    return (
      <section aria-labelledby="approvals-title">
        <h1 id="approvals-title">{t.title}</h1>
        <p className="empty">{t.noPrograms}</p>
      </section>
    );
  }
  const years = Array.from(
    { length: program.years.end - program.years.start + 1 },
    (_, i) => program.years.start + i,
  );
  const asked = Number(one(search.year));
  const lastEnded = Math.min(program.years.end, new Date().getUTCFullYear() - 1);
  const year = years.includes(asked) ? asked : Math.max(program.years.start, lastEnded);
  const { units } = await listApprovalUnits(db(), { program: program.code, year });
  const names = new Map([program.nation, ...program.regions].map((p) => [p.code, p.name[locale]]));
  const programName = program.name[locale];
  const caption = format(t.caption, { program: programName, year: String(year) });
  const mayAct = (unit: ApprovalUnitView): ApprovalAction[] =>
    APPROVAL_ACTIONS.filter(
      (a) =>
        RANK.indexOf(user.role) >= RANK.indexOf(approvalActionRole(a)) &&
        (user.regions === null || user.regions.includes(unit.region)) &&
        stepApproval(unit.state, a).ok,
    );
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t.title}</h1>
      <p>{t.intro}</p>
      <form method="get" className="filters">
        <ProgramSelect
          label={t.program}
          programs={programs.map((p) => ({ code: p.code, name: p.name[locale] }))}
          value={program.code}
        />{" "}
        <label>
          {t.year}{" "}
          <select name="year" defaultValue={String(year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t.show}</button>
      </form>
      <ScrollBox label={caption}>
        <table data-table="approvals">
          <caption className="visually-hidden">{caption}</caption>
          <ColumnHeads columns={[t.place, t.state, t.latest, t.comment, t.figures, t.actions]} />
          <tbody>
            {units.map((unit) => (
              <tr key={unit.region} data-unit={unit.region} data-state={unit.state}>
                <th scope="row">{names.get(unit.region) ?? unit.region}</th>
                <td>
                  <span aria-hidden="true">{STATE_ICON[unit.state]} </span>
                  {t.states[unit.state]}
                  {unit.lastAction === "return" && <> ({t.returned})</>}
                </td>
                <td>
                  {unit.lastAction
                    ? format(t.lastAction[unit.lastAction], {
                        by: unit.actedByName ?? t.none,
                        at: formatWhen(unit.actedAt, locale),
                      })
                    : t.none}
                </td>
                <td>{unit.comment ?? t.none}</td>
                <td className="num">
                  {format(t.figuresOf, {
                    figures: String(unit.figures),
                    indicators: String(unit.indicators),
                  })}
                </td>
                <td>
                  <ApprovalActions
                    program={program.code}
                    year={year}
                    region={unit.region === program.nation.code ? undefined : unit.region}
                    actions={mayAct(unit)}
                    labels={t}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
