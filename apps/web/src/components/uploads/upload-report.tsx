"use client";

import { useState } from "react";
import { format } from "~/i18n";
import type { UploadsMessages } from "~/i18n/uploads";
import type { UploadReport } from "./upload-client";

/** Counts, status changes and the rejected rows (filterable, downloadable) of one upload. */
export function UploadReportView(props: {
  report: UploadReport;
  t: UploadsMessages;
  levels: Record<string, string>;
}) {
  const { report, t, levels } = props;
  const [code, setCode] = useState("");
  const codes = [...new Set(report.errors.map((e) => e.code))].sort();
  const shown = code ? report.errors.filter((e) => e.code === code) : report.errors;
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
      {report.errors.length > 0 && (
        <>
          <h3>{t.errorsTitle}</h3>
          <label>
            {t.filterCode}{" "}
            <select value={code} onChange={(e) => setCode(e.target.value)}>
              <option value="">{t.allCodes}</option>
              {codes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <table data-errors>
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
                  <td className="num">{e.row}</td>
                  <td>{e.field}</td>
                  <td>
                    <code>{e.code}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
