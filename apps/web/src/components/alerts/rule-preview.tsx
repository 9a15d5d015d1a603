import type { RulePreview } from "@spm/services";
import { ColumnHeads } from "~/components/column-heads";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import type { AlertsMessages } from "~/i18n/alerts";
import type { EditorProgram } from "./rule-form-data";

/** What a rule would watch now and which of its alerts would hold (the first 200 rows). */
export function RulePreviewSection(props: {
  preview: RulePreview;
  program: EditorProgram | undefined;
  t: AlertsMessages;
  levels: Record<string, string>;
}) {
  const { preview, program, t } = props;
  const e = t.editor;
  return (
    <section aria-labelledby="preview-title" aria-live="polite" data-preview>
      <h2 id="preview-title">{e.previewTitle}</h2>
      <p>
        {preview.watched === 0
          ? e.previewNone
          : format(e.previewText, { watched: preview.watched, holding: preview.holding })}
      </p>
      {preview.rows.length > 0 && (
        <ScrollBox label={e.previewTitle}>
          <table>
            <ColumnHeads
              columns={[
                t.columns.indicator,
                t.columns.place,
                t.columns.level,
                t.columns.value,
                e.holdsNow,
              ]}
            />
            <tbody>
              {preview.rows.slice(0, 200).map((row) => (
                <tr
                  key={`${row.indicator}|${row.region}`}
                  data-preview-row={row.indicator}
                  data-holds={row.holds}
                >
                  <td>
                    {program?.indicators.find((i) => i.code === row.indicator)?.name ??
                      row.indicator}
                  </td>
                  <td>
                    {row.region === program?.nation
                      ? t.national
                      : (program?.regions.find((x) => x.code === row.region)?.name ?? row.region)}
                  </td>
                  <td>
                    <StatusBadge level={row.level} label={props.levels[row.level] ?? row.level} />
                  </td>
                  <td>{row.value ?? "—"}</td>
                  <td>{row.holds ? e.yes : e.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
