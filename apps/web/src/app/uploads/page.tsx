import { listPrograms, listUploads } from "@spm/db";
import { connection } from "next/server";
import { UploadPanel } from "~/components/uploads/upload-panel";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { getUploadsMessages } from "~/i18n/uploads";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

export default async function UploadsPage() {
  await connection();
  const user = await requireUser("steward");
  const { locale, t: common } = await getMessages();
  const t = getUploadsMessages(locale);
  const mine = user.role === "steward" ? `user:${user.id}` : undefined;
  const [programs, uploads] = await Promise.all([
    listPrograms(db()),
    listUploads(db(), { createdBy: mine, limit: 30 }),
  ]);
  const n = (v: number) => formatValue(v, locale);
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <UploadPanel t={t} levels={common.level} />
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
                  {u.filename ?? u.format ?? u.kind}
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
      )}
    </>
  );
}
