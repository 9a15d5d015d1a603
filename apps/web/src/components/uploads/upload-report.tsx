"use client";

import type { Locale } from "@spm/kpi";
import { useState } from "react";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import type { UploadsMessages } from "~/i18n/uploads";
import { choicesOf, type ErrorFilter, filterErrors } from "./error-filter";
import { rowErrorMessage } from "./row-message";
import type { UploadReport } from "./upload-client";

/** Counts, status changes and the rejected rows (filterable, downloadable) of one upload. */
export function UploadReportView(props: {
  report: UploadReport;
  t: UploadsMessages;
  levels: Record<string, string>;
  locale: Locale;
}) {
  const { report, t, levels, locale } = props;
  const [filter, setFilter] = useState<ErrorFilter>({ code: "", field: "" });
  const shown = filterErrors(report.errors, filter);
  return (
    <div className="upload-report" data-upload-report={report.id}>
      <p data-counts>{format(report.dryRun ? t.previewText : t.doneText, { ...report.counts })}</p>
      <h3>{t.statusChanges}</h3>
      {report.statusChanges.length === 0 ? (
        <p className="muted">{t.noStatusChanges}</p>
      ) : (
        <ul data-status-changes>
          {report.statusChanges.map((c) => (
            <li key={`${c.indicator}-${c.region}`}>
              {format(t.change, {
                indicator: c.indicator,
                region: c.region,
                from: c.current.from ? (levels[c.current.from] ?? c.current.from) : "—",
                to: levels[c.current.to] ?? c.current.to,
              })}
            </li>
          ))}
        </ul>
      )}
      {(report.warnings ?? []).length > 0 && (
        <>
          <h3>{t.warningsTitle}</h3>
          <ul data-warnings>
            {(report.warnings ?? []).map((w) => (
              <li key={`${w.row}-${w.code}`} data-warning={w.code}>
                {w.row}: {rowErrorMessage({ ...w, field: "value" }, locale)}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.errors.length > 0 && (
        <>
          <h3>{t.errorsTitle}</h3>
          <div className="filters">
            <label>
              {t.filterCode}{" "}
              <select
                value={filter.code}
                onChange={(e) => setFilter({ ...filter, code: e.target.value })}
              >
                <option value="">{t.allCodes}</option>
                {choicesOf(report.errors, "code").map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.filterField}{" "}
              <select
                value={filter.field}
                onChange={(e) => setFilter({ ...filter, field: e.target.value })}
              >
                <option value="">{t.allFields}</option>
                {choicesOf(report.errors, "field").map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
            <p role="status" data-shown>
              {format(t.shownErrors, { shown: shown.length, total: report.errors.length })}
            </p>
          </div>
          <ScrollBox label={t.errorsTitle}>
            <table data-errors className="stacked">
              <thead>
                <tr>
                  <th scope="col">{t.row}</th>
                  <th scope="col">{t.field}</th>
                  <th scope="col">{t.code}</th>
                  <th scope="col">{t.message}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr key={`${e.row}-${e.field}-${e.code}`}>
                    <td className="num" data-label={t.row}>
                      {e.row}
                    </td>
                    <td data-label={t.field}>{e.field}</td>
                    <td data-label={t.code}>
                      <code>{e.code}</code>
                    </td>
                    <td data-label={t.message}>{rowErrorMessage(e, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <p>
            <a href={`/api/v1/uploads/${report.id}/rejected.csv`} download>
              {t.downloadRejected}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
