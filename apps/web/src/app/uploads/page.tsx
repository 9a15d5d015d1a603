import {
  findUploadById,
  listPrograms,
  listUploadErrors,
  listUploads,
  listUploadWarnings,
  type Upload,
} from "@spm/db";
import { readsSentConfidential, showRowError } from "@spm/kpi";
import { connection } from "next/server";
import { ScrollBox } from "~/components/scroll-box";
import type { UploadReport } from "~/components/uploads/upload-client";
import { UploadPanel } from "~/components/uploads/upload-panel";
import { UploadReportView } from "~/components/uploads/upload-report";
import { env } from "~/env";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { getUploadsMessages } from "~/i18n/uploads";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

export default async function UploadsPage(props: { searchParams: Promise<{ upload?: string }> }) {
  await connection();
  const user = await requireUser("steward");
  const { locale, t: common } = await getMessages();
  const t = getUploadsMessages(locale);
  const mine = user.role === "steward" ? `user:${user.id}` : undefined;
  const { upload: openId } = await props.searchParams;
  const [programs, uploads, opened] = await Promise.all([
    listPrograms(db()),
    listUploads(db(), { createdBy: mine, limit: 30 }),
    openId && /^[0-9a-f-]{36}$/.test(openId) ? findUploadById(db(), openId) : undefined,
  ]);
  // A steward reads only their own reports; managers and admins read every one.
  // Values of rows sent flagged confidential: for their sender and readers with the permission.
  const reader = { actor: `user:${user.id}`, confidential: user.confidential };
  const seesSent = readsSentConfidential(reader, opened?.created_by ?? null);
  const report =
    opened && (!mine || opened.created_by === mine) ? await toReport(opened, seesSent) : null;
  const n = (v: number) => formatValue(v, locale);
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">
        {t.intro} {format(t.limit, { limit: env().MAX_UPLOAD_MB })}
      </p>
      <UploadPanel t={t} levels={common.level} locale={locale} limitMb={env().MAX_UPLOAD_MB} />
      {report && (
        <section aria-labelledby="opened-report">
          <h2 id="opened-report">{report.dryRun ? t.previewTitle : t.doneTitle}</h2>
          <UploadReportView report={report} t={t} levels={common.level} locale={locale} />
        </section>
      )}
      <h2>{t.templates}</h2>
      <ul>
        {programs.map((p) => (
          <li key={p.code}>
            <a href={`/api/v1/programs/${p.code}/template.csv`}>
              {format(t.templateCsv, { program: p.code })}
            </a>
            {" · "}
            <a href={`/api/v1/programs/${p.code}/template.xlsx`}>
              {format(t.templateXlsx, { program: p.code })}
            </a>
          </li>
        ))}
      </ul>
      <h2>{t.history}</h2>
      {uploads.length === 0 ? (
        <p className="empty">{t.noHistory}</p>
      ) : (
        <ScrollBox label={t.history}>
          <table data-history>
            <thead>
              <tr>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.file}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.counts}</th>
              </tr>
            </thead>
            <tbody>
              {uploads.map((u) => (
                <tr key={u.id} data-upload={u.id}>
                  <td>{u.created_at.toISOString().replace("T", " ").slice(0, 16)} UTC</td>
                  <td>
                    <a href={`/uploads?upload=${u.id}`}>{u.filename ?? u.format ?? u.kind}</a>
                    {u.dry_run && <span className="tag">{t.dryRun}</span>}
                  </td>
                  <td>{t.stateNames[u.status]}</td>
                  <td className="num">
                    {n(u.inserted)} / {n(u.updated)} / {n(u.unchanged)} / {n(u.rejected)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}

/** The report of a stored upload, in the shape the report view reads. */
async function toReport(u: Upload, seesConfidential: boolean): Promise<UploadReport> {
  const errors = (await listUploadErrors(db(), u.id, { limit: 5000 })).map((e) =>
    showRowError(e, seesConfidential),
  );
  return {
    id: u.id,
    status: u.status,
    dryRun: u.dry_run,
    counts: {
      received: u.received,
      inserted: u.inserted,
      updated: u.updated,
      unchanged: u.unchanged,
      rejected: u.rejected,
    },
    progress: { done: u.progress_done, total: u.progress_total },
    // With their parameters: the report words each error in the reader's language from them.
    errors: errors.map((e) => ({
      row: e.row,
      field: e.field,
      code: e.code,
      message: e.message,
      params: e.params as Record<string, unknown> | null,
    })),
    warnings: (await listUploadWarnings(db(), u.id, { limit: 5000 })).map((w) => {
      const shown = showRowError({ ...w, field: "value" }, seesConfidential);
      return { row: shown.row, code: shown.code, message: shown.message, params: shown.params };
    }),
    statusChanges: u.status_changes as UploadReport["statusChanges"],
    failureReason: u.failure_reason,
  };
}
