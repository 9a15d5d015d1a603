import type { FieldChange, Locale } from "@spm/kpi";
import type { ImportResult } from "@spm/services";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import type { ProgramsMessages } from "~/i18n/programs";

const isLocalized = (v: object): v is Record<Locale, string> =>
  ["en", "ru", "kk"].every((l) => typeof (v as Record<string, unknown>)[l] === "string");

/** A definition's value as a person reads it: texts in the reader's language, ranges as a–b. */
function shown(value: unknown, t: ProgramsMessages, locale: Locale): string {
  if (value === undefined || value === null) return t.absent;
  if (typeof value !== "object") return String(value);
  if (isLocalized(value)) return value[locale];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number"))
    return `${value[0]}–${value[1]}`;
  return JSON.stringify(value);
}

/** `targets.2021` → "Target, 2021"; a field without a label keeps its name. */
function fieldName(field: string, t: ProgramsMessages): string {
  const [base = field, ...rest] = field.split(".");
  const label = (t.fields as Record<string, string>)[base] ?? base;
  return rest.length > 0 ? `${label}, ${rest.join(".")}` : label;
}

function Codes(props: {
  title: string;
  codes: string[];
  names: (c: string) => string;
  t: ProgramsMessages;
  kind: string;
}) {
  return (
    <div data-diff={props.kind}>
      <h3>{props.title}</h3>
      {props.codes.length === 0 ? (
        <p className="muted">{props.t.none}</p>
      ) : (
        <ul>
          {props.codes.map((code) => (
            <li key={code} data-indicator={code}>
              {props.names(code)} (<code>{code}</code>)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ChangeTable(props: {
  caption: string;
  rows: { indicator?: string; change: FieldChange }[];
  heads: [string, string];
  kind: string;
  names: (c: string) => string;
  t: ProgramsMessages;
  locale: Locale;
}) {
  const { t, locale } = props;
  const indicators = props.rows.some((r) => r.indicator);
  return (
    <ScrollBox label={props.caption}>
      <table data-diff={props.kind}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {indicators && <th scope="col">{t.indicator}</th>}
            <th scope="col">{t.field}</th>
            <th scope="col">{props.heads[0]}</th>
            <th scope="col">{props.heads[1]}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ indicator, change }) => (
            <tr
              key={`${indicator}:${change.field}`}
              data-change={`${indicator ?? ""}|${change.field}`}
            >
              {indicators && <td>{indicator ? props.names(indicator) : ""}</td>}
              <th scope="row">{fieldName(change.field, t)}</th>
              <td>{shown(change.before, t, locale)}</td>
              <td>{shown(change.after, t, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** What an import creates, changes and retires, and the fields managers changed (conflicts). */
export function ProgramDiff(props: {
  result: ImportResult;
  t: ProgramsMessages;
  locale: Locale;
  /** An import done: its own sentence says so, not "would". */
  done?: boolean;
}) {
  const { result, t, locale } = props;
  const { diff } = result;
  const names = (code: string) => diff.names[code]?.[locale] ?? code;
  const common = { names, t, locale };
  const changes = diff.changed.flatMap((c) =>
    c.changes.map((change) => ({ indicator: c.indicator, change })),
  );
  const conflicts = result.conflicts.map((c) => ({
    indicator: c.indicator,
    change: { field: c.field, before: c.fileValue, after: c.currentValue },
  }));
  return (
    <div data-import-diff>
      {!props.done && (
        <p>{format(t.status[result.status], { code: result.code, count: result.indicators })}</p>
      )}
      <p className="muted">{format(t.history, result.history)}</p>
      {conflicts.length > 0 && (
        <>
          <ChangeTable
            caption={t.conflicts}
            rows={conflicts}
            heads={[t.fileValue, t.currentValue]}
            kind="conflicts"
            {...common}
          />
          <p className="muted">{result.forced ? t.conflictsForced : t.conflictsKept}</p>
        </>
      )}
      <Codes title={t.created} codes={diff.created} kind="created" {...common} />
      <Codes title={t.retired} codes={diff.retired} kind="retired" {...common} />
      {changes.length > 0 && (
        <ChangeTable
          caption={t.changed}
          rows={changes}
          heads={[t.before, t.after]}
          kind="changed"
          {...common}
        />
      )}
      {diff.program.length > 0 && (
        <ChangeTable
          caption={t.programChanges}
          rows={diff.program.map((change) => ({ change }))}
          heads={[t.before, t.after]}
          kind="program"
          {...common}
        />
      )}
    </div>
  );
}
